//! Workspaces: creating them and reading their names.

pub mod queries;
