//! Email: what an invitation and a password reset say, how it reaches the recipient, and the worker that delivers
//! the outbox.

pub mod email_change;
pub mod link_request;
pub mod message;
pub mod outbox;
pub mod password_reset;
pub mod transport;
pub mod worker;
