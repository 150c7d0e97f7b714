//! The pages around one person: confirmations, a fresh link, editing, groups, and bulk actions.

pub mod bulk;
pub mod confirm;
pub mod edit_user;
pub mod new_link;
pub mod user_groups;

use crate::components::ProblemNotice;
use leptos::prelude::*;

/// The `:member_id` of the page's path.
pub fn member_id_param() -> Memo<String> {
    crate::routes::path_param("member_id")
}

/// The page when the person cannot be shown (not found, or not allowed).
pub fn unavailable(problem: crate::error::AppError) -> AnyView {
    view! {
        <leptos_meta::Title text="User not found" />
        <h1>"User not found"</h1>
        <ProblemNotice problem=problem />
        <p><a href=crate::routes::USERS>"Back to Users"</a></p>
    }
    .into_any()
}

/// The refusal of either of the page's two actions (the invitation's, if both were refused).
pub fn action_error(
    invitation: ServerAction<crate::people::api::ActOnInvitation>,
    membership: ServerAction<crate::people::api::ActOnMember>,
) -> Signal<Option<crate::error::AppError>> {
    Signal::derive(move || {
        invitation
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| membership.value().get().and_then(Result::err))
    })
}
