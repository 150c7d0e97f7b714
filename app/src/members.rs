//! Members of a workspace as the Users page shows them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where someone stands in the workspace. The last three are invited members whose latest
/// invitation ended without them joining.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberState {
    Invited,
    Active,
    Deactivated,
    Declined,
    Expired,
    Revoked,
}

impl MemberState {
    pub fn key(self) -> &'static str {
        match self {
            MemberState::Invited => "invited",
            MemberState::Active => "active",
            MemberState::Deactivated => "deactivated",
            MemberState::Declined => "declined",
            MemberState::Expired => "expired",
            MemberState::Revoked => "revoked",
        }
    }

    /// The stored member state, refined by how their latest invitation ended, if it did
    /// (`declined`, `expired` or `revoked`).
    pub fn from_keys(member: &str, invitation_ended: Option<&str>) -> Option<Self> {
        let stored = [
            MemberState::Invited,
            MemberState::Active,
            MemberState::Deactivated,
        ]
        .into_iter()
        .find(|state| state.key() == member)?;
        let ended = [
            MemberState::Declined,
            MemberState::Expired,
            MemberState::Revoked,
        ]
        .into_iter()
        .find(|state| Some(state.key()) == invitation_ended);
        Some(match (stored, ended) {
            (MemberState::Invited, Some(ended)) => ended,
            (stored, _) => stored,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            MemberState::Invited => "Invited",
            MemberState::Active => "Active",
            MemberState::Deactivated => "Deactivated",
            MemberState::Declined => "Declined",
            MemberState::Expired => "Expired",
            MemberState::Revoked => "Revoked",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSummary {
    pub member_id: Uuid,
    pub name: String,
    pub email: String,
    pub state: MemberState,
    pub groups: Vec<String>,
    /// How the latest invitation email went, for invited members.
    pub delivery: Option<crate::invitations::DeliveryState>,
}

impl MemberSummary {
    /// "Active", or "Invitation sent for Developers".
    pub fn state_text(&self) -> String {
        match self.state {
            MemberState::Invited => format!("Invitation sent for {}", self.groups.join(", ")),
            other => other.label().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invited_member_shows_how_their_invitation_ended() {
        assert_eq!(
            MemberState::from_keys("invited", Some("declined")),
            Some(MemberState::Declined)
        );
        assert_eq!(
            MemberState::from_keys("invited", None),
            Some(MemberState::Invited)
        );
        assert_eq!(
            MemberState::from_keys("active", Some("expired")),
            Some(MemberState::Active)
        );
        assert_eq!(MemberState::from_keys("unknown", None), None);
    }
}
