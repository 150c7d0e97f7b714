//! Page-level redirects done by the server, so they work without JavaScript: anonymous visitors
//! go to sign-in, signed-in ones skip it, and members who may not see the Users page land on
//! their workspace page. Server functions still check rights themselves.

use app::context::Visitor;
use app::domain::Permission;
use app::routes::{SIGN_IN, USERS, WORKSPACE, landing};
use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

pub async fn redirect_pages(request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let actor = request
        .extensions()
        .get::<Visitor>()
        .and_then(|v| v.actor.as_ref());
    let signed_in = actor.is_some();
    let sees_users = actor.is_some_and(|actor| actor.can(Permission::ViewMembers));
    let path = request.uri().path();
    let target = match (path, actor) {
        ("/" | SIGN_IN, Some(actor)) => Some(landing(actor)),
        ("/", None) => Some(SIGN_IN),
        _ if path.starts_with(USERS) && signed_in && !sees_users => Some(WORKSPACE),
        _ if path.starts_with("/settings") && !signed_in => Some(SIGN_IN),
        _ => None,
    };
    match target {
        Some(target) => Redirect::to(target).into_response(),
        None => next.run(request).await,
    }
}

/// For plain handlers (not server functions): the visitor's actor if they hold `permission`,
/// or the status to answer with (401 anonymous, 403 without the right).
pub fn actor_with(
    visitor: Visitor,
    permission: Permission,
) -> Result<app::domain::Actor, StatusCode> {
    let actor = visitor.actor.ok_or(StatusCode::UNAUTHORIZED)?;
    if !actor.can(permission) {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(actor)
}
