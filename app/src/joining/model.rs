//! An invitation as its invitee sees it.

use crate::domain::Role;
use serde::{Deserialize, Serialize};

/// What the link's page shows. Nothing but `Open` says anything about the invitation, so an
/// unknown, used, declined or revoked link reveals no personal data (docs/security.md §11).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JoinPreview {
    Open(Box<InvitationView>),
    /// The invitee may ask the inviter for a new link.
    Expired,
    Unavailable,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub workspace: String,
    pub inviter: String,
    pub groups: Vec<GrantView>,
    /// When the invitation expires, in words (formatted on the server: chrono's formatting would
    /// weigh on the browser bundle).
    pub expires: String,
    /// The address the invitation was sent to: the account's email, never editable.
    pub email: String,
    pub suggested_display_name: String,
    /// Someone already has an account with this address: they sign in and join.
    pub has_account: bool,
    /// The email of whoever is signed in in this browser, if anyone.
    pub signed_in_as: Option<String>,
}

impl InvitationView {
    pub fn signed_in_as_invitee(&self) -> bool {
        self.signed_in_as.as_deref() == Some(self.email.as_str())
    }
}

/// A group the invitation puts the invitee in, and the roles it binds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantView {
    pub group: String,
    pub roles: Vec<Role>,
}

impl GrantView {
    /// What the group's roles allow, in words.
    pub fn allows(&self) -> Vec<&'static str> {
        crate::domain::role::permissions_of(self.roles.iter().copied())
            .into_iter()
            .map(|permission| permission.label())
            .collect()
    }
}
