use crate::api::members::member_details;
use crate::routes::USERS;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// One person: profile, state, groups and how their invitation email went.
#[component]
pub fn UserDetailsPage() -> impl IntoView {
    let params = use_params_map();
    let member = Resource::new(
        move || params.read().get("member_id").unwrap_or_default(),
        member_details,
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match member.await {
                    Ok(member) => {
                        let delivery = member.delivery.as_ref().map(|d| d.label());
                        view! {
                            <Title text=member.name.clone() />
                            <h1>{member.name.clone()}</h1>
                            <dl class="details">
                                <dt>"Email address"</dt><dd>{member.email.clone()}</dd>
                                <dt>"State"</dt><dd>{member.state_text()}</dd>
                                <dt>"Groups"</dt><dd>{member.groups.join(", ")}</dd>
                                {delivery.map(|label| view! { <dt>"Invitation email"</dt><dd>{label}</dd> })}
                            </dl>
                        }.into_any()
                    }
                    Err(problem) => view! {
                        <Title text="User not found" />
                        <h1>"User not found"</h1>
                        <p role="alert" class="notice">{problem.to_string()}</p>
                    }.into_any(),
                }
            })}
        </Suspense>
        <p><a href=USERS>"Back to Users"</a></p>
    }
}
