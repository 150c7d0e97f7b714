//! `/settings/users/import`: upload a CSV file (or paste its text) for a dry run. The form is a
//! plain multipart post, the same with JavaScript on or off; a file the server cannot read
//! comes back here with the reason in the error summary.

pub mod batch;
pub mod rows;

use crate::components::{ErrorSummary, FieldErrorText};
use crate::error::AppError;
use crate::import::api::take_import_problem;
use crate::import::{COLUMNS, GROUP_SEPARATOR, MAX_FILE_BYTES, MAX_ROWS};
use crate::routes::{IMPORT_UPLOAD, USERS};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ImportPage() -> impl IntoView {
    let problem = Resource::new(|| (), |_| take_import_problem());
    view! {
        <Title text="Import from CSV" />
        <h1>"Import from CSV"</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let error = match problem.await {
                    Ok(Some(message)) => Some(AppError::invalid_field("file", message)),
                    Ok(None) => None,
                    Err(error) => Some(error),
                };
                let field_error = error.as_ref().and_then(|e| e.message_for("file"));
                view! {
                    <ErrorSummary error=Signal::derive(move || error.clone()) />
                    <UploadForm field_error />
                }
            })}
        </Suspense>
    }
}

#[component]
fn UploadForm(field_error: Option<String>) -> impl IntoView {
    let limits = format!(
        "UTF-8 text, at most {} MB and {MAX_ROWS} rows.",
        MAX_FILE_BYTES / (1024 * 1024)
    );
    let example = format!(
        "{}\nGrace,Hopper,grace@example.com,US,202 555 0143,Developers{GROUP_SEPARATOR} Security",
        COLUMNS.join(",")
    );
    let invalid = field_error.is_some();
    let described_by = if invalid {
        "file-hint file-error"
    } else {
        "file-hint"
    };
    view! {
        <p>
            "One person per row. The first line names the columns: "
            <strong>"first name, last name, email"</strong>" and "<strong>"groups"</strong>
            " are required, "<strong>"country code"</strong>" and "<strong>"phone"</strong>
            " optional. Separate several groups with a semicolon. Nothing is added until you have
            checked what the file contains."
        </p>
        <figure>
            <figcaption>"Example"</figcaption>
            <pre class="example">{example}</pre>
        </figure>
        <form method="post" action=IMPORT_UPLOAD enctype="multipart/form-data">
            <div class="field" class:field-invalid=invalid>
                <label for="file">"CSV file"</label>
                <p class="hint" id="file-hint">{limits}</p>
                {field_error.map(|message| view! {
                    <FieldErrorText id="file-error" message />
                })}
                <input type="file" id="file" name="file" accept=".csv,text/csv"
                    aria-describedby=described_by />
            </div>
            <div class="field">
                <label for="text">"Or paste the CSV text"</label>
                <textarea id="text" name="text" rows="8" spellcheck="false"></textarea>
            </div>
            <div class="actions">
                <button type="submit" class="button">"Check the file"</button>
                <a href=USERS>"Cancel"</a>
            </div>
        </form>
    }
}
