//! A new password's field, with its rules listed beside it. The pages that ask for a new
//! password ship no script (docs/architecture.md, Performance), so the rules are checked once,
//! at submission, and a rule not met comes back as the field's error.

use crate::components::FieldErrorText;
use crate::domain::password::MIN_CHARS;
use leptos::prelude::*;

#[component]
pub fn NewPasswordField(error: Signal<Option<String>>) -> impl IntoView {
    let described_by = move || match error.get() {
        Some(_) => "password-rules password-error",
        None => "password-rules",
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for="password">"Password"</label>
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
            />
            <ul id="password-rules" class="rules">
                <li>{format!("At least {MIN_CHARS} characters; spaces, symbols and any language are welcome")}</li>
                <li>"Not a common password, and not built on your name, your email address or the product's name"</li>
            </ul>
        </div>
    }
}

/// The new password again, where a typing slip would lock the person out (joining, a reset).
#[component]
pub fn ConfirmPasswordField(error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <crate::components::TextField
            name="confirm_password"
            label="Confirm password"
            kind="password"
            autocomplete="new-password"
            error
        />
    }
}
