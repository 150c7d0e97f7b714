//! Who is making a request, as every server function and the shell see it, and who has just
//! signed in.

use crate::domain::Permission;
use crate::error::AppError;
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
}

impl Actor {
    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
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
