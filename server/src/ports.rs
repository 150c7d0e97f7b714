//! The server's implementation of every feature's port, built once at start-up and given to
//! each server function as its own context (`app::context::port`).

use app::audit::port::AuditLog;
use app::auth::port::Authenticator;
use app::groups::port::Groups;
use app::import::port::Imports;
use app::invitations::port::{Drafts, Invitations};
use app::joining::port::Joining;
use app::mailbox::port::DevMailbox;
use app::people::port::{Management, Members};
use app::ports::RefusalLog;
use app::setup::port::Setup;
use app::workspaces::port::Workspaces;
use leptos::prelude::provide_context;
use std::sync::Arc;

#[derive(Clone)]
pub struct Ports {
    pub authenticator: Arc<dyn Authenticator>,
    pub setup: Arc<dyn Setup>,
    pub members: Arc<dyn Members>,
    pub workspaces: Arc<dyn Workspaces>,
    pub joining: Arc<dyn Joining>,
    pub invitations: Arc<dyn Invitations>,
    pub management: Arc<dyn Management>,
    pub audit_log: Arc<dyn AuditLog>,
    pub refusals: Arc<dyn RefusalLog>,
    pub groups: Arc<dyn Groups>,
    pub imports: Arc<dyn Imports>,
    pub drafts: Arc<dyn Drafts>,
    pub dev_mailbox: Arc<dyn DevMailbox>,
}

impl Ports {
    /// Provides each port as its own context, for the request being served.
    pub fn provide(&self) {
        provide_context(self.authenticator.clone());
        provide_context(self.setup.clone());
        provide_context(self.members.clone());
        provide_context(self.workspaces.clone());
        provide_context(self.joining.clone());
        provide_context(self.invitations.clone());
        provide_context(self.management.clone());
        provide_context(self.audit_log.clone());
        provide_context(self.refusals.clone());
        provide_context(self.groups.clone());
        provide_context(self.imports.clone());
        provide_context(self.drafts.clone());
        provide_context(self.dev_mailbox.clone());
    }
}
