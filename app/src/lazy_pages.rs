//! The pages that hydrate, each a lazy route in a piece of the browser bundle of its own area
//! (docs/architecture.md, Performance; the plain forms are in `plain_forms`). `build-site.sh`
//! splits the WASM at these points: the first load carries the shell (runtime, router, settings
//! frame) and the page's piece, and following a link loads only the next area's piece.
//!
//! Pages that are used together share a piece (the add-user wizard's four steps, a member's
//! pages): every piece is a request, and on HTTP/1.1 at 150 ms a page needing a hundred small
//! pieces took longer to become usable than the whole bundle did. A page added to an area
//! adds to that area's piece only.

use leptos::prelude::*;

/// Declares each `$route` as a lazy route showing `$page` (a component without props), its
/// code in the piece `$piece`. The server names the piece in the page's head, with the shared
/// pieces it needs, so the browser fetches them at once (`preload_piece`).
///
/// The router preloads a route before it hydrates or shows it, and the view must then be ready
/// at once, or hydration finds the page missing: so `preload` is the very loader the view's
/// wrapper awaits (`load`, one per route; a second loader of the same piece would still be
/// pending when the view asks).
///
/// A piece can fail to arrive: the network, or a new release that replaced the pieces while
/// this page stayed open. The view then reloads the page from the server, which brings the
/// current bundle, rather than leaving a page that no longer works.
macro_rules! lazy_pages {
    ($($piece:ident { $($route:ident => $page:path;)* })*) => {$(
        mod $piece {$(
            #[allow(non_snake_case)]
            pub mod $route {
                use leptos::prelude::*;

                // Named after the route: wasm-split names the piece's link by the function's
                // name, so each route's must differ.
                #[leptos::wasm_split::wasm_split($piece, wasm_split_path = ::leptos::wasm_split, preload(load), fallible)]
                pub fn $route() -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
                    Ok($page().into_any())
                }
            }
        )*}

        $(
            pub struct $route;

            impl leptos_router::LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_route: Self) -> AnyView {
                    #[cfg(feature = "ssr")]
                    preload_piece(stringify!($piece));
                    $piece::$route::$route().await.unwrap_or_else(|_| reload_from_server())
                }

                async fn preload() {
                    // A failure here is met again, and handled, by `view`.
                    let _ = $piece::$route::load().await;
                }
            }
        )*
    )*};
}

lazy_pages! {
    landing {
        Landing => crate::pages::landing::Landing;
    }
    workspace {
        Workspace => crate::workspaces::pages::WorkspacePage;
    }
    account {
        Account => crate::account::pages::AccountPage;
        TwoFactorSetup => crate::two_factor::pages::TwoFactorSetupPage;
        RecoveryCodes => crate::two_factor::pages::RecoveryCodesPage;
    }
    users {
        Users => crate::people::pages::users::UsersPage;
    }
    member_pages {
        UserDetails => crate::people::pages::user_details::UserDetailsPage;
        EditUser => crate::people::pages::manage::edit_user::EditUserPage;
        UserGroups => crate::people::pages::manage::user_groups::UserGroupsPage;
        NewLink => crate::people::pages::manage::new_link::NewLinkPage;
        Confirm => crate::people::pages::manage::confirm::ConfirmPage;
        BulkInvitations => crate::people::pages::manage::bulk::BulkPage;
    }
    add_user {
        AddUserDetails => crate::invitations::pages::details::AddUserDetails;
        AddUserGroups => crate::invitations::pages::groups::AddUserGroups;
        AddUserOverview => crate::invitations::pages::overview::AddUserOverview;
        AddUserDone => crate::invitations::pages::done::AddUserDone;
    }
    import {
        Import => crate::import::pages::ImportPage;
        ImportBatch => crate::import::pages::batch::ImportBatchPage;
    }
    groups {
        Groups => crate::groups::pages::GroupsPage;
        GroupEdit => crate::groups::pages::edit::GroupEditPage;
        DeleteGroup => crate::groups::pages::delete::DeleteGroupPage;
        Roles => crate::groups::pages::roles::RolesPage;
    }
    audit_log {
        AuditLog => crate::audit::pages::AuditLogPage;
    }
    mailbox {
        Mailbox => crate::mailbox::pages::MailboxPage;
    }
}

/// Where the build put each area's piece and the shared pieces it needs (its manifest), which
/// the server gives every page render.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, Default)]
pub struct PiecePreloads {
    /// `/pkg`: where the pieces are served from.
    pub pkg: String,
    /// Each area's modules (file names without `.wasm`), the area's own among them.
    pub pieces: std::sync::Arc<std::collections::HashMap<String, Vec<String>>>,
    /// The loader script of the pieces.
    pub loader: String,
}

/// Names the modules of `piece` in the page's head for preloading, and their loader script.
/// Leptos's own `prefetch_lazy_fn_on_server` is not used: it writes its links after the page
/// has rendered, outside the request, so under concurrent requests they landed in another
/// page's head, or in none, and a page whose piece could not arrive was then hydrated without
/// it (docs/architecture.md, Performance). Written here, during the page's own render, they
/// land in its head.
#[cfg(feature = "ssr")]
fn preload_piece(piece: &str) {
    use leptos_meta::Link;

    let Some(preloads) = use_context::<PiecePreloads>() else {
        return;
    };
    for module in preloads.pieces.get(piece).into_iter().flatten() {
        // `to_html` registers the link with the page's head, rather than returning it.
        let _ = view! {
            <Link
                rel="preload"
                href=format!("{}/{module}.wasm", preloads.pkg)
                as_="fetch"
                type_="application/wasm"
                crossorigin="anonymous"
            />
        }
        .to_html();
    }
    let loader = format!("{}/{}", preloads.pkg, preloads.loader);
    let _ = view! { <Link rel="modulepreload" href=loader crossorigin="anonymous" /> }.to_html();
}

/// A page whose code the browser does not have: the browser asks the server for it instead.
/// The address is the route's: the router moves the address bar only once the page is ready
/// (the effect runs only in the browser).
///
/// Not while the page hydrates: then the page is the one the server just sent, and asking for
/// it again would fail the same way, forever. Such a page is left as the server sent it.
pub(crate) fn reload_from_server() -> AnyView {
    let hydrating =
        Owner::current_shared_context().is_some_and(|context| context.during_hydration());
    let url = leptos_router::hooks::use_url().get_untracked();
    let address = match url.search() {
        "" => url.path().to_owned(),
        search => format!("{}?{search}", url.path()),
    };
    Effect::new(move |_| {
        if !hydrating {
            let _ = window().location().assign(&address);
        }
    });
    ().into_any()
}
