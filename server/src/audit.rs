//! The audit log: the events every change records, and the log's port.

pub mod queries;
pub mod trail;
