//! Paths the pages link and redirect to, in one place.

pub const SIGN_IN: &str = "/sign-in";
pub const SETUP: &str = "/setup";
pub const USERS: &str = "/settings/users";
/// Where an invitation link lands (the token follows as `?token=`).
pub const JOIN: &str = "/join";
