pub mod add_user;
pub mod audit_log;
pub mod groups;
pub mod import;
pub mod mailbox;
pub mod manage;
pub mod roles;
pub mod shell;
pub mod user_details;
pub mod user_filters;
pub mod users;
pub mod workspace;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:name` segment of the page's path; empty if the path has none.
pub fn path_param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get(name).unwrap_or_default())
}
