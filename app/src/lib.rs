//! Portico's shared crate: domain rules, server functions and the pages, compiled both into the
//! server (`ssr`) and into the browser (`hydrate`).

// The Settings shell's view type is deep enough to pass the default limit of 128 when its
// layout is computed.
#![recursion_limit = "256"]

// Shared by every feature.
pub mod components;
pub mod domain;
pub mod error;
mod lazy_pages;
#[cfg(feature = "ssr")]
pub use lazy_pages::PiecePreloads;
pub mod pages;
mod plain_forms;
pub mod routes;
pub mod words;

// The features: each holds its model, its server functions (`api`), its pages and the port
// the server implements for it (docs/architecture.md).
pub mod account;
pub mod audit;
pub mod auth;
pub mod email_change;
pub mod groups;
pub mod import;
pub mod invitations;
pub mod joining;
pub mod mailbox;
pub mod password_reset;
pub mod people;
pub mod setup;
pub mod two_factor;
pub mod workspaces;

#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod ports;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

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
                <link rel="stylesheet" id="portico" href=stylesheet_href(&options) />
                {ships_script().then(|| view! { <HydrationScripts options /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Whether the page loads the browser bundle. The pages a person sees before they have an
/// account here (sign-in, setup and every invitee page) do not: they are plain forms that work
/// without a script, so they load in a few kilobytes, and the bundle arrives with the first
/// page after sign-in. Every signed-in page loads it (docs/architecture.md, Performance).
fn ships_script() -> bool {
    #[cfg(feature = "ssr")]
    return !routes::is_plain_form(&context::request_path());
    #[cfg(not(feature = "ssr"))]
    true
}

/// The stylesheet's address: named by its content when the build listed the names
/// (`hash.txt`, as Leptos reads it for the scripts), so browsers keep it for a year.
fn stylesheet_href(options: &LeptosOptions) -> String {
    let hash = options
        .hash_files
        .then(|| std::fs::read_to_string(options.hash_file.as_ref()).ok())
        .flatten()
        .and_then(|list| {
            list.lines()
                .find_map(|line| line.strip_prefix("css:").map(|hash| hash.trim().to_owned()))
        });
    match hash {
        Some(hash) => format!("/pkg/portico.{hash}.css"),
        None => "/pkg/portico.css".to_owned(),
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
        <Title formatter=page_title />
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <Router>
            <Routes fallback=pages::not_found::NotFound>
                <Route path=path!("/") view={Lazy::<lazy_pages::Landing>::new()} />
                <Route path=path!("/sign-in") view=plain_forms::SignIn />
                <Route path=path!("/sign-in/two-factor") view=plain_forms::SignInCode ssr=SsrMode::Async />
                <Route path=path!("/setup") view=plain_forms::Setup ssr=SsrMode::Async />
                <Route path=path!("/join") view=plain_forms::Join ssr=SsrMode::Async />
                <Route path=path!("/join/decline") view=plain_forms::JoinDecline ssr=SsrMode::Async />
                <Route path=path!("/join/two-factor") view=plain_forms::JoinCode ssr=SsrMode::Async />
                <Route path=path!("/join/declined") view=plain_forms::JoinDeclined />
                <Route path=path!("/join/new-link-requested") view=plain_forms::JoinNewLinkRequested />
                <Route path=path!("/password-reset") view=plain_forms::PasswordReset />
                <Route path=path!("/password-reset/sent") view=plain_forms::PasswordResetSent />
                <Route path=path!("/password-reset/new") view=plain_forms::PasswordResetNew ssr=SsrMode::Async />
                <Route path=path!("/password-reset/done") view=plain_forms::PasswordResetDone />
                <Route path=path!("/email-change/confirm") view=plain_forms::EmailChangeConfirm ssr=SsrMode::Async />
                <Route path=path!("/email-change/done") view=plain_forms::EmailChangeDone />
                <ParentRoute
                    path=path!("/settings")
                    view=pages::shell::SettingsShell
                    ssr=SsrMode::Async
                >
                    <Route path=path!("/workspace") view={Lazy::<lazy_pages::Workspace>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account") view={Lazy::<lazy_pages::Account>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/two-factor") view={Lazy::<lazy_pages::TwoFactorSetup>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/recovery-codes") view={Lazy::<lazy_pages::RecoveryCodes>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users") view={Lazy::<lazy_pages::Users>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users/add") view={Lazy::<lazy_pages::AddUserDetails>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users/add/groups") view={Lazy::<lazy_pages::AddUserGroups>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users/add/overview") view={Lazy::<lazy_pages::AddUserOverview>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users/add/done") view={Lazy::<lazy_pages::AddUserDone>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users/import") view={Lazy::<lazy_pages::Import>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users/import/:batch_id") view={Lazy::<lazy_pages::ImportBatch>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users/bulk") view={Lazy::<lazy_pages::BulkInvitations>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users/:member_id") view={Lazy::<lazy_pages::UserDetails>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users/:member_id/edit") view={Lazy::<lazy_pages::EditUser>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users/:member_id/groups") view={Lazy::<lazy_pages::UserGroups>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users/:member_id/link") view={Lazy::<lazy_pages::NewLink>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/users/:member_id/confirm/:action") view={Lazy::<lazy_pages::Confirm>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/groups") view={Lazy::<lazy_pages::Groups>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/groups/new") view={Lazy::<lazy_pages::GroupEdit>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/groups/:group_id") view={Lazy::<lazy_pages::GroupEdit>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/groups/:group_id/delete") view={Lazy::<lazy_pages::DeleteGroup>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/roles") view={Lazy::<lazy_pages::Roles>::new()} />
                    <Route path=path!("/audit-log") view={Lazy::<lazy_pages::AuditLog>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/mailbox") view={Lazy::<lazy_pages::Mailbox>::new()} ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
