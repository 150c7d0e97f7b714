//! Portico's shared crate: domain rules, server functions and the pages, compiled both into the
//! server (`ssr`) and into the browser (`hydrate`).

pub mod api;
pub mod audit;
pub mod auth;
pub mod components;
pub mod domain;
pub mod error;
pub mod groups;
pub mod import;
pub mod invitations;
pub mod joining;
pub mod management;
pub mod members;
pub mod pages;
pub mod routes;
pub mod words;

#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod ports;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};
use pages::join;
use pages::settings::{add_user, manage};

/// The HTML document the server renders around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // Declared, so browsers never ask for /favicon.ico: that request would pass the
                // session layer beside the page's own and could store the session as it was
                // before the page changed it (a "shown once" link would come back).
                <link rel="icon" type="image/svg+xml" href="/pkg/favicon.svg" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The document title of every page. leptos_meta (0.8.7, and 0.9.0-rc1 alike) writes the
/// title into the server-rendered `<head>` without escaping it, and titles carry stored names:
/// so the server escapes them here, once for every page (docs/security.md §24a). The browser
/// sets `document.title`, which is text, so it gets the plain string.
fn page_title(page: String) -> String {
    let title = format!("{page} · Portico");
    #[cfg(feature = "ssr")]
    let title = html_escape::encode_text(&title).into_owned();
    title
}

/// Pages that load data render with `SsrMode::Async`: the server sends them whole, so a browser
/// without JavaScript never sees a loading placeholder that only scripts would replace.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="portico" href="/pkg/portico.css" />
        <Title formatter=page_title />
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <Router>
            <Routes fallback=pages::not_found::NotFound>
                <Route path=path!("/") view=pages::landing::Landing />
                <Route path=path!("/sign-in") view=pages::auth::sign_in::SignInPage />
                <Route path=path!("/setup") view=pages::setup::SetupPage ssr=SsrMode::Async />
                <Route path=path!("/join") view=join::invitation::JoinPage ssr=SsrMode::Async />
                <Route path=path!("/join/decline") view=join::decline::DeclinePage ssr=SsrMode::Async />
                <Route path=path!("/join/declined") view=join::outcomes::DeclinedPage />
                <Route path=path!("/join/new-link-requested") view=join::outcomes::NewLinkRequestedPage />
                <ParentRoute
                    path=path!("/settings")
                    view=pages::settings::shell::SettingsShell
                    ssr=SsrMode::Async
                >
                    <Route path=path!("/workspace") view=pages::settings::workspace::WorkspacePage ssr=SsrMode::Async />
                    <Route path=path!("/users") view=pages::settings::users::UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/users/add") view=add_user::details::AddUserDetails ssr=SsrMode::Async />
                    <Route path=path!("/users/add/groups") view=add_user::groups::AddUserGroups ssr=SsrMode::Async />
                    <Route path=path!("/users/add/overview") view=add_user::overview::AddUserOverview ssr=SsrMode::Async />
                    <Route path=path!("/users/add/done") view=add_user::done::AddUserDone ssr=SsrMode::Async />
                    <Route path=path!("/users/import") view=pages::settings::import::ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/users/import/:batch_id") view=pages::settings::import::batch::ImportBatchPage ssr=SsrMode::Async />
                    <Route path=path!("/users/bulk") view=manage::bulk::BulkPage ssr=SsrMode::Async />
                    <Route path=path!("/users/:member_id") view=pages::settings::user_details::UserDetailsPage ssr=SsrMode::Async />
                    <Route path=path!("/users/:member_id/edit") view=manage::edit_user::EditUserPage ssr=SsrMode::Async />
                    <Route path=path!("/users/:member_id/groups") view=manage::user_groups::UserGroupsPage ssr=SsrMode::Async />
                    <Route path=path!("/users/:member_id/link") view=manage::new_link::NewLinkPage ssr=SsrMode::Async />
                    <Route path=path!("/users/:member_id/confirm/:action") view=manage::confirm::ConfirmPage ssr=SsrMode::Async />
                    <Route path=path!("/groups") view=pages::settings::groups::GroupsPage ssr=SsrMode::Async />
                    <Route path=path!("/groups/new") view=pages::settings::groups::edit::GroupEditPage ssr=SsrMode::Async />
                    <Route path=path!("/groups/:group_id") view=pages::settings::groups::edit::GroupEditPage ssr=SsrMode::Async />
                    <Route path=path!("/groups/:group_id/delete") view=pages::settings::groups::delete::DeleteGroupPage ssr=SsrMode::Async />
                    <Route path=path!("/roles") view=pages::settings::roles::RolesPage />
                    <Route path=path!("/audit-log") view=pages::settings::audit_log::AuditLogPage ssr=SsrMode::Async />
                    <Route path=path!("/mailbox") view=pages::settings::mailbox::MailboxPage ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
