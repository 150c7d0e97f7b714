//! Members of a workspace as the Users page shows them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberState {
    Invited,
    Active,
    Deactivated,
}

impl MemberState {
    pub fn key(self) -> &'static str {
        match self {
            MemberState::Invited => "invited",
            MemberState::Active => "active",
            MemberState::Deactivated => "deactivated",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        [
            MemberState::Invited,
            MemberState::Active,
            MemberState::Deactivated,
        ]
        .into_iter()
        .find(|state| state.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            MemberState::Invited => "Invited",
            MemberState::Active => "Active",
            MemberState::Deactivated => "Deactivated",
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
