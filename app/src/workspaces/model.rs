//! The workspaces an account can switch between.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceChoice {
    pub workspace_id: Uuid,
    pub name: String,
    pub current: bool,
}
