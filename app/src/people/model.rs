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
    /// The email address can change only until the person has joined.
    pub fn email_editable(self) -> bool {
        !matches!(self, MemberState::Active | MemberState::Deactivated)
    }

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
    /// The highest role their groups carry (what they may do), if any does.
    pub role: Option<crate::domain::Role>,
    /// How the latest invitation email went, for invited members.
    pub delivery: Option<crate::domain::DeliveryState>,
    /// Who sent their invitation, if they were invited (the first Owner was not).
    pub invited_by: Option<String>,
    /// When they were added.
    pub added_at: chrono::DateTime<chrono::Utc>,
    /// Whether their account has two-factor authentication on.
    pub two_factor: bool,
}

impl MemberSummary {
    /// "On" or "Off"; nothing for someone who has no account yet.
    pub fn two_factor_text(&self) -> &'static str {
        match (self.state, self.two_factor) {
            (MemberState::Active | MemberState::Deactivated, true) => "On",
            (MemberState::Active | MemberState::Deactivated, false) => "Off",
            _ => "",
        }
    }

    /// "Active", or "Invitation sent for Developer": the role the invitation grants, as the
    /// product documents word it (the groups have their own column).
    pub fn state_text(&self) -> String {
        match (self.state, self.role) {
            (MemberState::Invited, Some(role)) => format!("Invitation sent for {}", role.label()),
            (MemberState::Invited, None) => "Invitation sent".to_owned(),
            (other, _) => other.label().to_owned(),
        }
    }

    /// The role's name, or "No role" for groups that carry none.
    pub fn role_text(&self) -> &'static str {
        self.role.map_or("No role", crate::domain::Role::label)
    }
}

/// How many people one page of the Users table shows.
pub const PAGE_SIZE: u32 = 50;

/// What the Users page asks for: its URL's query string, so every view can be linked, reloaded
/// and used without JavaScript. Unknown or malformed values fall back to the defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberQuery {
    /// Part of a name or an email address.
    #[serde(default)]
    pub q: String,
    /// A `MemberState` key, or empty for everyone.
    #[serde(default)]
    pub state: String,
    /// A group id, or empty for every group.
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub sort: SortOrder,
    /// From 1.
    #[serde(default)]
    pub page: u32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    #[default]
    Name,
    Email,
    Newest,
}

impl SortOrder {
    pub const ALL: [SortOrder; 3] = [SortOrder::Name, SortOrder::Email, SortOrder::Newest];

    pub fn key(self) -> &'static str {
        match self {
            SortOrder::Name => "name",
            SortOrder::Email => "email",
            SortOrder::Newest => "newest",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Name => "Name",
            SortOrder::Email => "Email",
            SortOrder::Newest => "Newest first",
        }
    }

    pub fn from_key(key: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|order| order.key() == key)
            .unwrap_or_default()
    }
}

impl MemberState {
    /// Every state the Users page can filter by.
    pub const ALL: [MemberState; 6] = [
        MemberState::Active,
        MemberState::Invited,
        MemberState::Expired,
        MemberState::Declined,
        MemberState::Revoked,
        MemberState::Deactivated,
    ];

    pub fn parse_filter(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.key() == key)
    }
}

impl MemberQuery {
    /// The page to show, at least 1.
    pub fn page(&self) -> u32 {
        self.page.max(1)
    }

    /// The query string of this query on another page (empty values left out).
    pub fn to_query_string(&self, page: u32) -> String {
        let sort = if self.sort == SortOrder::Name {
            ""
        } else {
            self.sort.key()
        };
        let filters = [
            ("q", self.q.as_str()),
            ("state", self.state.as_str()),
            ("group", self.group.as_str()),
            ("sort", sort),
        ];
        crate::routes::query_string(&filters, page)
    }
}

/// One page of the Users table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersPage {
    pub rows: Vec<MemberSummary>,
    /// How many people match, on every page.
    pub total: u64,
    pub page: u32,
    pub pages: u32,
}
