//! One person: profile, state, groups and what they allow, their invitation's history, recent
//! audit events about them, and what the viewer may do to them.

use super::manage::{member_id_param, unavailable};
use crate::auth::api::current_user;
use crate::components::{ErrorSummary, Notice};
use crate::domain::role::role_names;
use crate::domain::{Actor, Permission};
use crate::people::api::{ActOnInvitation, ActOnMember, get_member_details};
use crate::people::pages::invitation_buttons::InvitationButtons;
use crate::people::{Confirmable, HistoryEntry, MemberAction, MemberDetails};
use crate::routes::USERS;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn UserDetailsPage() -> impl IntoView {
    let member_id = member_id_param();
    let invitation = ServerAction::<ActOnInvitation>::new();
    let membership = ServerAction::<ActOnMember>::new();
    let invitation_done = crate::people::pages::invitation_buttons::stays_here(invitation);
    let member = Resource::new(
        move || {
            (
                member_id.get(),
                invitation_done.get(),
                membership.version().get(),
            )
        },
        |(id, _, _)| get_member_details(id),
    );
    let viewer = Resource::new(|| (), |_| current_user());
    let reply = Signal::derive(move || {
        invitation
            .value()
            .get()
            .and_then(Result::ok)
            .map(|done| done.message)
    });
    let error = super::manage::action_error(invitation, membership);
    view! {
        <Notice reply />
        <ErrorSummary error />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let viewer = viewer.await.ok().flatten();
                match (member.await, viewer) {
                    (Ok(member), Some(viewer)) => view! { <Details member viewer invitation membership /> }.into_any(),
                    (Err(problem), _) => unavailable(problem),
                    (_, None) => unavailable(crate::error::AppError::Unauthenticated),
                }
            })}
        </Suspense>
        <p><a href=USERS>"Back to Users"</a></p>
    }
}

#[component]
fn Details(
    member: MemberDetails,
    viewer: Actor,
    invitation: ServerAction<ActOnInvitation>,
    membership: ServerAction<ActOnMember>,
) -> impl IntoView {
    let summary = member.summary.clone();
    let id = summary.member_id;
    let name = summary.name.clone();
    let may_manage = viewer.can(Permission::ManageMembers) && !member.is_self;
    let may_invite = viewer.can(Permission::InviteMembers);
    let country = if member.country.is_empty() {
        "—".to_owned()
    } else {
        member.country.clone()
    };
    let phone = if member.phone.is_empty() {
        "—".to_owned()
    } else {
        member.phone.clone()
    };
    let groups = member
        .groups
        .iter()
        .map(|group| {
            let roles = role_names(&group.roles);
            view! { <li>{group.name.clone()}<span class="hint">{format!(" — {roles}")}</span></li> }
        })
        .collect::<Vec<_>>();
    let permissions = member
        .permissions
        .iter()
        .map(|permission| view! { <li>{permission.label()}</li> })
        .collect::<Vec<_>>();
    let has_invitation = !member.invitation_history.is_empty();
    view! {
        <Title text=name.clone() />
        <h1 id="member-heading" tabindex="-1">{name.clone()}</h1>
        <section aria-labelledby="profile-heading">
            <div class="section-heading">
                <h2 id="profile-heading">"Profile"</h2>
                {may_manage.then(|| view! { <a href=crate::routes::edit_user(id)>"Edit user"</a> })}
            </div>
            <dl class="details">
                <dt>"First name"</dt><dd>{member.first_name.clone()}</dd>
                <dt>"Last name"</dt><dd>{member.last_name.clone()}</dd>
                <dt>"Email address"</dt><dd>{summary.email.clone()}</dd>
                <dt>"State"</dt><dd>{summary.state_text()}</dd>
                <dt>"Country code"</dt><dd>{country}</dd>
                <dt>"Phone number"</dt><dd>{phone}</dd>
                <dt>"Added"</dt><dd>{member.added.clone()}</dd>
                {member.joined.clone().map(|joined| view! { <dt>"Joined"</dt><dd>{joined}</dd> })}
                {summary.invited_by.clone().map(|by| view! { <dt>"Invited by"</dt><dd>{by}</dd> })}
                {summary.delivery.as_ref().map(|d| view! { <dt>"Invitation email"</dt><dd>{d.label()}</dd> })}
            </dl>
        </section>
        <section aria-labelledby="groups-heading">
            <div class="section-heading">
                <h2 id="groups-heading">"Groups"</h2>
                {may_manage.then(|| view! { <a href=crate::routes::user_groups(id)>"Change groups"</a> })}
            </div>
            <ul>{groups}</ul>
            <h3>"What they can do"</h3>
            {if permissions.is_empty() {
                view! { <p>"Nothing beyond their own workspace page."</p> }.into_any()
            } else {
                view! { <ul>{permissions}</ul> }.into_any()
            }}
        </section>
        {has_invitation.then(|| view! {
            <section aria-labelledby="invitation-heading">
                <h2 id="invitation-heading">"Invitation"</h2>
                {may_invite.then(|| view! {
                    <div class="actions">
                        <InvitationButtons member_id=id name=name.clone() state=summary.state action=invitation />
                    </div>
                })}
                <History entries=member.invitation_history.clone() label="Invitation history" />
            </section>
        })}
        {may_manage.then(|| view! { <Membership member=member.clone() membership /> })}
        {member.activity.clone().map(|entries| view! {
            <section aria-labelledby="activity-heading">
                <h2 id="activity-heading">"Recent activity"</h2>
                {if entries.is_empty() {
                    view! { <p>"Nothing recorded yet."</p> }.into_any()
                } else {
                    view! { <History entries label="Recent activity" /> }.into_any()
                }}
            </section>
        })}
    }
}

#[component]
fn History(entries: Vec<HistoryEntry>, label: &'static str) -> impl IntoView {
    let items = entries
        .into_iter()
        .map(|entry| view! { <li><span class="hint">{entry.at}</span>" — "{entry.what}</li> })
        .collect::<Vec<_>>();
    view! { <ol class="history" aria-label=label>{items}</ol> }
}

/// Deactivate or reactivate, and remove. Deactivating and removing are confirmed first.
#[component]
fn Membership(member: MemberDetails, membership: ServerAction<ActOnMember>) -> impl IntoView {
    let id = member.summary.member_id;
    let state = member.summary.state;
    let actions = MemberAction::ALL
        .into_iter()
        .filter(|action| action.applies_to(state))
        .map(|action| {
            if Confirmable::asks_first(action) {
                view! {
                    <a href=crate::routes::confirm(id, action.key()) class="button button-secondary">{action.label()}</a>
                }
                .into_any()
            } else {
                view! {
                <ActionForm action=membership attr:class="inline-form">
                    <input type="hidden" name="member_id" value=id.to_string() />
                    <input type="hidden" name="action" value=action.key() />
                    <button type="submit" class="button button-secondary">{action.label()}</button>
                </ActionForm>
                }
                .into_any()
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section aria-labelledby="membership-heading">
            <h2 id="membership-heading">"Membership"</h2>
            <div class="actions">{actions}</div>
        </section>
    }
}
