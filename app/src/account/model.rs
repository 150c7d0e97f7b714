use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the account page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub display_name: String,
    pub email: String,
    /// The current session first, then the others, most recently seen first.
    pub sessions: Vec<SessionView>,
}

/// One session the account is signed in with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// Names the session to end it. Derived from its stored key, which is itself a hash of the
    /// cookie: it can end the session, never open it (docs/security.md §21).
    pub handle: String,
    /// "Chrome on Linux", as far as the browser said.
    pub device: String,
    pub address: String,
    pub started: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    /// The workspace it is signed in to.
    pub workspace: String,
    pub current: bool,
}
