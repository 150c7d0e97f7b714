//! Two-factor authentication (docs/security.md §38): the service behind the account page's
//! section and the sign-in's second step, the secrets and recovery codes it keeps, and TOTP
//! itself.

mod checks;
mod codes;
mod queries;
mod service;

pub use service::TwoFactorService;
