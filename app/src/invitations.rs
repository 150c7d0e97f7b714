//! Inviting people: the add-user wizard, its saved draft, and the invitations it creates.

pub mod api;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
pub mod steps;
pub mod wizard;

pub use model::*;
