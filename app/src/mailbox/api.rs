#[cfg(feature = "ssr")]
use crate::context::port;
use crate::error::AppError;
use crate::mailbox::MailboxMessage;
use leptos::prelude::*;

/// The development mailbox, newest first: the mail the Owner's own workspace sent and the mail
/// to their own address. Owners only; `NotFound` when SMTP is configured.
#[server(prefix = "/api", endpoint = "dev_mailbox")]
pub async fn dev_mailbox() -> Result<Vec<MailboxMessage>, AppError> {
    let actor = crate::context::actor_with(crate::domain::Permission::ManageWorkspace)?;
    port::<dyn crate::mailbox::port::DevMailbox>()?
        .messages(&actor)
        .await?
        .ok_or(AppError::NotFound)
}

/// Whether to show the mailbox in the navigation.
#[server(prefix = "/api", endpoint = "dev_mailbox_enabled")]
pub async fn dev_mailbox_enabled() -> Result<bool, AppError> {
    let actor = crate::context::actor()?;
    if !actor.can(crate::domain::Permission::ManageWorkspace) {
        return Ok(false);
    }
    Ok(port::<dyn crate::mailbox::port::DevMailbox>()?
        .messages(&actor)
        .await?
        .is_some())
}
