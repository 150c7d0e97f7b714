//! The HTTP surface: the router, its middleware, and the handlers that are not server functions.

pub mod assets;
pub mod client_addr;
pub mod guard;
pub mod health;
pub mod import;
pub mod live;
pub mod origin;
pub mod pieces;
pub mod request_input;
pub mod router;
pub mod secret_links;
pub mod security_headers;
pub mod server_fn_status;
pub mod visitor;
