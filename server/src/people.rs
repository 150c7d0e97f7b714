//! The people of a workspace: the directory the Users page reads, the management service,
//! and their queries.

pub mod changes;
pub mod directory;
pub mod queries;
pub mod search_index;
mod service;
pub mod state_index;

pub use service::*;
