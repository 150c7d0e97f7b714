//! What the invitee's pages need from the server.

use crate::domain::{EmailAddress, PersonName, SignedIn};
use crate::error::AppError;
use crate::joining::JoinPreview;
use async_trait::async_trait;
use std::net::IpAddr;
use uuid::Uuid;

/// The invitee's side. `token` is the link's secret as the server took it from its cookie; every
/// method is throttled per client (docs/security.md §11) and looks the token up by its hash.
#[async_trait]
pub trait Joining: Send + Sync {
    /// What the link's page shows; changes nothing (docs/security.md §7).
    async fn preview(&self, token: &str, client: IpAddr) -> Result<JoinPreview, AppError>;
    /// Creates the account with the invitation's address and joins; the password is checked
    /// against the invitation's names and address.
    async fn accept_new_account(
        &self,
        token: &str,
        display_name: PersonName,
        password: &str,
        client: IpAddr,
    ) -> Result<SignedIn, AppError>;
    /// Joins with an existing account, which must own the invitation's address.
    async fn accept_existing_account(
        &self,
        token: &str,
        account_id: Uuid,
        client: IpAddr,
    ) -> Result<SignedIn, AppError>;
    /// The invitation's address, while the link is open: the account to sign in as.
    async fn invitee_email(&self, token: &str, client: IpAddr) -> Result<EmailAddress, AppError>;
    async fn decline(&self, token: &str, client: IpAddr) -> Result<(), AppError>;
    /// Tells the inviter of an expired invitation that a new link is wanted. Answers the same
    /// whatever the token is, so it reveals nothing.
    async fn request_new_link(&self, token: &str, client: IpAddr) -> Result<(), AppError>;
}
