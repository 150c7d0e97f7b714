//! The workspaces an account belongs to: switching between them, and creating one.

pub mod api;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;

pub use model::*;
