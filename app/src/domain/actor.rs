//! Who is making a request, as every server function and the shell see it, who has just
//! signed in, and who gave a right password and still owes a code.

use crate::domain::Permission;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use uuid::Uuid;

/// A signed-in member acting in one workspace. Holds no secret, so the shell may show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub account_id: Uuid,
    pub member_id: Uuid,
    pub workspace_id: Uuid,
    pub workspace_name: String,
    pub display_name: String,
    pub email: String,
    pub permissions: BTreeSet<Permission>,
    /// Whether the workspace requires two-factor authentication of its members.
    #[serde(default)]
    pub two_factor_required: bool,
    /// Whether the account has two-factor authentication on.
    #[serde(default)]
    pub two_factor_on: bool,
}

impl Actor {
    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    /// The workspace requires a second factor the account has not set up: until it does, only
    /// its own account serves it (docs/security.md §38).
    pub fn two_factor_missing(&self) -> bool {
        self.two_factor_required && !self.two_factor_on
    }

    /// The check every server function makes itself (docs/security.md §12).
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// A successful authentication: which account, acting in which workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub account_id: Uuid,
    pub workspace_id: Uuid,
}

/// A password that was right for an account with two-factor authentication: the session holds
/// this, and no signed-in account, until the code is given (docs/security.md §38).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSignIn {
    pub account_id: Uuid,
    /// Where the account would land; `None` for an account with no active workspace, which only
    /// an invitation's sign-in can bring in.
    pub workspace_id: Option<Uuid>,
    pub password_at: DateTime<Utc>,
}

/// How long the code may take after the password.
pub const PENDING_SIGN_IN_MINUTES: i64 = 5;

impl PendingSignIn {
    pub fn is_current(&self, now: DateTime<Utc>) -> bool {
        now - self.password_at < chrono::Duration::minutes(PENDING_SIGN_IN_MINUTES)
    }
}
