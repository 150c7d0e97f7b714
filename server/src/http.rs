//! The HTTP surface: router and middleware.

pub mod client_addr;
pub mod guard;
pub mod health;
pub mod import;
pub mod join;
pub mod origin;
pub mod request_input;
pub mod router;
pub mod security_headers;
pub mod server_fn_status;
pub mod visitor;
