//! Password reset (docs/security.md §36–37): the service behind the reset pages, and the links
//! it keeps in `password_reset`.

pub mod links;
mod service;

pub use service::PasswordResetService;
