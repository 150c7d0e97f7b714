//! The account page's "Two-factor authentication" section: set it up (with the password), or
//! see since when it is on and turn it off (with the password and a code).

use crate::components::{ErrorSummary, Moment, ProblemNotice, TextField};
use crate::error::AppError;
use crate::two_factor::TwoFactorView;
use crate::two_factor::api::{
    BeginTwoFactorSetup, ReplaceRecoveryCodes, TurnOffTwoFactor, two_factor_status,
};
use leptos::prelude::*;

#[component]
pub fn TwoFactorSection(turn_off: ServerAction<TurnOffTwoFactor>) -> impl IntoView {
    let begin = ServerAction::<BeginTwoFactorSetup>::new();
    let status = Resource::new(move || turn_off.version().get(), |_| two_factor_status());
    view! {
        <section aria-labelledby="two-factor-heading">
            <h2 id="two-factor-heading">"Two-factor authentication"</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(TwoFactorView { on_since: Some(since), recovery_codes_left, .. }) => view! {
                            <p>
                                "On since " <Moment at=since /> ". Signing in asks for a code from your authenticator app after your password. "
                                {format!("{recovery_codes_left} of your recovery codes are left.")}
                            </p>
                            <NewCodesForm />
                            <TurnOffForm turn_off />
                        }.into_any(),
                        Ok(TwoFactorView { required_by, .. }) => view! {
                            {required_by.map(|workspace| view! {
                                <p class="notice" role="status">
                                    <strong>{workspace}</strong>
                                    " requires two-factor authentication. Set it up to continue to the workspace."
                                </p>
                            })}
                            <SetUpForm begin />
                        }.into_any(),
                        Err(problem) => view! { <ProblemNotice problem /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn field_error(
    action_error: Signal<Option<AppError>>,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        action_error
            .get()
            .and_then(|error| error.message_for(field))
    })
}

#[component]
fn SetUpForm(begin: ServerAction<BeginTwoFactorSetup>) -> impl IntoView {
    let error = Signal::derive(move || begin.value().get().and_then(Result::err));
    view! {
        <p>
            "Off. With it on, signing in needs a code from an authenticator app on your phone "
            "as well as your password, so a stolen password is not enough."
        </p>
        <ErrorSummary error name="two-factor-errors" />
        <ActionForm action=begin attr:novalidate=true>
            <TextField
                name="setup_password"
                label="Your password, to set it up"
                kind="password"
                autocomplete="current-password"
                error=field_error(error, "setup_password")
            />
            <button type="submit" class="button button-secondary">"Set up two-factor authentication"</button>
        </ActionForm>
    }
}

/// Ten new recovery codes, shown on their own page (a redirect, with or without JavaScript).
#[component]
fn NewCodesForm() -> impl IntoView {
    let replace = ServerAction::<ReplaceRecoveryCodes>::new();
    let error = Signal::derive(move || replace.value().get().and_then(Result::err));
    view! {
        <h3>"New recovery codes"</h3>
        <p>"The old codes stop working."</p>
        <ErrorSummary error name="recovery-codes-errors" />
        <ActionForm action=replace attr:novalidate=true>
            <PasswordAndCode fields="codes" purpose="for new recovery codes" error />
            <button type="submit" class="button button-secondary">"Get new recovery codes"</button>
        </ActionForm>
    }
}

#[component]
fn TurnOffForm(turn_off: ServerAction<TurnOffTwoFactor>) -> impl IntoView {
    let error = Signal::derive(move || turn_off.value().get().and_then(Result::err));
    view! {
        <h3>"Turn it off"</h3>
        <ErrorSummary error name="two-factor-errors" />
        <ActionForm action=turn_off attr:novalidate=true>
            <PasswordAndCode fields="off" purpose="to turn it off" error />
            <button type="submit" class="button button-secondary">"Turn off two-factor authentication"</button>
        </ActionForm>
    }
}

/// The password and a current code that a change to a factor that is on needs: the fields
/// `<fields>_password` and `<fields>_code`, labelled for `purpose`.
#[component]
fn PasswordAndCode(
    fields: &'static str,
    purpose: &'static str,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let (password, code) = (format!("{fields}_password"), format!("{fields}_code"));
    view! {
        <TextField
            name=password.clone()
            label=format!("Your password, {purpose}")
            kind="password"
            autocomplete="current-password"
            error=Signal::derive(move || error.get().and_then(|error| error.message_for(&password)))
        />
        <TextField
            name=code.clone()
            label=format!("Authentication code, {purpose}")
            autocomplete="one-time-code"
            hint="From your authenticator app, or one of your recovery codes."
            error=Signal::derive(move || error.get().and_then(|error| error.message_for(&code)))
        />
    }
}
