//! The invitee's side: the joining service, and accepting as one conditional statement.

pub mod acceptance;
pub mod declining;
mod service;

pub use service::*;
