//! The workspace's audit log.

pub mod api;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;

pub use model::*;
