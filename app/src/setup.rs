//! The first workspace, created from the link the server prints while the database is empty.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
