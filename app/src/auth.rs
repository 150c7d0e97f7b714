//! Signing in and out, and who is acting.

pub mod api;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;

pub use model::*;
