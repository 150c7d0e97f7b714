//! Changing an account's sign-in address (docs/security.md §36–37): the service behind the
//! account page's form and the confirmation link, and the links it keeps in `email_change`.

pub mod links;
mod service;

pub use service::EmailChangeService;
