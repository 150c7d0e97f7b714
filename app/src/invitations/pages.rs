//! The add-user wizard: User details, Groups, Overview, then the confirmation.

pub mod details;
pub mod done;
pub mod groups;
pub mod overview;

use crate::invitations::wizard::CancelDraft;
use leptos::prelude::*;

/// Every step's way out: the draft is thrown away and the Users page shows again. Its own form,
/// so it neither saves nor checks what the step's form holds.
#[component]
pub fn CancelWizard() -> impl IntoView {
    let cancel = ServerAction::<CancelDraft>::new();
    view! {
        <ActionForm action=cancel attr:class="secondary-action">
            <button type="submit" class="button button-secondary">"Cancel"</button>
        </ActionForm>
    }
}
