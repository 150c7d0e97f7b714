//! Page-level redirects done by the server, so they work without JavaScript: anonymous visitors
//! go to sign-in, signed-in ones skip it. Server functions still check rights themselves.

use app::context::Visitor;
use app::routes::{SIGN_IN, USERS};
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

pub async fn redirect_pages(request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    let signed_in = request
        .extensions()
        .get::<Visitor>()
        .is_some_and(|v| v.actor.is_some());
    let path = request.uri().path();
    let target = match path {
        "/" if signed_in => Some(USERS),
        "/" => Some(SIGN_IN),
        SIGN_IN if signed_in => Some(USERS),
        _ if path.starts_with("/settings") && !signed_in => Some(SIGN_IN),
        _ => None,
    };
    match target {
        Some(target) => Redirect::to(target).into_response(),
        None => next.run(request).await,
    }
}
