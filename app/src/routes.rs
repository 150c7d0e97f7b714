//! Paths the pages link and redirect to, in one place.

pub const SIGN_IN: &str = "/sign-in";
pub const SETUP: &str = "/setup";
pub const USERS: &str = "/settings/users";
