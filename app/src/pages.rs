//! Pages that belong to no one feature: the landing rule, Not Found, and the Settings shell
//! around every feature's settings pages.

pub mod landing;
pub mod not_found;
pub mod shell;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:name` segment of the page's path; empty if the path has none.
pub fn path_param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get(name).unwrap_or_default())
}
