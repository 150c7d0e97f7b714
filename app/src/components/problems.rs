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

/// Why a page cannot show what it should (refused, not found, unreachable). The server's
/// response carries the status the problem means (404, 429...), as a server function's would.
#[component]
pub fn ProblemNotice(problem: AppError) -> impl IntoView {
    set_page_status(problem.status());
    view! { <p role="alert" class="notice">{problem.to_string()}</p> }
}

/// Sets the HTTP status of the page being rendered on the server; nothing in the browser.
/// Pages that load data render whole before the head is sent (`SsrMode::Async`), so a status
/// set while they load still reaches the response.
pub fn set_page_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = axum::http::StatusCode::from_u16(status)
    {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}
