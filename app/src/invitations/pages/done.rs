use crate::components::{CopyField, PageHeading, ProblemNotice};
use crate::domain::CreatedInvitation;
use crate::invitations::wizard::take_created_invitations;
use crate::routes::USERS;
use leptos::prelude::*;
use leptos_meta::Title;

/// The confirmation after Add: who was invited, and each link from this creation, once.
#[component]
pub fn AddUserDone() -> impl IntoView {
    let created = Resource::new(|| (), |_| take_created_invitations());
    view! {
        <Title text="Invitations sent" />
        <PageHeading id="step-heading">"Invitations sent"</PageHeading>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match created.await {
                    Ok(created) if !created.is_empty() => view! { <CreatedList created /> }.into_any(),
                    Ok(_) => view! {
                        <p>"Nothing new to show here: the people you added are on the Users page."</p>
                    }.into_any(),
                    Err(problem) => view! { <ProblemNotice problem=problem /> }.into_any(),
                }
            })}
        </Suspense>
        <div class="actions">
            <a href=USERS class="button">"Close"</a>
        </div>
    }
}

#[component]
fn CreatedList(created: Vec<CreatedInvitation>) -> impl IntoView {
    let count = created.len();
    let validity = created
        .first()
        .map(|first| format!("valid for {}, until {}", first.valid_for, first.expires))
        .unwrap_or_default();
    view! {
        <p>{format!("{count} {} invited. Each gets an email with their link, {validity}.", crate::words::plural(count, "person was", "people were"))}</p>
        <ul class="created">
            {created.into_iter().map(|invitation| view! { <CreatedItem invitation /> }).collect::<Vec<_>>()}
        </ul>
    }
}

#[component]
fn CreatedItem(invitation: CreatedInvitation) -> impl IntoView {
    view! {
        <li>
            <p><strong>{invitation.name.clone()}</strong>" — "{invitation.email.clone()}</p>
            <CopyField
                id=format!("link-{}", invitation.invitation_id)
                label=format!("Invite link for {}", invitation.name)
                link=invitation.link.clone()
            />
            " "
            <a href=crate::routes::user_details(invitation.member_id)>"View details"<span class="visually-hidden">{format!(" of {}", invitation.name)}</span></a>
        </li>
    }
}
