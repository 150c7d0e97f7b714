//! The account page's "Sign-in address" form, and the pages of the link sent to the new
//! address (plain forms: they ship no script).

use crate::components::{ErrorSummary, ProblemNotice, PublicPage, TextField};
use crate::email_change::EmailChangeLink;
use crate::email_change::api::{ConfirmEmailChange, RequestEmailChange, email_change_preview};
use crate::routes::{ACCOUNT, SIGN_IN};
use leptos::prelude::*;
use leptos_meta::Title;

/// On the account page: a new address and the current password.
#[component]
pub fn EmailChangeSection(
    email: String,
    request: ServerAction<RequestEmailChange>,
) -> impl IntoView {
    let error = Signal::derive(move || request.value().get().and_then(Result::err));
    let field_error = move |field: &'static str| {
        Signal::derive(move || error.get().and_then(|error| error.message_for(field)))
    };
    view! {
        <section aria-labelledby="email-heading">
            <h2 id="email-heading">"Sign-in address"</h2>
            <p>
                "You sign in with " <strong>{email}</strong> ". "
                "We send a link to the new address; nothing changes until it is followed."
            </p>
            <ErrorSummary error name="email-errors" />
            <ActionForm action=request attr:novalidate=true>
                <TextField
                    name="email"
                    label="New email address"
                    kind="email"
                    autocomplete="email"
                    error=field_error("email")
                />
                <TextField
                    name="email_password"
                    label="Your password"
                    kind="password"
                    autocomplete="current-password"
                    error=field_error("email_password")
                />
                <button type="submit" class="button button-secondary">"Send confirmation link"</button>
            </ActionForm>
        </section>
    }
}

/// `/email-change/confirm`: where the link lands. Confirming is a button, so a mail scanner
/// that opens the link changes nothing.
#[component]
pub fn EmailChangeConfirmPage() -> impl IntoView {
    let preview = Resource::new(|| (), |_| email_change_preview());
    let confirm = ServerAction::<ConfirmEmailChange>::new();
    let error = Signal::derive(move || confirm.value().get().and_then(Result::err));
    view! {
        <Title text="Confirm your new sign-in address" />
        <PublicPage>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(EmailChangeLink::Open { new_email }) => view! {
                            <h1>"Confirm your new sign-in address"</h1>
                            <p>"From now on you will sign in with " <strong>{new_email}</strong> "."</p>
                            <ErrorSummary error />
                            <ActionForm action=confirm>
                                <button type="submit" class="button">"Confirm this address"</button>
                            </ActionForm>
                        }.into_any(),
                        Ok(EmailChangeLink::Expired) => view! {
                            <h1>"This confirmation link has expired"</h1>
                            <p>"Ask for a new one from " <a href=ACCOUNT>"your account page"</a> "."</p>
                        }.into_any(),
                        Ok(EmailChangeLink::Unavailable) => view! {
                            <h1>"This confirmation link cannot be used"</h1>
                            <p>
                                "It may have been used already or replaced by a newer one, or the link may be incomplete. "
                                "Ask for a new one from " <a href=ACCOUNT>"your account page"</a> "."
                            </p>
                        }.into_any(),
                        Err(problem) => view! {
                            <h1>"Confirm your new sign-in address"</h1>
                            <ProblemNotice problem />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </PublicPage>
    }
}

/// `/email-change/done`.
#[component]
pub fn EmailChangeDonePage() -> impl IntoView {
    view! {
        <Title text="Sign-in address changed" />
        <PublicPage>
            <h1>"Your sign-in address was changed"</h1>
            <p>"Sign in with your new address from now on. We told your old address about the change."</p>
            <p><a class="button" href=SIGN_IN>"Sign in"</a></p>
        </PublicPage>
    }
}
