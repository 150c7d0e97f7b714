//! Forgetting a password: asking for a reset link by email, and choosing a new password from it
//! (docs/security.md §36–37).

pub mod api;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;

pub use model::*;
