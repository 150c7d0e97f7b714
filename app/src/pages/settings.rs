pub mod shell;
pub mod users;
