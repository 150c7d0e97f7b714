//! Creating the first workspace, while the database is empty.

use crate::domain::{EmailAddress, Password, PersonName, SignedIn, WorkspaceName};
use crate::error::AppError;
use async_trait::async_trait;

pub struct FirstWorkspace {
    pub workspace_name: WorkspaceName,
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: EmailAddress,
    pub password: Password,
}

#[async_trait]
pub trait Setup: Send + Sync {
    /// True while the database holds no workspace.
    async fn is_open(&self) -> Result<bool, AppError>;
    /// Creates the first workspace and its Owner, if `token` is the printed one and the database
    /// is still empty.
    async fn create_first_workspace(
        &self,
        token: &str,
        input: FirstWorkspace,
    ) -> Result<SignedIn, AppError>;
}
