//! The people of a workspace: the directory the Users page reads, the management service,
//! and their queries.

pub mod changes;
pub mod directory;
pub mod queries;
mod service;

pub use service::*;
