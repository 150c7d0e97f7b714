//! The signed-in person's own account (the account page's port) and the queries over their
//! sessions.

pub mod queries;
mod service;

pub use service::{AccountService, confirm_current_password, done};
