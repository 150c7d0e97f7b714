//! Server functions by feature. Each is a thin adapter: parse input with the domain types,
//! check the actor's rights, call a port, map the error.

pub mod audit;
pub mod auth;
pub mod groups;
pub mod import;
pub mod invitations;
pub mod join;
pub mod mailbox;
pub mod manage;
pub mod members;
pub mod setup;
pub mod wizard;
pub mod workspaces;

/// Ids in paths and forms; a malformed id names nothing, so it is not found.
#[cfg(feature = "ssr")]
pub(crate) fn parse_id(text: &str) -> Result<uuid::Uuid, crate::error::AppError> {
    uuid::Uuid::parse_str(text).map_err(|_| crate::error::AppError::NotFound)
}
