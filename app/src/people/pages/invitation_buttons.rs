//! The invitation actions a person's row and details page offer: only those that apply to the
//! person's state. Each is a small form (so it works without JavaScript); a destructive one is
//! a link to its confirmation page instead.

use crate::people::api::ActOnInvitation;
use crate::people::{Confirmable, InvitationAction, MemberState};
use leptos::prelude::*;
use uuid::Uuid;

#[component]
pub fn InvitationButtons(
    member_id: Uuid,
    name: String,
    state: MemberState,
    action: ServerAction<ActOnInvitation>,
) -> impl IntoView {
    InvitationAction::ALL
        .into_iter()
        .filter(|choice| choice.applies_to(state))
        .map(|choice| {
            let whose = format!(" for {name}");
            if Confirmable::asks_first(choice) {
                let href = crate::routes::confirm(member_id, choice.key());
                view! {
                    <a href=href class="button button-secondary">
                        {choice.label()}<span class="visually-hidden">{whose}</span>
                    </a>
                }
                .into_any()
            } else {
                view! {
                    <ActionForm action attr:class="inline-form">
                        <input type="hidden" name="member_id" value=member_id.to_string() />
                        <input type="hidden" name="action" value=choice.key() />
                        <button type="submit" class="button button-secondary">
                            {choice.label()}<span class="visually-hidden">{whose}</span>
                        </button>
                    </ActionForm>
                }
                .into_any()
            }
        })
        .collect::<Vec<_>>()
}

/// How many of the invitation actions done from this page left the browser on it: what the
/// page's data is fetched again after. An action that opens another page (Copy invite link) is
/// not counted: fetching this page's data while the next page takes its one-time link would
/// race it for the session, whose last write wins (docs/design.md "Tables").
pub fn stays_here(action: ServerAction<ActOnInvitation>) -> Memo<usize> {
    Memo::new(move |before: Option<&usize>| {
        let moved_on = action
            .value()
            .with(|value| matches!(value, Some(Ok(done)) if done.opens_page));
        let done = action.version().get();
        match (moved_on, before) {
            (true, Some(before)) => *before,
            _ => done,
        }
    })
}
