//! The development mailbox: mail delivered without an SMTP server.

pub mod api;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;

pub use model::*;
