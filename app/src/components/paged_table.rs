//! One page of a longer list as a table: its caption (what is listed, and how many), its
//! column headings, its rows, and the pager under it. The Users page, the audit log and an
//! import's rows all show their lists this way (docs/design.md "Tables").

use super::Pager;
use leptos::prelude::*;

/// `head` is the heading row's cells (`column_headings` for plain ones); `href` gives the
/// address of another page of the list, keeping its search and filters.
#[component]
pub fn PagedTable(
    caption: String,
    /// Added to `table`, for a table with a layout of its own.
    #[prop(optional)]
    class: &'static str,
    head: AnyView,
    rows: AnyView,
    href: impl Fn(u32) -> String + 'static,
    current: u32,
    pages: u32,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class=format!("table {class}").trim_end().to_owned()>
                <caption>{caption}</caption>
                <thead>
                    <tr>{head}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pager href current pages />
    }
}

/// Heading cells that are only a label each.
pub fn column_headings(labels: &[&'static str]) -> AnyView {
    labels
        .iter()
        .map(|label| view! { <th scope="col">{*label}</th> })
        .collect::<Vec<_>>()
        .into_any()
}
