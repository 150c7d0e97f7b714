use crate::api::members::list_members;
use crate::members::MemberSummary;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn UsersPage() -> impl IntoView {
    let members = Resource::new(|| (), |_| list_members());
    view! {
        <Title text="Users" />
        <h1>"Users"</h1>
        <Suspense fallback=|| view! { <p>"Loading users…"</p> }>
            {move || Suspend::new(async move {
                match members.await {
                    Ok(rows) => view! { <MembersTable rows /> }.into_any(),
                    Err(error) => view! { <p role="alert" class="notice">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MembersTable(rows: Vec<MemberSummary>) -> impl IntoView {
    let count = rows.len();
    view! {
        <table class="table">
            <caption>{format!("{count} {}", if count == 1 { "person" } else { "people" })}</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Email"</th>
                    <th scope="col">"State"</th>
                    <th scope="col">"Groups"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|member| {
                        view! {
                            <tr>
                                <td>{member.name}</td>
                                <td>{member.email}</td>
                                <td><span class="badge">{member.state.label()}</span></td>
                                <td>{member.groups.join(", ")}</td>
                            </tr>
                        }
                    })
                    .collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}
