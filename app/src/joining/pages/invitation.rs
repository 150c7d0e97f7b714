//! `/join`: what the invitation is, and the way in that fits whoever holds the link.

use super::existing_account::{JoinAsSignedIn, SignInToJoin, SignedInElsewhere};
use super::new_account::NewAccountForm;
use super::outcomes::{ExpiredInvitation, UnavailableInvitation};
use crate::components::{ProblemNotice, PublicPage};
use crate::domain::role::role_names;
use crate::joining::api::{SignInToJoin as SignInToJoinAction, SignOutToJoin, invitation_preview};
use crate::joining::{InvitationView, JoinPreview};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn JoinPage() -> impl IntoView {
    // Signing in or out here brings the browser back to this page: its view must follow.
    let sign_in = ServerAction::<SignInToJoinAction>::new();
    let sign_out = ServerAction::<SignOutToJoin>::new();
    let preview = Resource::new(
        move || (sign_in.version().get(), sign_out.version().get()),
        |_| invitation_preview(),
    );
    view! {
        <Title text="Your invitation" />
        <PublicPage>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(JoinPreview::Open(invitation)) => {
                            view! { <OpenInvitation invitation=*invitation sign_in sign_out /> }.into_any()
                        }
                        Ok(JoinPreview::Expired) => view! { <ExpiredInvitation /> }.into_any(),
                        Ok(JoinPreview::Unavailable) => view! { <UnavailableInvitation /> }.into_any(),
                        Err(error) => view! {
                            <h1>"Your invitation"</h1>
                            <ProblemNotice problem=error />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </PublicPage>
    }
}

#[component]
fn OpenInvitation(
    invitation: InvitationView,
    sign_in: ServerAction<SignInToJoinAction>,
    sign_out: ServerAction<SignOutToJoin>,
) -> impl IntoView {
    let way_in = if invitation.signed_in_as_invitee() {
        view! { <JoinAsSignedIn workspace=invitation.workspace.clone() /> }.into_any()
    } else if let Some(other) = invitation.signed_in_as.clone() {
        view! { <SignedInElsewhere signed_in_as=other sign_out /> }.into_any()
    } else if invitation.has_account {
        view! {
            <SignInToJoin
                email=invitation.email.clone()
                workspace=invitation.workspace.clone()
                sign_in
            />
        }
        .into_any()
    } else {
        view! {
            <NewAccountForm
                email=invitation.email.clone()
                suggested_name=invitation.suggested_display_name.clone()
            />
        }
        .into_any()
    };
    view! {
        <h1>"Join " {invitation.workspace.clone()}</h1>
        <p>
            {invitation.inviter.clone()} " invited you to join "
            <strong>{invitation.workspace.clone()}</strong> " on Portico."
        </p>
        <InvitationSummary invitation=invitation.clone() />
        {way_in}
        <p class="secondary-action">
            <a href=crate::routes::JOIN_DECLINE class="button button-secondary">"Decline"</a>
        </p>
    }
}

/// The groups, what they allow, and the expiry.
#[component]
pub fn InvitationSummary(invitation: InvitationView) -> impl IntoView {
    let groups = invitation
        .groups
        .iter()
        .map(|grant| {
            let allows = grant.allows();
            let allows = if allows.is_empty() {
                view! { <p>"Membership only: no administrative rights."</p> }.into_any()
            } else {
                let items = allows
                    .into_iter()
                    .map(|label| view! { <li>{label}</li> })
                    .collect::<Vec<_>>();
                view! { <ul>{items}</ul> }.into_any()
            };
            view! {
                <li>
                    <strong>{grant.group.clone()}</strong>
                    {(!grant.roles.is_empty()).then(|| format!(" ({})", role_names(&grant.roles)))}
                    {allows}
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section aria-labelledby="grants-heading" class="grants">
            <h2 id="grants-heading">"Your groups and what they allow"</h2>
            <ul>{groups}</ul>
        </section>
        <p>"This invitation expires on " {invitation.expires} "."</p>
    }
}
