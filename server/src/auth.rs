//! Passwords, sign-in and sessions.

pub mod accounts;
pub mod authenticator;
pub mod device;
pub mod passwords;
pub mod session;
pub mod sessions;
pub mod throttle;
