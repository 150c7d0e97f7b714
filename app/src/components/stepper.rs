use crate::components::PageHeading;
use leptos::prelude::*;

const STEPS: [&str; 3] = ["User details", "Groups", "Overview"];

/// Where the wizard is, and the step's heading. The heading takes focus when the step opens (in
/// the browser after navigation, and on a page the server rendered), unless an error summary
/// is there to take it instead.
#[component]
pub fn StepHeading(step: usize, #[prop(into)] has_error: Signal<bool>) -> impl IntoView {
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
                                {(number < step).then(|| view! { <span class="visually-hidden">" (done)"</span> })}
                            </li>
                        }
                    })
                    .collect::<Vec<_>>()}
            </ol>
        </nav>
        <PageHeading id="step-heading" unless=has_error>{STEPS[step - 1]}</PageHeading>
    }
}
