//! What a request may carry, checked before anything reads it (docs/security.md §4d): a
//! server function takes one UTF-8 `application/x-www-form-urlencoded` body of bounded size,
//! and no query string or form field holds invalid UTF-8 or a NUL (PostgreSQL cannot store
//! one, and a lenient decoder would turn different bytes into the same U+FFFD text). Each
//! refusal is a specific 4xx that names the problem; the request goes no further.

use app::error::AppError;
use axum::body::{Body, BodyDataStream, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;

/// Largest server-function body: the wizard's 50 people fit many times over. CSV files go to
/// the import's own upload handler, which has its own limit.
pub const MAX_FORM_BYTES: usize = 256 * 1024;
/// How much of a body over the limit is still read, and dropped, before the refusal. A server
/// that closes a connection with unread bytes in it sends a TCP reset, which can destroy the
/// 413 on its way to the client; reading a modest excess lets a browser that posted a little
/// too much show the message. Beyond this the connection is simply closed.
const DRAIN_BYTES: usize = 4 * MAX_FORM_BYTES;
/// Where server functions live (`#[server(prefix = "/api")]`).
const SERVER_FN_PREFIX: &str = "/api/";
const FORM_TYPE: &str = "application/x-www-form-urlencoded";

pub async fn check(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if let Some(query) = request.uri().query()
        && let Err(reason) = check_form_text(query.as_bytes())
    {
        return refuse(
            request.headers(),
            &path,
            AppError::BadRequest(reason.into()),
        );
    }
    let is_server_fn =
        request.method() == Method::POST && request.uri().path().starts_with(SERVER_FN_PREFIX);
    if !is_server_fn {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    if let Err(error) = check_declared(&parts.headers) {
        if matches!(error, AppError::TooLarge(_)) {
            drain(body).await;
        }
        return refuse(&parts.headers, &path, error);
    }
    let bytes = match read_form(body).await {
        Ok(bytes) => bytes,
        Err(error) => return refuse(&parts.headers, &path, error),
    };
    // A declared type was checked above; a body must declare one.
    if !bytes.is_empty() && !parts.headers.contains_key(header::CONTENT_TYPE) {
        return refuse(&parts.headers, &path, unsupported());
    }
    if let Err(reason) = check_form_text(&bytes) {
        return refuse(&parts.headers, &path, AppError::BadRequest(reason.into()));
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The body, if it fits in `MAX_FORM_BYTES`; otherwise the rest is drained and it is refused.
async fn read_form(body: Body) -> Result<Bytes, AppError> {
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk =
            chunk.map_err(|_| AppError::BadRequest("The request body was cut off".into()))?;
        if bytes.len() + chunk.len() > MAX_FORM_BYTES {
            drain_stream(stream, bytes.len() + chunk.len()).await;
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(bytes))
}

/// Reads and drops a refused body, up to `DRAIN_BYTES` in all.
async fn drain(body: Body) {
    drain_stream(body.into_data_stream(), 0).await;
}

async fn drain_stream(mut stream: BodyDataStream, mut read: usize) {
    while read <= DRAIN_BYTES {
        match stream.next().await {
            Some(Ok(chunk)) => read += chunk.len(),
            _ => return,
        }
    }
}

/// What the headers say before the body is read: its length, its type and its charset.
fn check_declared(headers: &HeaderMap) -> Result<(), AppError> {
    let declared_length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<usize>().ok());
    if declared_length.is_some_and(|length| length > MAX_FORM_BYTES) {
        return Err(too_large());
    }
    let Some(content_type) = headers.get(header::CONTENT_TYPE) else {
        return Ok(());
    };
    let content_type = content_type.to_str().map_err(|_| unsupported())?;
    let mut params = content_type.split(';').map(str::trim);
    if !params
        .next()
        .is_some_and(|mime| mime.eq_ignore_ascii_case(FORM_TYPE))
    {
        return Err(unsupported());
    }
    for param in params {
        let Some((name, value)) = param.split_once('=') else {
            continue;
        };
        let value = value.trim().trim_matches('"');
        if name.trim().eq_ignore_ascii_case("charset") && !value.eq_ignore_ascii_case("utf-8") {
            return Err(AppError::UnsupportedEncoding(
                "Portico reads forms in UTF-8 only".into(),
            ));
        }
    }
    Ok(())
}

/// Every name and value of a urlencoded text, decoded strictly.
fn check_form_text(text: &[u8]) -> Result<(), &'static str> {
    for field in text.split(|byte| *byte == b'&') {
        let spaced: Vec<u8> = field
            .iter()
            .map(|byte| if *byte == b'+' { b' ' } else { *byte })
            .collect();
        let decoded: Vec<u8> = percent_encoding::percent_decode(&spaced).collect();
        let text = std::str::from_utf8(&decoded)
            .map_err(|_| "The request contains text that is not valid UTF-8")?;
        if text.contains('\0') {
            return Err("The request contains a NUL character, which Portico does not accept");
        }
    }
    Ok(())
}

fn too_large() -> AppError {
    AppError::TooLarge(format!(
        "The request is larger than Portico accepts ({} KB at most)",
        MAX_FORM_BYTES / 1024
    ))
}

fn unsupported() -> AppError {
    AppError::UnsupportedEncoding(format!("Portico's forms are sent as {FORM_TYPE} in UTF-8"))
}

/// The refusal in the form the caller reads: the app's error JSON for server-function
/// clients, and plain text for a browser without JavaScript.
fn refuse(headers: &HeaderMap, path: &str, error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    if wants_html {
        return (status, error.to_string()).into_response();
    }
    let body = serde_json::to_string(&error).unwrap_or_default();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(path) = HeaderValue::from_str(path) {
        headers.insert(server_fn::error::SERVER_FN_ERROR_HEADER, path);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_decoding_refuses_invalid_utf8_and_nul_and_keeps_the_rest() {
        assert!(check_form_text(b"name=Ada+Lovelace&email=ada%40example.com").is_ok());
        assert!(check_form_text("name=J%C3%BCrgen&x=日本".as_bytes()).is_ok());
        assert!(check_form_text(b"password=%FF%FEabc").is_err());
        assert!(check_form_text(b"pass\xffword=x").is_err());
        assert!(check_form_text(b"q=a%00b").is_err());
        assert!(check_form_text(b"q%00=a").is_err());
    }

    #[test]
    fn only_utf8_urlencoded_bodies_are_declared_acceptable() {
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(value));
            check_declared(&headers)
        };
        assert!(with("application/x-www-form-urlencoded").is_ok());
        assert!(with("Application/X-WWW-Form-Urlencoded; charset=UTF-8").is_ok());
        for refused in [
            "application/cbor",
            "text/plain",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded; charset=iso-8859-1",
        ] {
            assert_eq!(with(refused).unwrap_err().status(), 415, "{refused}");
        }
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("99999999"));
        assert_eq!(check_declared(&headers).unwrap_err().status(), 413);
    }
}
