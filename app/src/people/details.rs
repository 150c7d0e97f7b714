//! Everything one person's page shows, and what its edit form sends.

use crate::domain::Permission;
use crate::groups::GroupSummary;
use crate::people::MemberSummary;
use serde::{Deserialize, Serialize};

/// One line of a person's history: when, and what happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: String,
    pub what: String,
}

/// Everything the details page shows about one person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDetails {
    pub summary: MemberSummary,
    pub first_name: String,
    pub last_name: String,
    /// ISO 3166 alpha-2, or empty.
    pub country: String,
    /// In the one form numbers are shown in (`domain::phone::shown`), or empty. The edit form
    /// starts from it too: it parses back to the same number.
    pub phone: String,
    pub groups: Vec<GroupSummary>,
    /// What their groups' roles allow.
    pub permissions: Vec<Permission>,
    /// When they were added, and when they joined, in words.
    pub added: String,
    pub joined: Option<String>,
    /// Their invitation's emails, links and outcome, oldest first.
    pub invitation_history: Vec<HistoryEntry>,
    /// Recent audit events about them, newest first; `None` for a viewer who may not read the
    /// audit log.
    pub activity: Option<Vec<HistoryEntry>>,
    /// The viewer is looking at themselves.
    pub is_self: bool,
}

impl MemberDetails {
    /// The email address can change only until the person has joined.
    pub fn email_editable(&self) -> bool {
        self.summary.state.email_editable()
    }
}

/// The edit form: a wizard row's fields, parsed by the same `NewPerson` rules. Its email is
/// left out, and ignored, once the person has joined.
pub type MemberEdit = crate::domain::PersonInput;
