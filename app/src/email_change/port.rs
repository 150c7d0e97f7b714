//! What changing the sign-in address needs from the server.

use crate::domain::{ActionDone, Actor, EmailAddress};
use crate::email_change::EmailChangeLink;
use crate::error::AppError;
use async_trait::async_trait;
use std::net::IpAddr;

#[async_trait]
pub trait EmailChanges: Send + Sync {
    /// Checks the current password and sends a link to `new_email`. Answers the same whether
    /// or not another account has that address, which then gets no link (docs/security.md §37).
    async fn request(
        &self,
        actor: &Actor,
        new_email: &EmailAddress,
        current_password: &str,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
    /// What the link's page shows; changes nothing (docs/security.md §7).
    async fn preview(&self, token: &str, client: IpAddr) -> Result<EmailChangeLink, AppError>;
    /// Makes the link's address the account's sign-in address and tells the old one.
    async fn confirm(&self, token: &str, client: IpAddr) -> Result<(), AppError>;
}
