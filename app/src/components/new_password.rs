//! A new password's field: the rules as a checklist that ticks as they are met, and, where the
//! page may ask the server (the invitation's pages), a strength hint as the person types.

use crate::components::FieldErrorText;
use crate::domain::password::MIN_CHARS;
use crate::domain::password_hint::PasswordHint;
use leptos::prelude::*;

/// Waits for a pause in typing before asking the server for a hint.
const HINT_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// How a page rates a password as it is typed: `rate(password)` asks the server, which checks
/// it as it will at submission (common, personal and guessable passwords included).
pub type Rater = Callback<String, ()>;

#[component]
pub fn NewPasswordField(
    error: Signal<Option<String>>,
    /// The server's verdict on what was typed, set by the page's rater; `None` before any.
    #[prop(optional, into)]
    hint: Option<RwSignal<Option<PasswordHint>>>,
    /// Asks for `hint`; without one, only the length ticks as the person types.
    #[prop(optional)]
    rate: Option<Rater>,
) -> impl IntoView {
    let hint = hint.unwrap_or_else(|| RwSignal::new(None));
    let length = RwSignal::new(0usize);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |event: leptos::ev::Event| {
        let password = event_target_value(&event);
        length.set(password.chars().count());
        let Some(rate) = rate else { return };
        if let Some(previous) = pending.get_value() {
            previous.clear();
        }
        let handle = set_timeout_with_handle(move || rate.run(password), HINT_DELAY);
        pending.set_value(handle.ok());
    };
    let described_by = move || {
        let mut ids = vec!["password-rules"];
        if rate.is_some() {
            ids.push("password-strength");
        }
        if error.get().is_some() {
            ids.push("password-error");
        }
        ids.join(" ")
    };
    let long_enough = Signal::derive(move || length.get() >= MIN_CHARS);
    let accepted =
        Signal::derive(move || long_enough.get() && hint.get().is_some_and(|h| h.accepted));
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
                on:input=on_input
            />
            <ul id="password-rules" class="checklist">
                <Rule met=long_enough hydrated>{format!("At least {MIN_CHARS} characters; spaces, symbols and any language are welcome")}</Rule>
                <Rule met=accepted hydrated>"Not a common password, and not built on your name, your email address or the product's name"</Rule>
            </ul>
            {rate.is_some().then(|| view! {
                <p id="password-strength" class="strength" aria-live="polite">
                    {move || hint.get().map(|hint| view! {
                        <span class=format!("strength-meter strength-{}", hint.score)></span>
                        <span>"Strength: " {hint.text}</span>
                    })}
                </p>
            })}
        </div>
    }
}

/// One rule of the checklist. Its state is said in words too, once scripts can know it.
#[component]
fn Rule(met: Signal<bool>, hydrated: RwSignal<bool>, children: Children) -> impl IntoView {
    let state = move || {
        hydrated.get().then(|| {
            if met.get() {
                " (met)"
            } else {
                " (not met yet)"
            }
        })
    };
    view! {
        <li class:met=met>{children()}<span class="visually-hidden">{state}</span></li>
    }
}
