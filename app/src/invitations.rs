//! Invitations as the wizard, the Users page and the confirmation page see them.

use crate::domain::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One row of the wizard's first step, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonInput {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// ISO 3166 alpha-2, or empty.
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub phone: String,
}

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
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSummary {
    pub group_id: Uuid,
    pub name: String,
    pub roles: Vec<Role>,
}

/// What the wizard has collected so far; kept on the server between steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WizardDraft {
    pub people: Vec<PersonInput>,
    pub group_ids: Vec<Uuid>,
}

impl Default for WizardDraft {
    fn default() -> Self {
        Self {
            people: vec![PersonInput::default()],
            group_ids: Vec::new(),
        }
    }
}

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
