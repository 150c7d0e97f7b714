//! Pages that belong to no one feature: the landing rule, Not Found, and the Settings shell
//! around every feature's settings pages.

pub mod landing;
pub mod not_found;
pub mod shell;
