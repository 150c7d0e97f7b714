//! An invitation as just sent: the link shown once to the admin who made it, and how its email
//! is getting on. The wizard, the Users page and the session's one-time links share these.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryState {
    Queued,
    Sent,
    Failed(String),
}

impl DeliveryState {
    pub fn from_outbox(state: &str, last_error: Option<String>) -> Self {
        match state {
            "sent" => DeliveryState::Sent,
            "failed" => DeliveryState::Failed(last_error.unwrap_or_else(|| "unknown error".into())),
            _ => DeliveryState::Queued,
        }
    }

    pub fn label(&self) -> String {
        match self {
            DeliveryState::Queued => "Queued".into(),
            DeliveryState::Sent => "Sent".into(),
            DeliveryState::Failed(reason) => format!("Failed: {reason}"),
        }
    }
}

/// What Add returns per person: the link exists in plaintext only here and in the email.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedInvitation {
    pub invitation_id: Uuid,
    pub member_id: Uuid,
    pub name: String,
    pub email: String,
    pub link: String,
    /// How long the link is valid ("7 days") and until when, in words.
    pub valid_for: String,
    pub expires: String,
}

/// A fresh invite link, shown once to the admin who created it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopiedLink {
    pub member_id: Uuid,
    pub name: String,
    pub link: String,
    pub expires: String,
}
