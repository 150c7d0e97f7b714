//! `/settings/users/:member_id/link`: the fresh invite link `Copy invite link` created, shown
//! once. Links are stored only as hashes, so this is the only place it can be read.

use crate::components::{CopyField, PageHeading, ProblemNotice};
use crate::people::api::take_copied_link;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NewLinkPage() -> impl IntoView {
    let member_id = super::member_id_param();
    let link = Resource::new(|| (), |_| take_copied_link());
    view! {
        <Title text="New invite link" />
        <PageHeading id="link-heading">"New invite link"</PageHeading>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match link.await {
                    Ok(Some(link)) => view! {
                        <p class="warning">
                            {format!("This is a new link for {}. Earlier links, including the one in their email, no longer work.", link.name)}
                        </p>
                        <CopyField id="invite-link".to_owned() label=format!("Invite link for {}", link.name) link=link.link.clone() />
                        <p>{format!("It works until {}, once. Send it to them yourself.", link.expires)}</p>
                    }.into_any(),
                    Ok(None) => view! {
                        <p>"This link was shown already. Links are kept only as a fingerprint, so it cannot be shown again: copy a new one from the person's page."</p>
                    }.into_any(),
                    Err(problem) => view! { <ProblemNotice problem=problem /> }.into_any(),
                }
            })}
        </Suspense>
        <p>
            <a href=move || uuid::Uuid::parse_str(&member_id.get()).map(crate::routes::user_details).unwrap_or_else(|_| crate::routes::USERS.to_owned())>
                "Back to the person's details"
            </a>
        </p>
    }
}
