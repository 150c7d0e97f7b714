pub mod add_user;
pub mod mailbox;
pub mod manage;
pub mod shell;
pub mod user_details;
pub mod user_filters;
pub mod users;
pub mod workspace;
