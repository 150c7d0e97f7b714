use super::user_filters::{Pager, UserFilters, member_query};
use crate::api::auth::current_user;
use crate::api::members::list_members;
use crate::domain::Permission;
use crate::members::{MemberQuery, MemberSummary, MembersPage};
use crate::routes::ADD_USER;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn UsersPage() -> impl IntoView {
    let query = member_query();
    let members = Resource::new(move || query.get(), list_members);
    let user = Resource::new(|| (), |_| current_user());
    view! {
        <Title text="Users" />
        <div class="page-heading">
            <h1>"Users"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let may_invite = user.await.ok().flatten().is_some_and(|a| a.can(Permission::InviteMembers));
                    if may_invite {
                        view! { <a href=ADD_USER class="button">"Add"</a> }.into_any()
                    } else {
                        view! {
                            <p class="hint">"Only Owners and Admins can add people. Ask one of them to invite someone."</p>
                        }.into_any()
                    }
                })}
            </Suspense>
        </div>
        <UserFilters query />
        <Suspense fallback=|| view! { <p>"Loading users…"</p> }>
            {move || Suspend::new(async move {
                match members.await {
                    Ok(page) => view! { <MembersTable page query=query.get_untracked() /> }.into_any(),
                    Err(error) => view! { <p role="alert" class="notice">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MembersTable(page: MembersPage, query: MemberQuery) -> impl IntoView {
    let total = page.total;
    let caption = format!(
        "{total} {}{}",
        if total == 1 { "person" } else { "people" },
        if query.q.is_empty() && query.state.is_empty() && query.group.is_empty() {
            ""
        } else {
            " match"
        }
    );
    let (current, pages) = (page.page, page.pages);
    let rows: Vec<MemberSummary> = page.rows;
    view! {
        <table class="table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Email"</th>
                    <th scope="col">"State"</th>
                    <th scope="col">"Groups"</th>
                    <th scope="col">"Email delivery"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|member| {
                        let state = member.state_text();
                        let delivery = member.delivery.as_ref().map(|d| d.label()).unwrap_or_default();
                        view! {
                            <tr>
                                <td><a href=crate::routes::user_details(member.member_id)>{member.name}</a></td>
                                <td>{member.email}</td>
                                <td><span class="badge">{state}</span></td>
                                <td>{member.groups.join(", ")}</td>
                                <td>{delivery}</td>
                            </tr>
                        }
                    })
                    .collect::<Vec<_>>()}
            </tbody>
        </table>
        <Pager query current pages />
    }
}
