use serde::{Deserialize, Serialize};

/// What the confirmation link's page shows. Only the link's holder sees the address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmailChangeLink {
    Open {
        new_email: String,
    },
    Expired,
    /// Used, replaced by a newer request, or never issued.
    Unavailable,
}
