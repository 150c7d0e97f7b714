//! `/settings/audit-log`: who did what to whom, when and from where, newest first, filtered by
//! who, what and when. The filters are a GET form, so every view is a link and works without
//! JavaScript.

use crate::audit::api::audit_log;
use crate::audit::{ACTIONS, AuditPage, AuditQuery, action_label};
use crate::components::{ErrorSummary, FilterSelect, PagedTable, column_headings};
use crate::routes::AUDIT_LOG;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        let get = |name: &str| params.get(name).unwrap_or_default();
        AuditQuery {
            actor: get("actor"),
            action: get("action"),
            from: get("from"),
            to: get("to"),
            page: get("page").parse().unwrap_or(1),
        }
    });
    let events = Resource::new(move || query.get(), audit_log);
    view! {
        <Title text="Audit log" />
        <h1>"Audit log"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let query = query.get_untracked();
                match events.await {
                    Ok(page) => view! {
                        <Filters query=query.clone() page=page.clone() />
                        <Events page query />
                    }.into_any(),
                    Err(error) => view! {
                        <ErrorSummary error=Signal::derive(move || Some(error.clone())) />
                        <Filters query page=AuditPage::default() />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Filters(query: AuditQuery, page: AuditPage) -> impl IntoView {
    let actors = page
        .actors
        .into_iter()
        .map(|actor| (actor.account_id, actor.name))
        .collect::<Vec<_>>();
    let actions = ACTIONS
        .iter()
        .filter(|(key, _)| !key.starts_with("email."))
        .map(|(key, label)| ((*key).to_owned(), (*label).to_owned()))
        .collect::<Vec<_>>();
    view! {
        <Form method="GET" action=AUDIT_LOG attr:class="filters" attr:role="search" attr:aria-label="Audit events">
            <FilterSelect id="actor" label="Who" any="Anyone" options=actors
                selected=query.actor.clone() />
            <FilterSelect id="action" label="What" any="Any action" options=actions
                selected=query.action.clone() />
            <div class="field">
                <label for="from">"From (date)"</label>
                <input id="from" name="from" type="date" value=query.from.clone() />
            </div>
            <div class="field">
                <label for="to">"To (date)"</label>
                <input id="to" name="to" type="date" value=query.to.clone() />
            </div>
            <button type="submit" class="button button-secondary">"Filter"</button>
        </Form>
    }
}

#[component]
fn Events(page: AuditPage, query: AuditQuery) -> impl IntoView {
    let filtered = query
        != AuditQuery {
            page: query.page,
            ..AuditQuery::default()
        };
    let caption = format!(
        "{} {}{}",
        page.total,
        crate::words::plural(page.total, "event", "events"),
        if filtered { " match" } else { "" }
    );
    let rows = page
        .rows
        .into_iter()
        .map(|event| {
            view! {
                <tr>
                    <td data-label="When">{event.at}</td>
                    <td data-label="What">{action_label(&event.action).to_owned()}</td>
                    <td data-label="Who">{event.actor.unwrap_or_else(|| "—".to_owned())}</td>
                    <td data-label="About">{event.subject.unwrap_or_else(|| "—".to_owned())}</td>
                    <td data-label="Client address">{event.client.unwrap_or_else(|| "—".to_owned())}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let (current, pages) = (page.page, page.pages);
    let head = column_headings(&["When", "What", "Who", "About", "Client address"]);
    view! {
        <PagedTable
            caption
            head
            rows=rows.into_any()
            href=move |page| format!("{AUDIT_LOG}?{}", query.to_query_string(page))
            current
            pages
        />
    }
}
