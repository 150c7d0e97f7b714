//! The signed-in person's own account: their display name, their password and the sessions
//! they are signed in with. It belongs to the person, not to a workspace: nobody else reads or
//! changes it here.

pub mod api;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;

pub use model::*;
