pub mod add_user;
pub mod shell;
pub mod users;
