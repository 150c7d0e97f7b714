//! Email: what an invitation, a password reset and the account's notices say, how it reaches the recipient, and the worker that delivers
//! the outbox.

pub mod email_change;
pub mod link_request;
pub mod message;
pub mod outbox;
pub mod password_reset;
pub mod transport;
pub mod two_factor;
pub mod worker;
