//! What server functions need from the server, as traits the server implements (`ssr` only).
//! The browser build never sees database, SMTP or hashing crates.

use crate::auth::Actor;
use crate::domain::{
    EmailAddress, GroupName, NewPerson, Password, PersonName, Role, WorkspaceName,
};
use crate::error::AppError;
use crate::groups::GroupView;
use crate::invitations::{CreatedInvitation, GroupSummary, MailboxMessage, WizardDraft};
use crate::joining::{JoinPreview, WorkspaceChoice};
use crate::management::{
    ActionDone, CopiedLink, InvitationAction, MemberAction, MemberDetails, MemberEdit,
};
use crate::members::{MemberQuery, MemberSummary, MembersPage};
use async_trait::async_trait;
use std::net::IpAddr;
use std::sync::Arc;
use uuid::Uuid;

/// A successful authentication: which account, acting in which workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub account_id: Uuid,
    pub workspace_id: Uuid,
}

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

pub struct FirstWorkspace {
    pub workspace_name: WorkspaceName,
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: EmailAddress,
    pub password: Password,
}

#[async_trait]
pub trait Setup: Send + Sync {
    /// True while the database holds no workspace.
    async fn is_open(&self) -> Result<bool, AppError>;
    /// Creates the first workspace and its Owner, if `token` is the printed one and the database
    /// is still empty.
    async fn create_first_workspace(
        &self,
        token: &str,
        input: FirstWorkspace,
    ) -> Result<SignedIn, AppError>;
}

#[async_trait]
pub trait Members: Send + Sync {
    /// One page of the people matching `query`.
    async fn list(&self, workspace_id: Uuid, query: &MemberQuery) -> Result<MembersPage, AppError>;
    /// `NotFound` unless the member belongs to the workspace (docs/security.md §14).
    async fn details(&self, workspace_id: Uuid, member_id: Uuid)
    -> Result<MemberSummary, AppError>;
    /// A new workspace with the default groups, whose Owner is the account.
    async fn create_workspace(
        &self,
        account_id: Uuid,
        name: WorkspaceName,
    ) -> Result<Uuid, AppError>;
    /// The workspaces where the account's membership is active, by name.
    async fn workspaces(
        &self,
        account_id: Uuid,
        current: Uuid,
    ) -> Result<Vec<WorkspaceChoice>, AppError>;
}

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

#[async_trait]
pub trait Invitations: Send + Sync {
    /// The workspace's groups with the roles each binds.
    async fn groups(&self, workspace_id: Uuid) -> Result<Vec<GroupSummary>, AppError>;
    /// Field errors for addresses already in the workspace or entered twice.
    async fn check_addresses(
        &self,
        workspace_id: Uuid,
        people: &[NewPerson],
    ) -> Result<(), AppError>;
    /// Invites everyone in one transaction, or no one. Checks what the actor may grant, and
    /// reports addresses already in the workspace as field errors.
    async fn invite(
        &self,
        actor: &Actor,
        people: Vec<NewPerson>,
        group_ids: Vec<Uuid>,
        client: IpAddr,
    ) -> Result<Vec<CreatedInvitation>, AppError>;
}

/// What admins do to people after they were added. Every method checks, itself, that the
/// actor may act on this person (docs/security.md §12–15); a person of another workspace is
/// `NotFound`, with nothing changed.
#[async_trait]
pub trait Management: Send + Sync {
    async fn details(&self, actor: &Actor, member_id: Uuid) -> Result<MemberDetails, AppError>;
    /// Resends, regenerates, revokes, or issues a fresh link (returned only for `CopyLink`).
    async fn invitation_action(
        &self,
        actor: &Actor,
        member_id: Uuid,
        action: InvitationAction,
        client: IpAddr,
    ) -> Result<(ActionDone, Option<CopiedLink>), AppError>;
    async fn member_action(
        &self,
        actor: &Actor,
        member_id: Uuid,
        action: MemberAction,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
    async fn edit(
        &self,
        actor: &Actor,
        member_id: Uuid,
        edit: MemberEdit,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
    async fn change_groups(
        &self,
        actor: &Actor,
        member_id: Uuid,
        group_ids: Vec<Uuid>,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
}

/// Mail "delivered" without SMTP, for development. `None` when SMTP is configured.
#[async_trait]
pub trait DevMailbox: Send + Sync {
    /// `None` when SMTP is configured. Otherwise only what `reader` may read: the mail their
    /// own workspace sent, and the mail sent to their own address (docs/security.md §8g).
    async fn messages(&self, reader: &Actor) -> Result<Option<Vec<MailboxMessage>>, AppError>;
}

/// The add-user wizard's draft of each inviting member.
#[async_trait]
pub trait Drafts: Send + Sync {
    async fn load(&self, member_id: Uuid) -> Result<WizardDraft, AppError>;
    async fn save(&self, member_id: Uuid, draft: &WizardDraft) -> Result<(), AppError>;
    async fn clear(&self, member_id: Uuid) -> Result<(), AppError>;
}

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

/// The workspace's audit log, as Settings > Audit log reads it.
#[async_trait]
pub trait AuditLog: Send + Sync {
    /// Records that the actor was refused something for want of rights.
    async fn record_refusal(&self, actor: &Actor, client: IpAddr) -> Result<(), AppError>;
    async fn page(
        &self,
        workspace_id: Uuid,
        query: &crate::audit::AuditQuery,
    ) -> Result<crate::audit::AuditPage, AppError>;
}

/// Settings > Groups. Every change checks, itself, that the actor may make it (docs/security.md
/// §12–15); a group of another workspace is `NotFound`.
#[async_trait]
pub trait Groups: Send + Sync {
    /// The workspace's groups whose name or a role matches `query`, by name.
    async fn list(&self, workspace_id: Uuid, query: &str) -> Result<Vec<GroupView>, AppError>;
    async fn create(
        &self,
        actor: &Actor,
        name: GroupName,
        roles: Vec<Role>,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
    async fn update(
        &self,
        actor: &Actor,
        group_id: Uuid,
        name: GroupName,
        roles: Vec<Role>,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
    async fn delete(
        &self,
        actor: &Actor,
        group_id: Uuid,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
}

/// Importing people from a CSV file. An import belongs to the member who uploaded it: anyone
/// else gets `NotFound`.
#[async_trait]
pub trait Imports: Send + Sync {
    /// The dry run: parses and checks the file, stores each row's verdict, and writes nothing
    /// to the workspace. A file that cannot be read at all is `Invalid` on the field `file`.
    async fn check(&self, actor: &Actor, file_name: &str, bytes: Vec<u8>)
    -> Result<Uuid, AppError>;
    async fn view(
        &self,
        actor: &Actor,
        batch_id: Uuid,
        page: u32,
        problems_only: bool,
    ) -> Result<crate::import::ImportView, AppError>;
    /// The import's summary and progress, without its rows.
    async fn summary(
        &self,
        actor: &Actor,
        batch_id: Uuid,
    ) -> Result<crate::import::ImportSummary, AppError>;
    /// Starts inviting the ready rows in the background. Once only: starting a running or
    /// finished import changes nothing.
    async fn start(&self, actor: &Actor, batch_id: Uuid, client: IpAddr) -> Result<(), AppError>;
    /// Every row not imported (or not to be), with why, in line order.
    async fn skipped(
        &self,
        actor: &Actor,
        batch_id: Uuid,
    ) -> Result<Vec<crate::import::ImportRow>, AppError>;
}
