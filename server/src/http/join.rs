//! The invitation link's pages (docs/security.md §7–9). `GET /join?token=…` changes nothing on the
//! server: it moves the token into a short-lived HttpOnly cookie (sealed, so the browser's
//! cookie store holds no usable token) and redirects to `/join`, so the token leaves the
//! address bar, the history and every later `Referer`. Pages and server functions of the
//! journey then find the token in request extensions, and their responses are never cached
//! or referred.

use crate::state::AppState;
use app::context::InvitationToken;
use app::routes::JOIN;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Long enough to read the page and choose a password; the email link works again after.
const COOKIE_MAX_AGE_SECONDS: u32 = 60 * 60;
/// The journey's server functions (`/api/join/...`).
const JOIN_API: &str = "/api/join/";

pub async fn handle(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let is_page = path == JOIN || path.starts_with("/join/");
    let is_api = path.starts_with(JOIN_API);
    if !is_page && !is_api {
        return next.run(request).await;
    }
    let cookie_name = state.config.cookie_name("portico_invitation");
    let opens_link = path == JOIN && matches!(*request.method(), Method::GET | Method::HEAD);
    if let Some(token) = opens_link.then(|| token_in_query(&request)).flatten() {
        let cookie = format!(
            "{cookie_name}={}; Max-Age={COOKIE_MAX_AGE_SECONDS}; Path=/; HttpOnly; SameSite=Lax{}",
            state.mailer.sealer.seal(&token),
            if state.config.is_https() {
                "; Secure"
            } else {
                ""
            }
        );
        let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, JOIN)]).into_response();
        if let Ok(cookie) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, cookie);
        }
        return private(response);
    }
    if let Some(token) = token_in_cookie(request.headers(), &cookie_name)
        .and_then(|sealed| state.mailer.sealer.open(&sealed))
    {
        request.extensions_mut().insert(InvitationToken(token));
    }
    if is_api && request.method() == Method::POST {
        return_to_form(&state, &mut request);
    }
    private(next.run(request).await)
}

/// `no-referrer` stops browsers sending `Referer`, which is where Leptos sends a form posted
/// without JavaScript back to, with its errors. The journey's forms live on known pages.
fn return_to_form(state: &AppState, request: &mut Request) {
    if request.headers().contains_key(header::REFERER) {
        return;
    }
    let page = if request.uri().path() == format!("{JOIN_API}decline") {
        app::routes::JOIN_DECLINE
    } else {
        JOIN
    };
    if let Ok(value) = HeaderValue::from_str(&format!("{}{page}", state.config.origin())) {
        request.headers_mut().insert(header::REFERER, value);
    }
}

fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn token_in_query(request: &Request) -> Option<String> {
    url::form_urlencoded::parse(request.uri().query()?.as_bytes())
        .find(|(name, _)| name == "token")
        .map(|(_, value)| value.into_owned())
        .filter(|token| !token.is_empty())
}

fn token_in_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}
