//! The Users page, one person's page, and the pages of what admins do to a person.

pub mod invitation_buttons;
pub mod manage;
pub mod user_details;
pub mod user_filters;
pub mod users;
