//! Inviting people from a CSV file: reading and checking it, the report, the background
//! import, and its queries.

pub mod check;
pub mod queries;
pub mod report;
mod service;

pub use service::*;
