//! Workspaces: creating them and reading their names.

pub mod directory;
pub mod queries;
