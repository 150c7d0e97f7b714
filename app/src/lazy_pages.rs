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
/// code in the piece `$piece`. The server notes the piece, so that the page's head asks the
/// browser for it and the shared pieces it needs at once (`<link rel="preload">`).
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
                    leptos::prefetch_lazy_fn_on_server(stringify!($piece));
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
