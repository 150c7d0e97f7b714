//! What the development mailbox shows.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A message the development mailbox received instead of an SMTP server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxMessage {
    pub message_id: Uuid,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub delivered_at: String,
}

impl MailboxMessage {
    /// The first link in the message, to follow from the mailbox page.
    pub fn first_link(&self) -> Option<&str> {
        self.text_body
            .split_whitespace()
            .find(|word| word.starts_with("http://") || word.starts_with("https://"))
    }
}
