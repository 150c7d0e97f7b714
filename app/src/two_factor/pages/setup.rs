//! `/settings/account/two-factor`: scan the QR code (or type the key) into an authenticator
//! app and confirm with its first code. `/settings/account/recovery-codes`: the recovery codes
//! that turning it on gave, shown once.

use crate::components::{ErrorSummary, PageHeading, ProblemNotice, TextField};
use crate::routes::ACCOUNT;
use crate::two_factor::TotpSetup;
use crate::two_factor::api::{ConfirmTwoFactor, new_recovery_codes, two_factor_setup};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TwoFactorSetupPage() -> impl IntoView {
    let setup = Resource::new(|| (), |_| two_factor_setup());
    view! {
        <Title text="Set up two-factor authentication" />
        <PageHeading id="two-factor-setup-heading">"Set up two-factor authentication"</PageHeading>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match setup.await {
                    Ok(Some(setup)) => view! { <ScanAndConfirm setup /> }.into_any(),
                    Ok(None) => view! {
                        <p>"Nothing is being set up. Start from " <a href=ACCOUNT>"your account"</a> "."</p>
                    }.into_any(),
                    Err(problem) => view! { <ProblemNotice problem /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ScanAndConfirm(setup: TotpSetup) -> impl IntoView {
    let confirm = ServerAction::<ConfirmTwoFactor>::new();
    let error = Signal::derive(move || confirm.value().get().and_then(Result::err));
    let code_error =
        Signal::derive(move || error.get().and_then(|error| error.message_for("code")));
    view! {
        <ol class="steps">
            <li>
                <p>"Scan this QR code with an authenticator app (such as Google Authenticator, Microsoft Authenticator, 1Password or Aegis)."</p>
                // Drawn by the server from the app's address: rectangles only, no text.
                <div class="qr-code" role="img" aria-label="QR code for your authenticator app" inner_html=setup.qr_svg></div>
            </li>
            <li>
                <p>"Cannot scan it? Type this key into the app instead:"</p>
                <p><code class="setup-key" id="setup-key">{setup.key}</code></p>
            </li>
            <li>
                <p>"Type the code the app shows, to turn two-factor authentication on."</p>
                <ErrorSummary error />
                <ActionForm action=confirm attr:novalidate=true>
                    <TextField
                        name="code"
                        label="Code from the app"
                        autocomplete="one-time-code"
                        error=code_error
                    />
                    <button type="submit" class="button">"Turn on"</button>
                </ActionForm>
            </li>
        </ol>
        <p><a href=ACCOUNT>"Cancel"</a></p>
    }
}

#[component]
pub fn RecoveryCodesPage() -> impl IntoView {
    let codes = Resource::new(|| (), |_| new_recovery_codes());
    view! {
        <Title text="Your recovery codes" />
        <PageHeading id="recovery-codes-heading">"Your recovery codes"</PageHeading>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match codes.await {
                    Ok(codes) if !codes.is_empty() => view! {
                        <p>
                            "Two-factor authentication is on. If you lose your phone, each of these codes signs you in once instead of a code from the app; any codes you had before no longer work. "
                            <strong>"Keep them somewhere safe now: this is the only time they are shown."</strong>
                        </p>
                        <ul class="recovery-codes" aria-label="Recovery codes">
                            {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect::<Vec<_>>()}
                        </ul>
                    }.into_any(),
                    Ok(_) => view! {
                        <p>"Recovery codes are shown only once, when they are made."</p>
                    }.into_any(),
                    Err(problem) => view! { <ProblemNotice problem /> }.into_any(),
                }
            })}
        </Suspense>
        <p><a href=ACCOUNT>"Back to your account"</a></p>
    }
}
