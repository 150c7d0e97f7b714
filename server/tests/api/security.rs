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

/// A site laid out as scripts/finish-assets.js leaves it: content-named files, each with its
/// brotli and gzip variants (here marked, not really compressed: the server never decodes
/// them), and the list of names.
fn built_site() -> tempfile::TempDir {
    // In the working directory, so it can be named by a relative path, as the default
    // `SITE_ROOT` is.
    let site = tempfile::tempdir_in(".").unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    for (name, body) in [
        ("portico.aaaaaaaaaaaaaaaaaaaa.css", "body {}"),
        ("portico.aaaaaaaaaaaaaaaaaaaa.css.br", "brotli bytes"),
        ("portico.aaaaaaaaaaaaaaaaaaaa.css.gz", "gzip bytes"),
        ("favicon.svg", "<svg/>"),
        (
            "hash.txt",
            "js: bbbbbbbbbbbbbbbbbbbb\nwasm: cccccccccccccccccccc\ncss: aaaaaaaaaaaaaaaaaaaa\n",
        ),
    ] {
        std::fs::write(pkg.join(name), body).unwrap();
    }
    site
}

async fn assets_are_sent_precompressed_and_kept_for_a_year(backend: Backend) {
    let site = built_site();
    let relative = site.path().file_name().unwrap().to_str().unwrap();
    let app = spawn_app_with(backend, &[("SITE_ROOT", relative)]).await;
    let css = "/pkg/portico.aaaaaaaaaaaaaaaaaaaa.css";
    for (accepts, encoding, body) in [
        ("gzip, deflate, br", Some("br"), "brotli bytes"),
        ("gzip", Some("gzip"), "gzip bytes"),
        ("identity", None, "body {}"),
    ] {
        let response = app
            .client
            .get(app.url(css))
            .header("accept-encoding", accepts)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let headers = response.headers().clone();
        assert_eq!(
            headers.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{accepts}"
        );
        assert_eq!(
            headers["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(response.text().await.unwrap(), body);
    }
    let favicon = app.get("/pkg/favicon.svg").await;
    assert_eq!(
        favicon.headers()["cache-control"],
        "no-cache",
        "not content-named"
    );

    // Pages name the content-named files, so a new build is fetched at once; the sign-in
    // page, a plain form, loads no script at all.
    let sign_in = app.get("/sign-in").await.text().await.unwrap();
    assert!(sign_in.contains(&format!("href=\"{css}\"")), "{sign_in}");
    assert!(
        !sign_in.contains("portico.bbbbbbbbbbbbbbbbbbbb"),
        "{sign_in}"
    );
    assert!(!sign_in.contains("type=\"module\""), "{sign_in}");
    let other = app.get("/no-such-page").await.text().await.unwrap();
    assert!(other.contains(&format!("href=\"{css}\"")), "{other}");
    assert!(
        other.contains("portico.bbbbbbbbbbbbbbbbbbbb.js"),
        "the script"
    );
    assert!(
        other.contains("portico.cccccccccccccccccccc.wasm"),
        "the WASM"
    );
}

async fn pages_are_compressed_and_never_cached_publicly(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app
        .client
        .get(app.url("/sign-in"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "br");
    let cache = response
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(!cache.contains("public"), "{cache}");
    let plain = app.get("/sign-in").await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert!(plain.text().await.unwrap().contains("<html"));
}

on_both_databases!(
    assets_are_sent_precompressed_and_kept_for_a_year,
    pages_are_compressed_and_never_cached_publicly,
    every_response_carries_the_security_headers,
    the_page_nonce_matches_the_policy,
    cross_origin_posts_are_refused_and_change_nothing,
    https_deployments_use_host_prefixed_secure_cookies_and_hsts,
);
