//! The invitee's side of an invitation: the link's page, accepting, signing in to join, declining.

pub mod api;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;

pub use model::*;
