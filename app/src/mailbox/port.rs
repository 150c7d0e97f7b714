//! The development mailbox.

use crate::domain::Actor;
use crate::error::AppError;
use crate::mailbox::MailboxMessage;
use async_trait::async_trait;

/// Mail "delivered" without SMTP, for development. `None` when SMTP is configured.
#[async_trait]
pub trait DevMailbox: Send + Sync {
    /// `None` when SMTP is configured. Otherwise only what `reader` may read: the mail their
    /// own workspace sent, and the mail sent to their own address (docs/security.md §8g).
    async fn messages(&self, reader: &Actor) -> Result<Option<Vec<MailboxMessage>>, AppError>;
}
