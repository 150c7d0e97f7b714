//! The invitee's side: the joining service, and accepting as one conditional statement.

pub mod acceptance;
mod service;

pub use service::*;
