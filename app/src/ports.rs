//! The server's side of every feature, gathered for the server functions (`ssr` only). Each
//! feature declares its own port in its `port.rs`; the browser build never sees database, SMTP
//! or hashing crates.

use crate::audit::port::AuditLog;
use crate::auth::port::{Authenticator, SignedIn};
use crate::error::AppError;
use crate::groups::port::Groups;
use crate::import::port::Imports;
use crate::invitations::CreatedInvitation;
use crate::invitations::port::{Drafts, Invitations};
use crate::joining::port::Joining;
use crate::mailbox::port::DevMailbox;
use crate::people::CopiedLink;
use crate::people::port::{Management, Members};
use crate::setup::port::Setup;
use async_trait::async_trait;
use std::sync::Arc;

/// The session of the request being served; inserted per request by the server.
#[async_trait]
pub trait RequestSession: Send + Sync {
    /// Starts a fresh session (new id) for this account.
    async fn start(&self, signed_in: SignedIn) -> Result<(), AppError>;
    /// Deletes the server-side session.
    async fn end(&self) -> Result<(), AppError>;
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
}

/// The server's implementations, provided as Leptos context to every server function.
#[derive(Clone)]
pub struct Ports {
    pub authenticator: Arc<dyn Authenticator>,
    pub setup: Arc<dyn Setup>,
    pub members: Arc<dyn Members>,
    pub joining: Arc<dyn Joining>,
    pub invitations: Arc<dyn Invitations>,
    pub management: Arc<dyn Management>,
    pub audit_log: Arc<dyn AuditLog>,
    pub groups: Arc<dyn Groups>,
    pub imports: Arc<dyn Imports>,
    pub drafts: Arc<dyn Drafts>,
    pub dev_mailbox: Arc<dyn DevMailbox>,
}
