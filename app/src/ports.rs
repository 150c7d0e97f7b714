//! The ports of the request itself, which every feature uses (`ssr` only): its session, and the
//! audit log's record of a refusal. Each feature declares its own port in its `port.rs`; the
//! browser build never sees database, SMTP or hashing crates.

use crate::domain::PendingSignIn;
use crate::domain::{Actor, CopiedLink, CreatedInvitation, SignedIn};
use crate::error::AppError;
use async_trait::async_trait;
use std::net::IpAddr;
use uuid::Uuid;

/// The session of the request being served; inserted per request by the server.
#[async_trait]
pub trait RequestSession: Send + Sync {
    /// Starts a fresh session (new id) for this account.
    async fn start(&self, signed_in: SignedIn) -> Result<(), AppError>;
    /// Deletes the server-side session.
    async fn end(&self) -> Result<(), AppError>;
    /// What the account page calls this session by (`account::SessionView::handle`); `None`
    /// before the session is stored.
    async fn handle(&self) -> Option<String>;
    /// Keeps what Add created for the confirmation page (the links sealed), once.
    async fn remember_created(&self, created: &[CreatedInvitation]) -> Result<(), AppError>;
    async fn take_created(&self) -> Result<Vec<CreatedInvitation>, AppError>;
    /// Keeps a fresh invite link for the page that shows it (sealed), once.
    async fn remember_link(&self, link: &CopiedLink) -> Result<(), AppError>;
    async fn take_link(&self) -> Result<Option<CopiedLink>, AppError>;
    /// A sentence for the next page this browser shows, once.
    async fn remember_notice(&self, notice: &str) -> Result<(), AppError>;
    async fn take_notice(&self) -> Result<Option<String>, AppError>;
    /// The display name an invitee typed into a refused join form posted without JavaScript,
    /// so the form shown again (a fresh page) keeps it; with JavaScript it never went away.
    async fn remember_typed_name(&self, name: &str) -> Result<(), AppError>;
    async fn typed_name(&self) -> Result<Option<String>, AppError>;
    /// Why the last CSV upload was refused, for the upload page, once.
    async fn remember_import_problem(&self, problem: &str) -> Result<(), AppError>;
    async fn take_import_problem(&self) -> Result<Option<String>, AppError>;
    /// A right password for an account with two-factor authentication, waiting for its code
    /// (docs/security.md §38); `pending_sign_in` is `None` once it has timed out.
    async fn remember_pending_sign_in(
        &self,
        account_id: Uuid,
        workspace_id: Option<Uuid>,
    ) -> Result<(), AppError>;
    async fn pending_sign_in(&self) -> Result<Option<PendingSignIn>, AppError>;
    async fn forget_pending_sign_in(&self) -> Result<(), AppError>;
    /// The authenticator-app secret being set up, kept (sealed) in the session that began it,
    /// and only there, until a first code confirms it (docs/security.md §38).
    async fn remember_totp_setup(&self, secret: &str) -> Result<(), AppError>;
    async fn totp_setup(&self) -> Result<Option<String>, AppError>;
    async fn forget_totp_setup(&self) -> Result<(), AppError>;
    /// Keeps the recovery codes two-factor authentication was turned on with (sealed), once.
    async fn remember_recovery_codes(&self, codes: &[String]) -> Result<(), AppError>;
    async fn take_recovery_codes(&self) -> Result<Vec<String>, AppError>;
}

/// Where a refusal for want of rights is recorded (docs/security.md §29).
#[async_trait]
pub trait RefusalLog: Send + Sync {
    async fn record_refusal(&self, actor: &Actor, client: IpAddr) -> Result<(), AppError>;
}
