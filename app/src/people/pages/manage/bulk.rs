//! `/settings/users/bulk?member=…&action=resend|revoke`: the invitations ticked on the Users
//! page, confirmed before they are all resent or revoked.

use crate::components::{ErrorSummary, PageHeading, ProblemNotice};
use crate::people::InvitationAction;
use crate::people::api::{ActOnInvitations, selected_people};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn BulkPage() -> impl IntoView {
    let query = use_query_map();
    let selection = Memo::new(move |_| {
        let query = query.read();
        let ids: Vec<String> = query.get_all("member").unwrap_or_default();
        let action = InvitationAction::bulk_from_key(&query.get("action").unwrap_or_default());
        (ids, action)
    });
    let people = Resource::new(move || selection.get().0, selected_people);
    let act = ServerAction::<ActOnInvitations>::new();
    let error = Signal::derive(move || act.value().get().and_then(Result::err));
    view! {
        <Title text="Selected invitations" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let action = selection.get().1;
                match (people.await, action) {
                    (Ok(people), Some(action)) if !people.is_empty() => {
                        let count = people.len();
                        let noun = crate::words::plural(count, "invitation", "invitations");
                        let verb = action.bulk_verb();
                        let heading = format!("{verb} {count} {noun}?");
                        let consequence = action.bulk_consequence();
                        let names = people.iter().map(|p| view! { <li>{format!("{} ({})", p.name, p.state_text())}</li> }).collect::<Vec<_>>();
                        let inputs = people.iter().enumerate().map(|(index, p)| view! {
                            <input type="hidden" name=format!("member_ids[{index}]") value=p.member_id.to_string() />
                        }).collect::<Vec<_>>();
                        view! {
                            <PageHeading id="bulk-heading">{heading.clone()}</PageHeading>
                            <p>{consequence}</p>
                            <ul>{names}</ul>
                            <ErrorSummary error />
                            <div class="actions">
                                <ActionForm action=act>
                                    {inputs}
                                    <input type="hidden" name="action" value=action.key() />
                                    <button type="submit" class=if action == InvitationAction::Revoke { "button button-danger" } else { "button" }>
                                        {format!("{verb} {count} {noun}")}
                                    </button>
                                </ActionForm>
                                <a href=crate::routes::USERS>"Cancel"</a>
                            </div>
                        }.into_any()
                    }
                    (Err(problem), _) => view! {
                        <h1>"Selected invitations"</h1>
                        <ProblemNotice problem=problem />
                    }.into_any(),
                    _ => view! {
                        <h1>"Selected invitations"</h1>
                        <p>"Select at least one pending invitation on the Users page, then choose what to do with them."</p>
                        <p><a href=crate::routes::USERS>"Back to Users"</a></p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
