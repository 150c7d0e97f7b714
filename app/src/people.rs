//! The people of a workspace: the Users page, one person's details, and what admins do to them.

mod actions;
pub mod api;
mod confirmable;
mod details;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;

pub use actions::*;
pub use confirmable::*;
pub use details::*;
pub use model::*;
