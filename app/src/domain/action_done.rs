//! The outcome of an admin's action: a sentence for the page that shows it.

use serde::{Deserialize, Serialize};

/// The outcome of an action, said to the person who took it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionDone {
    pub message: String,
    /// The reply sends the browser on to another page (Copy invite link opens the new link's),
    /// so the page the action came from does not fetch itself again: see `stays_here`.
    #[serde(default)]
    pub opens_page: bool,
}
