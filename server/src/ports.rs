//! The server's implementation of every feature's port, built once at start-up and given to
//! each server function as its own context (`app::context::port`).

use app::account::port::OwnAccount;
use app::audit::port::AuditLog;
use app::auth::port::Authenticator;
use app::email_change::port::EmailChanges;
use app::groups::port::Groups;
use app::import::port::Imports;
use app::invitations::port::{Drafts, Invitations};
use app::joining::port::Joining;
use app::mailbox::port::DevMailbox;
use app::password_reset::port::PasswordResets;
use app::people::port::{Management, Members};
use app::ports::RefusalLog;
use app::setup::port::Setup;
use app::two_factor::port::TwoFactor;
use app::workspaces::port::Workspaces;
use leptos::prelude::provide_context;
use std::sync::Arc;

pub mod accounts;

/// Declares `Ports` with one field per port and `provide`, which gives each to the request:
/// one list, so a port added to the struct is provided too.
macro_rules! ports {
    ($($field:ident: $port:ident),* $(,)?) => {
        #[derive(Clone)]
        pub struct Ports {
            $(pub $field: Arc<dyn $port>,)*
        }

        impl Ports {
            /// Provides each port as its own context, for the request being served.
            pub fn provide(&self) {
                $(provide_context(self.$field.clone());)*
            }
        }
    };
}

ports! {
    authenticator: Authenticator,
    setup: Setup,
    members: Members,
    workspaces: Workspaces,
    joining: Joining,
    invitations: Invitations,
    management: Management,
    audit_log: AuditLog,
    refusals: RefusalLog,
    groups: Groups,
    imports: Imports,
    drafts: Drafts,
    dev_mailbox: DevMailbox,
    password_resets: PasswordResets,
    own_account: OwnAccount,
    email_changes: EmailChanges,
    two_factor: TwoFactor,
}
