//! Groups and the roles they bind, which their members inherit.

pub mod api;
pub mod checkboxes;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;

pub use model::*;
