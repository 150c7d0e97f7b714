//! Email: what an invitation says, how it reaches the recipient, and the worker that delivers
//! the outbox.

pub mod link_request;
pub mod message;
pub mod outbox;
pub mod transport;
pub mod worker;
