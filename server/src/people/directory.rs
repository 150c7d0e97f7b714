//! The members port: the Users page's list and one person's summary, reads that need no more
//! than a query.

use crate::clock::Clock;
use crate::people::queries::members;
use crate::store::{Db, OrDbError};
use app::error::AppError;
use app::people::port::Members;
use app::people::{MemberQuery, MemberSummary, MembersPage};
use async_trait::async_trait;
use std::sync::Arc;
use uuid::Uuid;

pub struct MemberDirectory {
    db: Db,
    clock: Arc<dyn Clock>,
}

impl MemberDirectory {
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }
}

#[async_trait]
impl Members for MemberDirectory {
    async fn list(&self, workspace_id: Uuid, query: &MemberQuery) -> Result<MembersPage, AppError> {
        members::page(&self.db, workspace_id, query, self.clock.now())
            .await
            .or_db_error()
    }

    async fn details(
        &self,
        workspace_id: Uuid,
        member_id: Uuid,
    ) -> Result<MemberSummary, AppError> {
        members::one(&self.db, workspace_id, member_id, self.clock.now())
            .await
            .or_db_error()?
            .ok_or(AppError::NotFound)
    }
}
