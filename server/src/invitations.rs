//! Inviting people: the service behind the wizard and the import, the wizard's drafts, and
//! the invitation queries.

pub mod drafts;
pub mod queries;
mod service;

pub use service::*;
