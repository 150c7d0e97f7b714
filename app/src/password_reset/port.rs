//! What the password reset pages need from the server.

use crate::domain::EmailAddress;
use crate::error::AppError;
use crate::password_reset::ResetPreview;
use async_trait::async_trait;
use std::net::IpAddr;

/// `token` is the reset link's secret as the server took it from its cookie. Every method is
/// throttled per client; `request` per address too (docs/security.md §37).
#[async_trait]
pub trait PasswordResets: Send + Sync {
    /// Emails a reset link if an account has this address. Answers the same, in about the same
    /// time, whether or not one does.
    async fn request(&self, email: &EmailAddress, client: IpAddr) -> Result<(), AppError>;
    /// What the link's page shows; changes nothing (docs/security.md §7).
    async fn preview(&self, token: &str, client: IpAddr) -> Result<ResetPreview, AppError>;
    /// Sets the new password (checked against the account's name and address), uses the link,
    /// ends every session of the account and kills its other reset links.
    async fn complete(&self, token: &str, password: &str, client: IpAddr) -> Result<(), AppError>;
}
