//! The pages a secret link opens: an invitation's (`/join`), a password reset's
//! (`/password-reset`) and a new sign-in address's (`/email-change`) (docs/security.md §7–9, §36). `GET <landing>?token=…` changes nothing
//! on the server: it moves the token into a short-lived HttpOnly cookie (sealed, so the
//! browser's cookie store holds no usable token) and redirects to the landing page, so the
//! token leaves the address bar, the history and every later `Referer`. Pages and server
//! functions of the journey then find the token in request extensions, and their responses
//! are never cached or referred.

use crate::state::AppState;
use app::context::{EmailChangeToken, InvitationToken, PasswordResetToken};
use app::routes::{self, is_under};
use axum::extract::{Request, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Long enough to read the page and choose a password; the email link works again after.
const COOKIE_MAX_AGE_SECONDS: u32 = 60 * 60;

/// One journey that a secret link starts.
struct Journey {
    /// Its pages: this one and those below it.
    pages: &'static str,
    /// Its server functions, below `/api`.
    api: &'static str,
    /// Where the emailed link lands, with `?token=`.
    landing: &'static str,
    cookie: &'static str,
    /// The page a form posted to `function` comes back to with its errors.
    form_page: fn(function: &str) -> &'static str,
    /// Puts the token where the journey's server functions look for it.
    keep: fn(&mut Extensions, String),
}

const JOURNEYS: [Journey; 3] = [
    Journey {
        pages: routes::JOIN,
        api: "/api/join",
        landing: routes::JOIN,
        cookie: "portico_invitation",
        form_page: |function| match function {
            "/api/join/decline_invitation" => routes::JOIN_DECLINE,
            "/api/join/verify_second_factor_to_join" => routes::JOIN_TWO_FACTOR,
            _ => routes::JOIN,
        },
        keep: |extensions, token| {
            extensions.insert(InvitationToken(token));
        },
    },
    Journey {
        pages: routes::PASSWORD_RESET,
        api: "/api/password_reset",
        landing: routes::PASSWORD_RESET_NEW,
        cookie: "portico_password_reset",
        form_page: |function| {
            if function == "/api/password_reset/request_password_reset" {
                routes::PASSWORD_RESET
            } else {
                routes::PASSWORD_RESET_NEW
            }
        },
        keep: |extensions, token| {
            extensions.insert(PasswordResetToken(token));
        },
    },
    Journey {
        pages: routes::EMAIL_CHANGE,
        api: "/api/email_change",
        landing: routes::EMAIL_CHANGE_CONFIRM,
        cookie: "portico_email_change",
        form_page: |_| routes::EMAIL_CHANGE_CONFIRM,
        keep: |extensions, token| {
            extensions.insert(EmailChangeToken(token));
        },
    },
];

pub async fn handle(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let Some((journey, is_api)) = JOURNEYS.iter().find_map(|journey| {
        if is_under(path, journey.pages) {
            Some((journey, false))
        } else {
            is_under(path, journey.api).then_some((journey, true))
        }
    }) else {
        return next.run(request).await;
    };
    let cookie_name = state.config.cookie_name(journey.cookie);
    let opens_link =
        path == journey.landing && matches!(*request.method(), Method::GET | Method::HEAD);
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
        let mut response =
            (StatusCode::SEE_OTHER, [(header::LOCATION, journey.landing)]).into_response();
        if let Ok(cookie) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, cookie);
        }
        return private(response);
    }
    if let Some(token) = token_in_cookie(request.headers(), &cookie_name)
        .and_then(|sealed| state.mailer.sealer.open(&sealed))
    {
        (journey.keep)(request.extensions_mut(), token);
    }
    if is_api && request.method() == Method::POST {
        return_to_form(&state, journey, &mut request);
    }
    private(next.run(request).await)
}

/// `no-referrer` stops browsers sending `Referer`, which is where Leptos sends a form posted
/// without JavaScript back to, with its errors. The journey's forms live on known pages.
fn return_to_form(state: &AppState, journey: &Journey, request: &mut Request) {
    if request.headers().contains_key(header::REFERER) {
        return;
    }
    let page = (journey.form_page)(request.uri().path());
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
