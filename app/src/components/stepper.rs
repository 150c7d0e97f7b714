use leptos::html::H1;
use leptos::prelude::*;

const STEPS: [&str; 3] = ["User details", "Groups", "Overview"];

/// Where the wizard is, and the step's heading. The heading takes focus when the step opens (in
/// the browser after navigation, and on a page the server rendered), unless an error summary
/// is there to take it instead.
#[component]
pub fn StepHeading(step: usize, #[prop(into)] has_error: Signal<bool>) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    Effect::new(move |_| {
        if let (false, Some(heading)) = (has_error.get_untracked(), heading.get()) {
            let _ = heading.focus();
        }
    });
    view! {
        <nav aria-label="Progress" class="stepper">
            <ol>
                {STEPS
                    .iter()
                    .enumerate()
                    .map(|(index, name)| {
                        let number = index + 1;
                        let current = (number == step).then_some("step");
                        view! {
                            <li aria-current=current class:done=number < step>
                                <span class="visually-hidden">{format!("Step {number} of 3: ")}</span>
                                {*name}
                            </li>
                        }
                    })
                    .collect::<Vec<_>>()}
            </ol>
        </nav>
        <h1 id="step-heading" tabindex="-1" node_ref=heading autofocus=move || !has_error.get()>
            {STEPS[step - 1]}
        </h1>
    }
}
