//! Adapters from app's ports to the store, where no more than a query is needed.

use crate::store::{Db, db_error, members};
use app::error::AppError;
use app::members::MemberSummary;
use app::ports::Members;
use async_trait::async_trait;
use uuid::Uuid;

pub struct MemberDirectory {
    db: Db,
}

impl MemberDirectory {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

#[async_trait]
impl Members for MemberDirectory {
    async fn list(&self, workspace_id: Uuid) -> Result<Vec<MemberSummary>, AppError> {
        members::list(&self.db, workspace_id)
            .await
            .map_err(db_error)
    }

    async fn details(
        &self,
        workspace_id: Uuid,
        member_id: Uuid,
    ) -> Result<MemberSummary, AppError> {
        members::one(&self.db, workspace_id, member_id)
            .await
            .map_err(db_error)?
            .ok_or(AppError::NotFound)
    }
}
