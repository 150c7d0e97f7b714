//! `/settings/users/import/:batch_id`: the dry run's verdict on each row, then the import's
//! progress, then its summary with the report of skipped rows. With JavaScript the page follows
//! the import by itself; without, "Check progress" reloads it.

use crate::api::import::{StartImport, load_import};
use crate::components::{ErrorSummary, Pager};
use crate::import::{ImportState, ImportSummary, ImportView};
use crate::routes;
use leptos::html::H1;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::time::Duration;

/// How often a running import's page asks for progress.
const POLL_EVERY: Duration = Duration::from_millis(500);

#[component]
pub fn ImportBatchPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let start = ServerAction::<StartImport>::new();
    let request = Memo::new(move |_| {
        let query = query.read();
        (
            params.read().get("batch_id").unwrap_or_default(),
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
    // Follows a running import (in the browser only: effects do not run on the server).
    Effect::new(move |_| {
        if let Some(Ok(view)) = import.get()
            && view.summary.state == ImportState::Running
        {
            set_timeout(move || import.refetch(), POLL_EVERY);
        }
    });
    let error = Signal::derive(move || start.value().get().and_then(Result::err));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match import.await {
                    Ok(view) => view! { <Import view start error /> }.into_any(),
                    Err(problem) => view! {
                        <Title text="Import" />
                        <h1>"Import"</h1>
                        <p role="alert" class="notice">{problem.to_string()}</p>
                        <p><a href=routes::IMPORT>"Upload a file"</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Import(
    view: ImportView,
    start: ServerAction<StartImport>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let summary = view.summary.clone();
    let heading_text = match summary.state {
        ImportState::Checked => "Check the import",
        ImportState::Running => "Importing…",
        ImportState::Done => "Import finished",
    };
    // The heading takes focus when the step changes (checked, running, done), so a screen
    // reader hears where the import stands.
    let heading = NodeRef::<H1>::new();
    Effect::new(move |previous: Option<ImportState>| {
        if previous.is_some_and(|previous| previous != summary.state)
            && let Some(heading) = heading.get()
        {
            let _ = heading.focus();
        }
        summary.state
    });
    let step = match view.summary.state {
        ImportState::Checked => {
            view! { <DryRun summary=view.summary.clone() start error /> }.into_any()
        }
        ImportState::Running | ImportState::Done => {
            view! { <Progress summary=view.summary.clone() /> }.into_any()
        }
    };
    view! {
        <Title text=heading_text />
        <h1 tabindex="-1" node_ref=heading>{heading_text}</h1>
        <p class="hint">{format!("From {}", view.summary.file_name)}</p>
        {step}
        <Rows view />
    }
}

#[component]
fn DryRun(
    summary: ImportSummary,
    start: ServerAction<StartImport>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let skipped = summary.total_rows - summary.ready_rows;
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
                <ActionForm action=start>
                    <input type="hidden" name="batch_id" value=summary.batch_id.to_string() />
                    {(skipped > 0).then(|| view! {
                        <p>{format!("{skipped} {} will be skipped; the report lists them after the import.", plural(skipped, "row", "rows"))}</p>
                    })}
                    <div class="actions">
                        <button type="submit" class="button">
                            {format!("Import {ready} {}", plural(ready, "person", "people"))}
                        </button>
                        <a href=routes::IMPORT>"Upload a different file"</a>
                    </div>
                </ActionForm>
            }.into_any()
        } else {
            view! {
                <p>"No row can be imported. Correct the file and upload it again."</p>
                <p><a href=routes::IMPORT class="button">"Upload a different file"</a></p>
            }.into_any()
        }}
    }
}

#[component]
fn Progress(summary: ImportSummary) -> impl IntoView {
    let done = summary.state == ImportState::Done;
    let status = if done {
        format!(
            "Imported {} {}. Skipped {} {}.",
            summary.imported_rows,
            plural(summary.imported_rows, "person", "people"),
            summary.skipped_rows(),
            plural(summary.skipped_rows(), "row", "rows"),
        )
    } else {
        format!(
            "{} of {} rows done ({}%)…",
            summary.processed_rows,
            summary.ready_rows,
            summary.percent_done()
        )
    };
    let batch_id = summary.batch_id;
    view! {
        <div class="field">
            <label for="import-progress">"Progress"</label>
            <progress id="import-progress" max=summary.ready_rows.max(1) value=summary.processed_rows>
                {format!("{}%", summary.percent_done())}
            </progress>
        </div>
        <p role="status" class="status">{status}</p>
        {if done {
            view! {
                <div class="actions">
                    {(summary.skipped_rows() > 0).then(|| view! {
                        <a href=routes::import_report(batch_id) download="portico-import-skipped-rows.csv" rel="external">
                            "Download the report of skipped rows (CSV)"
                        </a>
                    })}
                    <a href=routes::USERS class="button">"Back to Users"</a>
                </div>
            }.into_any()
        } else {
            view! {
                <noscript>
                    <p><a href=routes::import(batch_id)>"Check progress"</a></p>
                </noscript>
            }.into_any()
        }}
    }
}

#[component]
fn Rows(view: ImportView) -> impl IntoView {
    let batch_id = view.summary.batch_id;
    let problems_only = view.problems_only;
    let link = move |page: u32, problems: bool| {
        let show = if problems { "&show=problems" } else { "" };
        format!("{}?page={page}{show}", routes::import(batch_id))
    };
    let caption = if problems_only {
        format!("Rows skipped: {}", view.matching_rows)
    } else {
        format!("All rows: {}", view.matching_rows)
    };
    let rows = view
        .rows
        .into_iter()
        .map(|row| {
            let status = row.status();
            view! {
                <tr>
                    <td>{row.line}</td>
                    <td>{format!("{} {}", row.first_name, row.last_name)}</td>
                    <td>{row.email}</td>
                    <td>{row.groups}</td>
                    <td>{status}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let pages = view.matching_rows.div_ceil(crate::import::PAGE_SIZE).max(1);
    let current = view.page;
    view! {
        <nav class="filters" aria-label="Rows shown">
            <a href=link(1, false) aria-current=(!problems_only).then_some("page")>"All rows"</a>
            <a href=link(1, true) aria-current=problems_only.then_some("page")>"Only rows skipped"</a>
        </nav>
        <table class="table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Line"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Email"</th>
                    <th scope="col">"Groups"</th>
                    <th scope="col">"Status"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <Pager href=move |page| link(page, problems_only) current pages />
    }
}

fn plural(count: u32, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 { one } else { many }
}
