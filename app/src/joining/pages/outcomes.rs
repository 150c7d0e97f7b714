//! The ends of the journey, and links that lead nowhere. None of these says whose invitation it
//! was (docs/security.md §11).

use crate::components::PublicPage;
use crate::joining::api::RequestNewLink;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn UnavailableInvitation() -> impl IntoView {
    view! {
        <h1>"This invitation link cannot be used"</h1>
        <p>
            "It may have been used already, withdrawn or declined, or the link may be incomplete. "
            "If you still want to join, ask the person who invited you to send a new invitation."
        </p>
        <p>"Already joined? " <a href=crate::routes::SIGN_IN>"Sign in"</a></p>
    }
}

#[component]
pub fn ExpiredInvitation() -> impl IntoView {
    let request = ServerAction::<RequestNewLink>::new();
    view! {
        <h1>"This invitation has expired"</h1>
        <p>"Invitations are valid for a limited time. You can ask the person who invited you for a new link."</p>
        <ActionForm action=request>
            <button type="submit" class="button">"Ask for a new link"</button>
        </ActionForm>
    }
}

#[component]
pub fn DeclinedPage() -> impl IntoView {
    view! {
        <Title text="Invitation declined" />
        <PublicPage>
            <h1>"Invitation declined"</h1>
            <p>"You declined the invitation. Nothing else will happen, and you can close this page."</p>
        </PublicPage>
    }
}

#[component]
pub fn NewLinkRequestedPage() -> impl IntoView {
    view! {
        <Title text="New link requested" />
        <PublicPage>
            <h1>"New link requested"</h1>
            <p>
                "If this invitation is still on record, we have asked the person who invited you "
                "to send you a new one. It will arrive by email."
            </p>
        </PublicPage>
    }
}
