//! The development mailbox port: what the dev transport stored, when there is no SMTP.

use crate::store::{Db, OrDbError, parse_id};
use app::domain::Actor;
use app::error::AppError;
use app::mailbox::MailboxMessage;
use app::mailbox::port::DevMailbox;
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
    async fn messages(&self, reader: &Actor) -> Result<Option<Vec<MailboxMessage>>, AppError> {
        if !self.enabled {
            return Ok(None);
        }
        // Every message today concerns an invitation, which names its workspace; one that does
        // not is shown to its recipient only.
        let rows = sqlx::query(
            "select d.message_id, d.recipient, d.subject, d.text_body, d.delivered_at
               from dev_mailbox d
               join outbox o on o.message_id = d.message_id
               left join invitation i on i.invitation_id = o.invitation_id
              where i.workspace_id = $1 or d.recipient = $2
              order by d.delivered_at desc limit $3",
        )
        .bind(reader.workspace_id.to_string())
        .bind(&reader.email)
        .bind(SHOWN)
        .fetch_all(self.db.pool())
        .await
        .or_db_error()?;
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
            .or_db_error()?;
        Ok(Some(messages))
    }
}
