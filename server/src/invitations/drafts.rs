//! The wizard's drafts, as JSON per inviting member.

use crate::store::{Db, OrDbError, timestamp};
use app::error::AppError;
use app::invitations::WizardDraft;
use app::invitations::port::Drafts;
use async_trait::async_trait;
use uuid::Uuid;

pub struct DraftStore {
    pub db: Db,
}

#[async_trait]
impl Drafts for DraftStore {
    async fn load(&self, member_id: Uuid) -> Result<WizardDraft, AppError> {
        let payload: Option<String> =
            sqlx::query_scalar("select payload from invitation_draft where member_id = $1")
                .bind(member_id.to_string())
                .fetch_optional(self.db.pool())
                .await
                .or_db_error()?;
        Ok(payload
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default())
    }

    async fn save(&self, member_id: Uuid, draft: &WizardDraft) -> Result<(), AppError> {
        let payload = serde_json::to_string(draft).map_err(|_| AppError::Unexpected)?;
        self.db.execute_write(sqlx::query(
            "insert into invitation_draft (member_id, payload, updated_at) values ($1, $2, $3)
             on conflict (member_id) do update set payload = excluded.payload, updated_at = excluded.updated_at",
        )
        .bind(member_id.to_string())
        .bind(payload)
        .bind(timestamp(chrono::Utc::now()))
        )
        .await
        .or_db_error()?;
        Ok(())
    }

    async fn clear(&self, member_id: Uuid) -> Result<(), AppError> {
        self.db
            .execute_write(
                sqlx::query("delete from invitation_draft where member_id = $1")
                    .bind(member_id.to_string()),
            )
            .await
            .or_db_error()?;
        Ok(())
    }
}
