//! An import's rows as the dry run and the report show them.

use crate::components::{PagedTable, column_headings};
use crate::import::ImportView;
use crate::routes;
use leptos::prelude::*;

/// The rows of an import, all or only those skipped, a page at a time.
#[component]
pub fn Rows(view: ImportView) -> impl IntoView {
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
    let pages = view.pages();
    let rows = view
        .rows
        .into_iter()
        .map(|row| {
            let status = row.status();
            view! {
                <tr>
                    <td data-label="Line">{row.line}</td>
                    <td data-label="Name">{format!("{} {}", row.first_name, row.last_name)}</td>
                    <td data-label="Email">{row.email}</td>
                    <td data-label="Groups">{row.groups}</td>
                    <td data-label="Status">{status}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let current = view.page;
    view! {
        <nav class="filters" aria-label="Rows shown">
            <a href=link(1, false) aria-current=(!problems_only).then_some("page")>"All rows"</a>
            <a href=link(1, true) aria-current=problems_only.then_some("page")>"Only rows skipped"</a>
        </nav>
        <PagedTable
            caption
            head=column_headings(&["Line", "Name", "Email", "Groups", "Status"])
            rows=rows.into_any()
            href=move |page| link(page, problems_only)
            current
            pages
        />
    }
}
