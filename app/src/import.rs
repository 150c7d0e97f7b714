//! Inviting people from a CSV file: the dry run, the report, and the background import.

pub mod api;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;

pub use model::*;
