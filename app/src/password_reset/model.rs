use serde::{Deserialize, Serialize};

/// What a reset link's page shows. Only the link's holder sees the address it is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResetPreview {
    /// The link can be used: choose a new password for `email`.
    Open {
        email: String,
    },
    Expired,
    /// Used, replaced by a newer password, or never issued.
    Unavailable,
}
