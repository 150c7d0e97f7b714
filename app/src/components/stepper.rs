use crate::components::{ErrorSummary, PageHeading};
use crate::error::AppError;
use leptos::prelude::*;

const STEPS: [&str; 3] = ["User details", "Groups", "Overview"];

/// The top of every step of the add-user wizard: the page's title, where the wizard is, the
/// step's heading, and the summary of the step's `error`. The heading takes focus when the step
/// opens (in the browser after navigation, and on a page the server rendered), unless the error
/// summary is there to take it instead.
#[component]
pub fn StepHeading(step: usize, error: Signal<Option<AppError>>) -> impl IntoView {
    let has_error = Signal::derive(move || error.get().is_some());
    view! {
        <leptos_meta::Title text=format!("Add user: {}", STEPS[step - 1]) />
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
        <ErrorSummary error />
    }
}
