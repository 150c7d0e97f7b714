pub mod auth;
pub mod join;
pub mod landing;
pub mod not_found;
pub mod settings;
pub mod setup;
