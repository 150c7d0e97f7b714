//! How pages say what went wrong: beside a field, or in place of what a page could not show.

use crate::error::AppError;
use leptos::prelude::*;

/// A field's error, read out before the field's own text.
#[component]
pub fn FieldErrorText(
    #[prop(optional, into)] id: Option<String>,
    #[prop(into)] message: String,
) -> impl IntoView {
    view! {
        <p class="field-error" id=id>
            <span class="visually-hidden">"Error: "</span>
            {message}
        </p>
    }
}

/// Why a page cannot show what it should (refused, not found, unreachable).
#[component]
pub fn ProblemNotice(problem: AppError) -> impl IntoView {
    view! { <p role="alert" class="notice">{problem.to_string()}</p> }
}
