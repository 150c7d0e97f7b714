//! Settings > Groups: the service that changes groups, and the group queries.

pub mod queries;
mod service;

pub use service::*;
