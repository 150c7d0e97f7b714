use crate::helpers::*;
use reqwest::header::{HeaderMap, HeaderValue};

async fn every_response_carries_the_security_headers(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in ["/sign-in", "/healthz", "/no-such-page"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        for directive in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers.contains_key("referrer-policy"));
    }
}

async fn the_page_nonce_matches_the_policy(backend: Backend) {
    let app = spawn_app(backend).await;
    // Error pages too: the Not Found page is rendered by the router's fallback, which once
    // rendered without the request's nonce, so its scripts were refused and it never hydrated.
    for (path, status) in [("/sign-in", 200), ("/no-such-page", 404)] {
        let response = app.get(path).await;
        assert_eq!(response.status(), status, "{path}");
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap()
            .to_owned();
        let html = response.text().await.unwrap();
        let scripts = html.matches("<script").count();
        assert!(scripts > 0, "{path} has scripts");
        assert_eq!(
            html.matches(&format!("nonce=\"{nonce}\"")).count(),
            scripts,
            "every inline script of {path} carries the header's nonce"
        );
    }
}

async fn cross_origin_posts_are_refused_and_change_nothing(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    for (name, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_static(value));
        let response = app
            .call_with(
                &app.client,
                "sign_in",
                &[("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)],
                headers,
            )
            .await;
        assert_eq!(response.status(), 403, "{name}");
        assert!(set_cookie(&response, "portico_session").is_none());
    }
    assert_eq!(app.count("select count(*) from session").await, 0);
    let mut same_origin = HeaderMap::new();
    same_origin.insert("origin", HeaderValue::from_static(BASE_URL));
    let response = app
        .call_with(
            &app.client,
            "sign_in",
            &[("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)],
            same_origin,
        )
        .await;
    assert_eq!(response.headers()["location"], "/");
}

async fn https_deployments_use_host_prefixed_secure_cookies_and_hsts(backend: Backend) {
    let app = spawn_app_with(
        backend,
        &[
            ("APP_BASE_URL", "https://portico.test"),
            ("PORTICO_BOOTSTRAP_EMAIL", OWNER_EMAIL),
            ("PORTICO_BOOTSTRAP_PASSWORD", OWNER_PASSWORD),
        ],
    )
    .await;
    let mut same_origin = HeaderMap::new();
    same_origin.insert("origin", HeaderValue::from_static("https://portico.test"));
    let credentials = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
    let response = app
        .call_with(&app.client, "sign_in", &credentials, same_origin)
        .await;
    let cookie = set_cookie(&response, "__Host-portico_session").expect("__Host- cookie");
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain="), "{cookie}");
    assert!(response.headers().contains_key("strict-transport-security"));
}

on_both_databases!(
    every_response_carries_the_security_headers,
    the_page_nonce_matches_the_policy,
    cross_origin_posts_are_refused_and_change_nothing,
    https_deployments_use_host_prefixed_secure_cookies_and_hsts,
);
