//! Where mail goes: an SMTP server through lettre's pooled transport, or, without `SMTP_URL`,
//! the development mailbox (a table the Owner can read in the app).

use crate::mail::message::Rendered;
use crate::store::{Db, timestamp};
use chrono::{DateTime, Utc};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    DevMailbox,
}

/// Why a message was not delivered, and whether trying again can help.
#[derive(Debug)]
pub struct SendFailure {
    pub permanent: bool,
    pub reason: String,
}

impl Transport {
    /// `connections`: at most this many open at once, one per message the worker sends at a time.
    pub fn from_config(smtp_url: Option<&str>, connections: u32) -> anyhow::Result<Self> {
        match smtp_url {
            None => Ok(Transport::DevMailbox),
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
                    // A hanging server must not hold a lease forever.
                    .timeout(Some(Duration::from_secs(15)))
                    .pool_config(PoolConfig::new().max_size(connections))
                    .build();
                Ok(Transport::Smtp(transport))
            }
        }
    }

    pub async fn send(
        &self,
        db: &Db,
        message_id: &str,
        message: Message,
        rendered: &Rendered,
        now: DateTime<Utc>,
    ) -> Result<(), SendFailure> {
        match self {
            Transport::Smtp(smtp) => {
                smtp.send(message)
                    .await
                    .map(|_| ())
                    .map_err(|error| SendFailure {
                        permanent: error.is_permanent(),
                        reason: short(&error.to_string()),
                    })
            }
            Transport::DevMailbox => {
                let recipient = message
                    .envelope()
                    .to()
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let statement = sqlx::query(
                    "insert into dev_mailbox (message_id, recipient, subject, html_body, text_body, delivered_at)
                     values ($1, $2, $3, $4, $5, $6)
                     on conflict (message_id) do nothing",
                )
                .bind(message_id)
                .bind(recipient)
                .bind(&rendered.subject)
                .bind(&rendered.html)
                .bind(&rendered.text)
                .bind(timestamp(now));
                db.execute_write(statement)
                    .await
                    .map(|_| ())
                    .map_err(|error| SendFailure {
                        permanent: false,
                        reason: short(&error.to_string()),
                    })
            }
        }
    }
}

/// Errors are shown to admins as "Failed: <reason>": one line, bounded.
fn short(reason: &str) -> String {
    let line = reason.lines().next().unwrap_or(reason);
    line.chars().take(200).collect()
}
