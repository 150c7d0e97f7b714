//! `/settings/users/import/:batch_id`: the dry run's verdict on each row, then the import's
//! progress, then its summary with the report of skipped rows. With JavaScript the progress
//! follows the import by itself (only the progress bar and its status change, so focus and the
//! live region stay put); without, "Check progress" reloads the page.

use crate::components::{ErrorSummary, ProblemNotice};
use crate::error::AppError;
use crate::import::api::{StartImport, import_progress, load_import};
use crate::import::pages::rows::Rows;
use crate::import::{ImportState, ImportSummary, ImportView};
use crate::routes;
use crate::words::plural;
use leptos::html::H1;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::time::Duration;
use uuid::Uuid;

/// How often a running import's page asks for progress.
const POLL_EVERY: Duration = Duration::from_millis(500);

#[component]
pub fn ImportBatchPage() -> impl IntoView {
    let batch_id = crate::routes::path_param("batch_id");
    let query = use_query_map();
    let start = ServerAction::<StartImport>::new();
    let request = Memo::new(move |_| {
        let query = query.read();
        (
            batch_id.get(),
            query
                .get("page")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1u32),
            query.get("show").as_deref() == Some("problems"),
        )
    });
    let import = Resource::new(
        move || (request.get(), start.version().get()),
        |((batch_id, page, problems_only), _)| load_import(batch_id, page, problems_only),
    );
    let progress = follow_progress(import, batch_id);
    let error = Signal::derive(move || start.value().get().and_then(Result::err));
    // The step last shown, so that focus moves to the heading only when the step changes.
    let shown_step = StoredValue::new(None::<ImportState>);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match import.await {
                    Ok(view) => view! { <Import view start error shown_step progress /> }.into_any(),
                    Err(problem) => view! {
                        <Title text="Import" />
                        <h1>"Import"</h1>
                        <ProblemNotice problem=problem />
                        <p><a href=routes::IMPORT>"Upload a file"</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// While the import runs, asks for its summary every `POLL_EVERY` (in the browser: effects do
/// not run on the server) and reloads the whole page once it stops.
fn follow_progress(
    import: Resource<Result<ImportView, AppError>>,
    batch_id: Memo<String>,
) -> RwSignal<Option<ImportSummary>> {
    let progress = RwSignal::new(None::<ImportSummary>);
    Effect::new(move |_| {
        let running = progress
            .get()
            .or_else(|| import.get().and_then(Result::ok).map(|view| view.summary))
            .is_some_and(|summary| summary.state == ImportState::Running);
        if !running {
            return;
        }
        let poll = move || {
            let batch_id = batch_id.get_untracked();
            leptos::task::spawn_local(async move {
                if let Ok(summary) = import_progress(batch_id).await {
                    if summary.state == ImportState::Running {
                        progress.set(Some(summary));
                    } else {
                        progress.set(None);
                        import.refetch();
                    }
                }
            });
        };
        if let Ok(timer) = set_timeout_with_handle(poll, POLL_EVERY) {
            on_cleanup(move || timer.clear());
        }
    });
    progress
}

#[component]
fn Import(
    view: ImportView,
    start: ServerAction<StartImport>,
    error: Signal<Option<AppError>>,
    shown_step: StoredValue<Option<ImportState>>,
    progress: RwSignal<Option<ImportSummary>>,
) -> impl IntoView {
    let step = view.summary.state;
    let heading_text = match step {
        ImportState::Checked => "Check the import",
        ImportState::Running => "Importing…",
        ImportState::Interrupted => "Import interrupted",
        ImportState::Done => "Import finished",
    };
    let heading = NodeRef::<H1>::new();
    Effect::new(move |_| {
        let changed = shown_step.get_value().is_some_and(|shown| shown != step);
        shown_step.set_value(Some(step));
        if changed {
            // After the frame that attaches the new step to the document.
            request_animation_frame(move || {
                if let Some(heading) = heading.get_untracked() {
                    let _ = heading.focus();
                }
            });
        }
    });
    let first = view.summary.clone();
    let summary = Signal::derive(move || progress.get().unwrap_or_else(|| first.clone()));
    let content = match step {
        ImportState::Checked => {
            view! { <DryRun summary=view.summary.clone() start error /> }.into_any()
        }
        ImportState::Interrupted => view! {
            <Progress summary />
            <CarryOn batch_id=view.summary.batch_id start error />
        }
        .into_any(),
        ImportState::Running | ImportState::Done => view! { <Progress summary /> }.into_any(),
    };
    view! {
        <Title text=heading_text />
        <h1 tabindex="-1" node_ref=heading>{heading_text}</h1>
        <p class="hint">{format!("From {}", view.summary.file_name)}</p>
        {content}
        <Rows view />
    }
}

#[component]
fn DryRun(
    summary: ImportSummary,
    start: ServerAction<StartImport>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let skipped = summary.skipped_rows();
    let counts = summary
        .verdict_counts
        .iter()
        .map(|(label, count)| view! { <li>{format!("{label}: {count}")}</li> })
        .collect::<Vec<_>>();
    let ready = summary.ready_rows;
    view! {
        <ErrorSummary error />
        <p>
            {format!(
                "{} {} checked. Nothing has been added yet.",
                summary.total_rows,
                plural(summary.total_rows, "row", "rows")
            )}
        </p>
        <ul class="verdicts">{counts}</ul>
        {if ready > 0 {
            view! {
                {(skipped > 0).then(|| view! {
                    <p>{format!("{skipped} {} will be skipped; the report lists them after the import.", plural(skipped, "row", "rows"))}</p>
                })}
                <StartForm batch_id=summary.batch_id start label=format!("Import {ready} {}", plural(ready, "person", "people")) />
            }.into_any()
        } else {
            view! {
                <p>"No row can be imported. Correct the file and upload it again."</p>
                <p><a href=routes::IMPORT class="button">"Upload a different file"</a></p>
            }.into_any()
        }}
    }
}

/// An import its server stopped in the middle of: carrying on imports the rows not reached.
#[component]
fn CarryOn(
    batch_id: Uuid,
    start: ServerAction<StartImport>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <ErrorSummary error />
        <p>
            "The import stopped before its end (its server was restarted). Carry on to import the
            rows it had not reached; rows already imported are not imported again."
        </p>
        <StartForm batch_id start label="Carry on with the import".to_owned() />
    }
}

#[component]
fn StartForm(batch_id: Uuid, start: ServerAction<StartImport>, label: String) -> impl IntoView {
    view! {
        <ActionForm action=start>
            <input type="hidden" name="batch_id" value=batch_id.to_string() />
            <div class="actions">
                <button type="submit" class="button">{label}</button>
                <a href=routes::IMPORT>"Upload a different file"</a>
            </div>
        </ActionForm>
    }
}

#[component]
fn Progress(#[prop(into)] summary: Signal<ImportSummary>) -> impl IntoView {
    let initial = summary.get_untracked();
    let batch_id = initial.batch_id;
    let status = move || {
        let summary = summary.get();
        match summary.state {
            ImportState::Done => format!(
                "Imported {} {}. Skipped {} {}.",
                summary.imported_rows,
                plural(summary.imported_rows, "person", "people"),
                summary.skipped_rows(),
                plural(summary.skipped_rows(), "row", "rows"),
            ),
            _ => format!(
                "{} of {} rows done ({}%).",
                summary.processed_rows,
                summary.ready_rows,
                summary.percent_done()
            ),
        }
    };
    let after = match initial.state {
        ImportState::Done => view! {
            <div class="actions">
                {(initial.skipped_rows() > 0).then(|| view! {
                    <a href=routes::import_report(batch_id) download="portico-import-skipped-rows.csv" rel="external">
                        "Download the report of skipped rows (CSV)"
                    </a>
                })}
                <a href=routes::USERS class="button">"Back to Users"</a>
            </div>
        }.into_any(),
        // The page follows the import by itself once JavaScript runs; without, this reloads.
        ImportState::Running => view! { <p><a href=routes::import(batch_id)>"Check progress"</a></p> }.into_any(),
        _ => ().into_any(),
    };
    view! {
        <div class="field">
            <label for="import-progress">"Progress"</label>
            <progress id="import-progress"
                max=move || summary.get().ready_rows.max(1)
                value=move || summary.get().processed_rows>
                {move || format!("{}%", summary.get().percent_done())}
            </progress>
        </div>
        <p role="status" class="status">{status}</p>
        {after}
    }
}
