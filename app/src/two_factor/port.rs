//! What two-factor authentication needs from the server. The account methods act on the
//! signed-in actor's own account only.

use crate::domain::{ActionDone, Actor};
use crate::error::AppError;
use crate::two_factor::{TotpSetup, TwoFactorView};
use async_trait::async_trait;
use std::net::IpAddr;
use uuid::Uuid;

#[async_trait]
pub trait TwoFactor: Send + Sync {
    async fn status(&self, actor: &Actor) -> Result<TwoFactorView, AppError>;
    /// Starts setting up an authenticator app, after the current password (throttled like a
    /// sign-in): a fresh secret, which the session that asked keeps until it is confirmed. A
    /// conflict when it is on.
    async fn begin_setup(
        &self,
        actor: &Actor,
        password: &str,
        client: IpAddr,
    ) -> Result<String, AppError>;
    /// What the app scans, or the person types, for the secret being set up.
    async fn setup(&self, actor: &Actor, secret: &str) -> Result<TotpSetup, AppError>;
    /// Turns it on with a first code from the app for that secret; the recovery codes, shown
    /// once.
    async fn confirm_setup(
        &self,
        actor: &Actor,
        secret: &str,
        code: &str,
        client: IpAddr,
    ) -> Result<Vec<String>, AppError>;
    /// Needs the password and a current code (or a recovery code).
    async fn turn_off(
        &self,
        actor: &Actor,
        password: &str,
        code: &str,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
    /// Ten new recovery codes in place of the old ones, after the password and a current code
    /// (or one of the old recovery codes); shown once.
    async fn replace_recovery_codes(
        &self,
        actor: &Actor,
        password: &str,
        code: &str,
        client: IpAddr,
    ) -> Result<Vec<String>, AppError>;
    /// Whether signing in to the account needs a code after the password.
    async fn is_on(&self, account_id: Uuid) -> Result<bool, AppError>;
    /// The second step of signing in: a code from the app, unused, or an unused recovery code.
    /// Throttled per account and per client like passwords; audited either way.
    async fn verify_sign_in(
        &self,
        account_id: Uuid,
        workspace_id: Option<Uuid>,
        code: &str,
        client: IpAddr,
    ) -> Result<(), AppError>;
}
