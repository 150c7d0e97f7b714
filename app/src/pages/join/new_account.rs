//! A new person accepts: display name, the invitation's address (shown, never posted), and a
//! password with the policy up front and a strength hint as they type.

use crate::api::join::{AcceptInvitation, rate_password};
use crate::components::FieldErrorText;
use crate::components::{ErrorSummary, TextField};
use crate::domain::password::POLICY;
use crate::joining::PasswordHint;
use leptos::prelude::*;

/// Waits for a pause in typing before asking the server for a hint.
const HINT_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

#[component]
pub fn NewAccountForm(email: String, suggested_name: String) -> impl IntoView {
    let accept = ServerAction::<AcceptInvitation>::new();
    let error = Signal::derive(move || accept.value().get().and_then(Result::err));
    let field_error = move |field: &'static str| {
        Signal::derive(move || error.get().and_then(|error| error.message_for(field)))
    };
    view! {
        <h2>"Create your account"</h2>
        <ErrorSummary error />
        <ActionForm action=accept attr:novalidate=true>
            <TextField
                name="display_name"
                label="Display name"
                autocomplete="name"
                value=suggested_name.clone()
                error=field_error("display_name")
            />
            <div class="field">
                <label for="invitee-email">"Email"</label>
                <p class="hint" id="invitee-email-hint">
                    "The address this invitation was sent to. It becomes your sign-in."
                </p>
                // No `name`: the address comes from the invitation, never from the form.
                <input
                    id="invitee-email"
                    type="email"
                    value=email.clone()
                    readonly
                    aria-describedby="invitee-email-hint"
                />
            </div>
            <NewPasswordField email name=suggested_name error=field_error("password") />
            <TextField
                name="confirm_password"
                label="Confirm password"
                kind="password"
                autocomplete="new-password"
                error=field_error("confirm_password")
            />
            <button type="submit" class="button">"Accept invitation"</button>
        </ActionForm>
    }
}

#[component]
fn NewPasswordField(
    email: String,
    /// Weakens the estimate of passwords built on it; the server checks the name as posted.
    name: String,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let hint = RwSignal::new(None::<PasswordHint>);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |event: leptos::ev::Event| {
        let password = event_target_value(&event);
        let (email, name) = (email.clone(), name.clone());
        if let Some(previous) = pending.get_value() {
            previous.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                leptos::task::spawn_local(async move {
                    if let Ok(rated) = rate_password(password, name, email).await {
                        hint.set(Some(rated));
                    }
                });
            },
            HINT_DELAY,
        );
        pending.set_value(handle.ok());
    };
    let described_by = move || {
        let mut ids = vec!["password-hint", "password-strength"];
        if error.get().is_some() {
            ids.push("password-error");
        }
        ids.join(" ")
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for="password">"Password"</label>
            <p class="hint" id="password-hint">{POLICY}</p>
            {move || error.get().map(|message| view! {
                <FieldErrorText id="password-error" message />
            })}
            <input
                id="password"
                name="password"
                type="password"
                autocomplete="new-password"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
                on:input=on_input
            />
            <p id="password-strength" class="strength" aria-live="polite">
                {move || hint.get().map(|hint| view! {
                    <span class=format!("strength-meter strength-{}", hint.score)></span>
                    <span>"Strength: " {hint.text}</span>
                })}
            </p>
        </div>
    }
}
