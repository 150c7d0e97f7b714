//! Inviting people from a CSV file: reading and checking it, the report, the background
//! import, and its queries.

pub mod check;
pub mod lease;
pub mod queries;
pub mod read;
pub mod report;
pub mod retention;
mod service;

pub use service::*;
