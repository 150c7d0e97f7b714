//! Signing in and out: the sign-in page, its server functions, and the port that checks
//! passwords (who is acting is `domain::Actor`).

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
