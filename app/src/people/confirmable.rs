//! The destructive actions, each confirmed on its own page before it is posted.

use crate::people::{InvitationAction, MemberAction};
use serde::{Deserialize, Serialize};

/// A destructive action, confirmed on its own page before it is posted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confirmable {
    Invitation(InvitationAction),
    Member(MemberAction),
}

impl Confirmable {
    pub const ALL: [Confirmable; 3] = [
        Confirmable::Invitation(InvitationAction::Revoke),
        Confirmable::Member(MemberAction::Deactivate),
        Confirmable::Member(MemberAction::Remove),
    ];

    pub fn key(self) -> &'static str {
        match self {
            Confirmable::Invitation(action) => action.key(),
            Confirmable::Member(action) => action.key(),
        }
    }

    /// Whether `action` asks for confirmation on a page of its own first.
    pub fn asks_first(action: impl Into<Self>) -> bool {
        Self::ALL.contains(&action.into())
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Confirmable::Invitation(action) => action.label(),
            Confirmable::Member(action) => action.label(),
        }
    }

    /// The confirmation page's question and what follows from it.
    pub fn question(self, name: &str) -> (String, &'static str) {
        match self {
            Confirmable::Invitation(_) => (
                format!("Revoke the invitation of {name}?"),
                "The link stops working at once. You can invite them again later.",
            ),
            Confirmable::Member(MemberAction::Deactivate) => (
                format!("Deactivate {name}?"),
                "They are signed out of this workspace at once and cannot sign in to it until reactivated. Invitations they sent that are still pending are revoked.",
            ),
            Confirmable::Member(_) => (
                format!("Remove {name} from the workspace?"),
                "Their membership ends and they are signed out of this workspace. Invitations they sent that are still pending are revoked. You can invite them again later.",
            ),
        }
    }
}

impl From<InvitationAction> for Confirmable {
    fn from(action: InvitationAction) -> Self {
        Confirmable::Invitation(action)
    }
}

impl From<MemberAction> for Confirmable {
    fn from(action: MemberAction) -> Self {
        Confirmable::Member(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for action in Confirmable::ALL {
            assert_eq!(Confirmable::from_key(action.key()), Some(action));
        }
        assert_eq!(Confirmable::from_key("resend"), None);
    }
}
