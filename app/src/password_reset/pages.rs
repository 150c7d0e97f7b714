//! The password reset pages. They are plain forms and ship no script
//! (docs/architecture.md, Performance).

use crate::components::{
    ConfirmPasswordField, ErrorSummary, NewPasswordField, ProblemNotice, PublicPage, TextField,
};
use crate::password_reset::ResetPreview;
use crate::password_reset::api::{
    CompletePasswordReset, RequestPasswordReset, password_reset_preview,
};
use crate::routes::{PASSWORD_RESET, SIGN_IN};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/password-reset`: the address to send a link to.
#[component]
pub fn PasswordResetPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    let error = Signal::derive(move || request.value().get().and_then(Result::err));
    let email_error =
        Signal::derive(move || error.get().and_then(|error| error.message_for("email")));
    view! {
        <Title text="Reset your password" />
        <PublicPage>
            <h1>"Reset your password"</h1>
            <p>"Enter the email address you sign in with. If it has an account, we will email it a link to choose a new password."</p>
            <ErrorSummary error />
            <ActionForm action=request attr:novalidate=true>
                <TextField
                    name="email"
                    label="Email"
                    kind="email"
                    autocomplete="username"
                    error=email_error
                />
                <button type="submit" class="button">"Email me a link"</button>
            </ActionForm>
            <p><a href=SIGN_IN>"Back to sign in"</a></p>
        </PublicPage>
    }
}

/// `/password-reset/sent`: the same page whether or not the address has an account.
#[component]
pub fn PasswordResetSentPage() -> impl IntoView {
    view! {
        <Title text="Check your email" />
        <PublicPage>
            <h1>"Check your email"</h1>
            <p>
                "If an account uses that address, we have emailed it a link to choose a new password. "
                "The link works once and for a limited time."
            </p>
            <p>"Nothing arrived? Check your spam folder, or " <a href=PASSWORD_RESET>"ask for another link"</a> "."</p>
            <p><a href=SIGN_IN>"Back to sign in"</a></p>
        </PublicPage>
    }
}

/// `/password-reset/new`: where a reset link lands.
#[component]
pub fn PasswordResetNewPage() -> impl IntoView {
    let preview = Resource::new(|| (), |_| password_reset_preview());
    view! {
        <Title text="Choose a new password" />
        <PublicPage>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(ResetPreview::Open { email }) => view! { <NewPasswordForm email /> }.into_any(),
                        Ok(ResetPreview::Expired) => view! {
                            <h1>"This reset link has expired"</h1>
                            <p>"Reset links work for a limited time. " <a href=PASSWORD_RESET>"Ask for a new one"</a> "."</p>
                        }.into_any(),
                        Ok(ResetPreview::Unavailable) => view! {
                            <h1>"This reset link cannot be used"</h1>
                            <p>
                                "It may have been used already, or replaced when the password was changed, or the link may be incomplete. "
                                <a href=PASSWORD_RESET>"Ask for a new one"</a> "."
                            </p>
                        }.into_any(),
                        Err(error) => view! {
                            <h1>"Choose a new password"</h1>
                            <ProblemNotice problem=error />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </PublicPage>
    }
}

#[component]
fn NewPasswordForm(email: String) -> impl IntoView {
    let complete = ServerAction::<CompletePasswordReset>::new();
    let error = Signal::derive(move || complete.value().get().and_then(Result::err));
    let field_error = move |field: &'static str| {
        Signal::derive(move || error.get().and_then(|error| error.message_for(field)))
    };
    view! {
        <h1>"Choose a new password"</h1>
        <p>"For " <strong>{email.clone()}</strong> ". Every device signed in to this account will be signed out."</p>
        <ErrorSummary error />
        <ActionForm action=complete attr:novalidate=true>
            // For password managers: the account the new password belongs to; never posted.
            <input type="hidden" value=email autocomplete="username" />
            <NewPasswordField error=field_error("password") />
            <ConfirmPasswordField error=field_error("confirm_password") />
            <button type="submit" class="button">"Change password"</button>
        </ActionForm>
    }
}

/// `/password-reset/done`.
#[component]
pub fn PasswordResetDonePage() -> impl IntoView {
    view! {
        <Title text="Password changed" />
        <PublicPage>
            <h1>"Your password was changed"</h1>
            <p>"Every device that was signed in to your account has been signed out. Sign in with your new password."</p>
            <p><a class="button" href=SIGN_IN>"Sign in"</a></p>
        </PublicPage>
    }
}
