//! What the account page needs from the server. Every method acts on the signed-in actor's own
//! account, and only on it.

use crate::account::AccountView;
use crate::domain::{ActionDone, Actor, PersonName};
use crate::error::AppError;
use async_trait::async_trait;
use std::net::IpAddr;

#[async_trait]
pub trait OwnAccount: Send + Sync {
    /// `current_handle`: the session of this request, shown first and marked.
    async fn overview(&self, actor: &Actor, current_handle: &str) -> Result<AccountView, AppError>;
    async fn rename(
        &self,
        actor: &Actor,
        display_name: PersonName,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
    /// Needs the current password (throttled like a sign-in); checks the new one against the
    /// account's name and address; ends every other session of the account and emails a notice.
    async fn change_password(
        &self,
        actor: &Actor,
        current_password: &str,
        new_password: &str,
        current_handle: &str,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
    /// Ends one of the account's sessions; another account's handle finds nothing.
    async fn end_session(
        &self,
        actor: &Actor,
        handle: &str,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
    /// Ends every session of the account but `current_handle`.
    async fn end_other_sessions(
        &self,
        actor: &Actor,
        current_handle: &str,
        client: IpAddr,
    ) -> Result<ActionDone, AppError>;
}
