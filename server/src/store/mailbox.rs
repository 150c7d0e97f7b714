//! The development mailbox port: what the dev transport stored, when there is no SMTP.

use super::{Db, db_error, parse_id};
use app::error::AppError;
use app::invitations::MailboxMessage;
use app::ports::DevMailbox;
use async_trait::async_trait;
use sqlx::Row;

pub struct DevMailboxStore {
    pub db: Db,
    /// False when `SMTP_URL` is set: the page is then disabled.
    pub enabled: bool,
}

/// The newest messages only: it is a development aid, not an archive.
const SHOWN: i64 = 50;

#[async_trait]
impl DevMailbox for DevMailboxStore {
    async fn messages(&self) -> Result<Option<Vec<MailboxMessage>>, AppError> {
        if !self.enabled {
            return Ok(None);
        }
        let rows = sqlx::query(
            "select message_id, recipient, subject, text_body, delivered_at from dev_mailbox
              order by delivered_at desc limit $1",
        )
        .bind(SHOWN)
        .fetch_all(self.db.pool())
        .await
        .map_err(db_error)?;
        let messages = rows
            .into_iter()
            .map(|row| {
                Ok(MailboxMessage {
                    message_id: parse_id(&row.try_get::<String, _>("message_id")?)?,
                    recipient: row.try_get("recipient")?,
                    subject: row.try_get("subject")?,
                    text_body: row.try_get("text_body")?,
                    delivered_at: row.try_get("delivered_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(db_error)?;
        Ok(Some(messages))
    }
}
