//! What signing in needs from the server.

use crate::domain::{EmailAddress, SignedIn};
use crate::error::AppError;
use async_trait::async_trait;
use std::net::IpAddr;
use uuid::Uuid;

/// A verified password: the account, and the workspace it would land in, if any is active.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verified {
    pub account_id: Uuid,
    pub workspace_id: Option<Uuid>,
}

#[async_trait]
pub trait Authenticator: Send + Sync {
    /// Throttled per account and per client; the same error for unknown email and wrong password.
    async fn verify(
        &self,
        email: &EmailAddress,
        password: &str,
        client: IpAddr,
    ) -> Result<Verified, AppError>;

    /// `verify`, for an account with an active membership somewhere.
    async fn authenticate(
        &self,
        email: &EmailAddress,
        password: &str,
        client: IpAddr,
    ) -> Result<SignedIn, AppError> {
        let verified = self.verify(email, password, client).await?;
        verified
            .workspace_id
            .map(|workspace_id| SignedIn {
                account_id: verified.account_id,
                workspace_id,
            })
            .ok_or(AppError::InvalidCredentials)
    }
}
