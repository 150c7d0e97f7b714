//! Helpers server functions use to reach the request and the server's ports (`ssr` only).
//! The server provides each feature's port as its own context (`Arc<dyn Port>`), so a server
//! function reaches the ports it names and no others.

use crate::domain::Actor;
use crate::error::AppError;
use crate::ports::{RefusalLog, RequestSession};
use axum::http::request::Parts;
use leptos::prelude::use_context;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

/// Put into request extensions by the server's session middleware.
#[derive(Clone)]
pub struct Visitor {
    pub actor: Option<Actor>,
    pub session: Arc<dyn RequestSession>,
}

/// The client address the server trusts (peer, or a configured proxy's forwarded value).
#[derive(Clone, Copy, Debug)]
pub struct ClientAddr(pub IpAddr);

/// Declares the token of one kind of secret link, which the server moved from the address bar
/// into a cookie (docs/security.md §8, §36) and puts into request extensions, and `$getter`,
/// which finds it for a server function (`NotFound` when this browser holds none: the page then
/// says the link cannot be used). Never printed.
macro_rules! link_token {
    ($(#[$doc:meta])* $name:ident, $getter:ident) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name(pub String);

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($name), "(..)"))
            }
        }

        pub fn $getter() -> Result<String, AppError> {
            use_context::<Parts>()
                .and_then(|parts| parts.extensions.get::<$name>().cloned())
                .map(|token| token.0)
                .ok_or(AppError::NotFound)
        }
    };
}

link_token!(
    /// The invitation link's token.
    InvitationToken,
    invitation_token
);
link_token!(
    /// A password reset link's token.
    PasswordResetToken,
    password_reset_token
);
link_token!(
    /// The token of a link that confirms a new sign-in address.
    EmailChangeToken,
    email_change_token
);

/// The path of the page being rendered (empty outside a request).
pub fn request_path() -> String {
    use_context::<Parts>()
        .map(|parts| parts.uri.path().to_owned())
        .unwrap_or_default()
}

/// The server's implementation of the port `P`: `port::<dyn Joining>()`.
pub fn port<P: ?Sized + Send + Sync + 'static>() -> Result<Arc<P>, AppError> {
    use_context::<Arc<P>>().ok_or_else(|| missing(std::any::type_name::<P>()))
}

fn visitor() -> Result<Visitor, AppError> {
    use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<Visitor>().cloned())
        .ok_or_else(|| missing("Visitor"))
}

/// The signed-in actor, or `Unauthenticated`.
pub fn actor() -> Result<Actor, AppError> {
    visitor()?.actor.ok_or(AppError::Unauthenticated)
}

/// The signed-in actor, acting in their workspace: refused while the workspace requires a
/// second factor the account has not set up, which leaves it only its own account (the
/// account page, two-factor setup, its workspaces) until it does (docs/security.md §38).
pub fn member() -> Result<Actor, AppError> {
    let actor = actor()?;
    if actor.two_factor_missing() {
        return Err(AppError::Denied(format!(
            "{} requires two-factor authentication. Set it up on your account page to continue",
            actor.workspace_name
        )));
    }
    Ok(actor)
}

/// The signed-in member, if they hold `permission`: the check every server function makes
/// itself (docs/security.md §12). `Unauthenticated` or `Forbidden` otherwise.
pub fn actor_with(permission: crate::domain::Permission) -> Result<Actor, AppError> {
    let actor = member()?;
    actor.require(permission)?;
    Ok(actor)
}

/// `actor_with`, for a function that changes something: a refusal is also written to the
/// audit log as a denied action (docs/security.md §29). Reads are refused without a record, so
/// browsing pages one may not use does not fill the log.
pub async fn actor_to_change(permission: crate::domain::Permission) -> Result<Actor, AppError> {
    let actor = member()?;
    if let Err(refused) = actor.require(permission) {
        port::<dyn RefusalLog>()?
            .record_refusal(&actor, client_addr())
            .await?;
        return Err(refused);
    }
    Ok(actor)
}

pub fn signed_in_actor() -> Result<Option<Actor>, AppError> {
    Ok(visitor()?.actor)
}

pub fn session() -> Result<Arc<dyn RequestSession>, AppError> {
    Ok(visitor()?.session)
}

/// Starts a fresh session for `signed_in` and sends the browser to `/`, which leads each member
/// to their landing page.
pub async fn start_session_and_land(signed_in: crate::domain::SignedIn) -> Result<(), AppError> {
    session()?.start(signed_in).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Makes an action's outcome reach the person: after a redirect to `then` (when given), or on
/// the page a form without JavaScript returns to, the next page shows it once. A browser with
/// JavaScript that stays on the page shows the reply itself.
pub async fn report(done: &crate::domain::ActionDone, then: Option<&str>) -> Result<(), AppError> {
    match then {
        Some(path) => {
            session()?.remember_notice(&done.message).await?;
            leptos_axum::redirect(path);
        }
        None if posted_without_javascript() => session()?.remember_notice(&done.message).await?,
        None => {}
    }
    Ok(())
}

/// Whether the request is a form posted without JavaScript: it asks for HTML, and an error
/// sends it back to its page as a new page (a call from the browser's script asks for JSON).
pub fn posted_without_javascript() -> bool {
    use_context::<Parts>()
        .and_then(|parts| parts.headers.get(axum::http::header::ACCEPT).cloned())
        .and_then(|accept| {
            accept
                .to_str()
                .ok()
                .map(|accept| accept.contains("text/html"))
        })
        .unwrap_or(false)
}

pub fn client_addr() -> IpAddr {
    use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<ClientAddr>().copied())
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |addr| addr.0)
}

fn missing(what: &str) -> AppError {
    tracing::error!("{what} is missing from the server function context");
    AppError::Unexpected
}

/// Ids in paths and forms; a malformed id names nothing, so it is not found.
pub(crate) fn parse_id(text: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(text).map_err(|_| AppError::NotFound)
}
