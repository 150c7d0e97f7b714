//! `/join/decline`: declining is a POST, confirmed on its own page (mail scanners follow links,
//! they do not submit forms).

use super::invitation::InvitationSummary;
use super::outcomes::{ExpiredInvitation, UnavailableInvitation};
use crate::components::{ErrorSummary, ProblemNotice, PublicPage};
use crate::joining::JoinPreview;
use crate::joining::api::{DeclineInvitation, invitation_preview};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DeclinePage() -> impl IntoView {
    let preview = Resource::new(|| (), |_| invitation_preview());
    view! {
        <Title text="Decline the invitation" />
        <PublicPage>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(JoinPreview::Open(invitation)) => view! {
                            <h1>"Decline the invitation to " {invitation.workspace.clone()} "?"</h1>
                            <p>
                                {invitation.inviter.clone()}
                                " will see that you declined, and this link will stop working."
                            </p>
                            <InvitationSummary invitation=*invitation />
                            <DeclineForm />
                        }.into_any(),
                        Ok(JoinPreview::Expired) => view! { <ExpiredInvitation /> }.into_any(),
                        Ok(JoinPreview::Unavailable) => view! { <UnavailableInvitation /> }.into_any(),
                        Err(error) => view! {
                            <h1>"Decline the invitation"</h1>
                            <ProblemNotice problem=error />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </PublicPage>
    }
}

#[component]
fn DeclineForm() -> impl IntoView {
    let decline = ServerAction::<DeclineInvitation>::new();
    let error = Signal::derive(move || decline.value().get().and_then(Result::err));
    view! {
        <ErrorSummary error />
        <ActionForm action=decline>
            <button type="submit" class="button button-danger">"Decline invitation"</button>
        </ActionForm>
        <p><a href=crate::routes::JOIN>"Go back to the invitation"</a></p>
    }
}
