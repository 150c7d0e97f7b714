//! Two-factor authentication (docs/security.md §38): a code from an authenticator app (TOTP,
//! RFC 6238) after the password, and ten single-use recovery codes for a lost phone. Set up
//! and turned off on the account page; asked for at sign-in, including the invitation's.

pub mod api;
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;

pub use model::*;
