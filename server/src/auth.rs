//! Passwords, sign-in and sessions.

pub mod authenticator;
pub mod passwords;
pub mod session;
pub mod throttle;
