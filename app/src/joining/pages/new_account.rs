//! A new person accepts: display name, the invitation's address (shown, never posted), and a
//! password with its rules beside it.

use crate::components::{ConfirmPasswordField, ErrorSummary, NewPasswordField, TextField};
use crate::joining::api::AcceptInvitation;
use leptos::prelude::*;

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
            <NewPasswordField error=field_error("password") />
            <ConfirmPasswordField error=field_error("confirm_password") />
            <button type="submit" class="button">"Accept invitation"</button>
        </ActionForm>
    }
}
