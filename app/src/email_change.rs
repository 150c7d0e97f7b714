//! Changing the sign-in address: asked for on the account page with the current password,
//! confirmed from a link sent to the new address (docs/security.md §36–37). Nothing changes
//! until the link is followed.

pub mod api;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;

pub use model::*;
