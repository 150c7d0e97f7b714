//! Hostile and careless input, class by class: each gets a specific 4xx and changes nothing
//! (docs/security.md §4d, §17–18, §22, §24b, §9h). On both databases.

use crate::helpers::*;
use crate::invitee::*;
use reqwest::Client;
use reqwest::header::{HeaderMap, HeaderValue};
use server::clock::SystemClock;
use std::sync::Arc;

/// Posts `body` as it is, with `content_type` if any.
async fn post_raw(
    app: &TestApp,
    client: &Client,
    function: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> reqwest::Response {
    let mut request = client.post(app.url(&format!("/api/{function}"))).body(body);
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    request.send().await.unwrap()
}

/// The message of a refusal as the app's error JSON carries it.
async fn refusal(response: reqwest::Response) -> String {
    response.text().await.unwrap()
}

/// Grace's invitation is still open, and nobody but the Owner has an account.
async fn grace_has_not_joined(app: &TestApp) {
    assert_eq!(
        invitation_ends(app, "grace@example.com").await,
        (false, false, false)
    );
    assert_eq!(
        app.count("select count(*) from account").await,
        1,
        "only the Owner"
    );
}

async fn invitations(app: &TestApp) -> i64 {
    app.count("select count(*) from invitation").await
}

async fn addresses_in_display_name_or_encoded_forms_are_refused_wherever_an_address_enters(
    backend: Backend,
) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let developers = crate::members::group_id(&app, "Developers").await;
    let before = invitations(&app).await;
    for (address, message) in [
        ("Mike <mike@example.org>", "in the format name@example.com"),
        (
            "=?utf-8?q?mike=40evil.test?=@example.org",
            "in the format name@example.com",
        ),
        (
            "\"mike@evil.test\"@example.org",
            "in the format name@example.com",
        ),
        ("a@b", "real host name"),
        ("user@exam_ple.com", "real host name"),
    ] {
        let form = [
            ("people[0][first_name]", "Mike"),
            ("people[0][last_name]", "Smith"),
            ("people[0][email]", address),
            ("group_ids[0]", developers.as_str()),
        ];
        let response = app.call("invite_people", &form).await;
        assert_eq!(response.status(), 422, "{address}");
        let text = refusal(response).await;
        assert!(text.contains(message), "{address}: {text}");
        let wizard = [
            ("people[0][first_name]", "Mike"),
            ("people[0][last_name]", "Smith"),
            ("people[0][email]", address),
            ("intent", "next"),
        ];
        let response = app.call("save_people", &wizard).await;
        assert_eq!(response.status(), 422, "wizard: {address}");
    }
    assert_eq!(invitations(&app).await, before, "nobody was invited");

    // The CSV dry run reads addresses with the same rule.
    let csv = "first name,last name,email,groups\nMike,Smith,Mike <mike@example.org>,Developers\n";
    let form = reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("people.csv"),
        )
        .text("text", "");
    let uploaded = app
        .client
        .post(app.url("/settings/users/import/upload"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), 303);
    let location = uploaded.headers()["location"].to_str().unwrap().to_owned();
    let batch_id = location.rsplit('/').next().unwrap();
    let view: serde_json::Value = app
        .call("load_import", &[("batch_id", batch_id), ("page", "1")])
        .await
        .json()
        .await
        .unwrap();
    let verdict = view["rows"][0]["verdict"]["Invalid"]
        .as_str()
        .unwrap_or_default();
    assert!(verdict.contains("in the format name@example.com"), "{view}");
}

async fn guessable_passwords_are_refused_at_accept_with_the_reason(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (_, browser) = grace_opens_her_invitation(&app).await;
    for guessable in [
        "password1234567",
        "password12345678",
        "iloveyou1234567",
        "abcdefghijklmno",
    ] {
        let response = accept(&app, &browser, "Grace", guessable).await;
        assert_eq!(response.status(), 422, "{guessable}");
        let text = refusal(response).await;
        assert!(
            text.contains("easy to guess") || text.contains("commonly used"),
            "{guessable}: {text}"
        );
    }
    grace_has_not_joined(&app).await;
}

async fn a_password_that_is_not_valid_utf8_is_refused_not_replaced(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (_, browser) = grace_opens_her_invitation(&app).await;
    // Two different byte strings that a lenient decoder turns into the same U+FFFD text.
    for password in ["%FF%FEviolet+stapler+orbits", "%C3%28violet+stapler+orbits"] {
        let body = format!("display_name=Grace&password={password}&confirm_password={password}");
        let response = post_raw(
            &app,
            &browser,
            "join/accept_invitation",
            Some("application/x-www-form-urlencoded"),
            body.into_bytes(),
        )
        .await;
        assert_eq!(response.status(), 400, "{password}");
        assert!(refusal(response).await.contains("not valid UTF-8"));
    }
    grace_has_not_joined(&app).await;
}

async fn bodies_over_the_limit_are_413_and_unread_encodings_are_415(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    let form = "application/x-www-form-urlencoded";
    let huge = format!("email={OWNER_EMAIL}&password={}", "a".repeat(300 * 1024));
    let response = post_raw(&app, &app.client, "sign_in", Some(form), huge.into_bytes()).await;
    assert_eq!(response.status(), 413);
    assert!(
        refusal(response)
            .await
            .contains("larger than Portico accepts")
    );
    let sign_in = format!("email={OWNER_EMAIL}&password=a+long+and+quiet+harbour+at+dawn");
    for content_type in [
        "application/cbor",
        "application/json",
        "application/x-www-form-urlencoded; charset=iso-8859-1",
        "application/x-www-form-urlencoded; charset=utf-7",
    ] {
        let response = post_raw(
            &app,
            &app.client,
            "sign_in",
            Some(content_type),
            sign_in.clone().into_bytes(),
        )
        .await;
        assert_eq!(response.status(), 415, "{content_type}");
    }
    assert_eq!(
        app.count("select count(*) from session").await,
        0,
        "nobody signed in"
    );
    // The same form, declared as what it is, signs in.
    let response = post_raw(
        &app,
        &app.client,
        "sign_in",
        Some(form),
        sign_in.into_bytes(),
    )
    .await;
    assert_eq!(response.status(), 200);
}

async fn nul_and_over_long_search_terms_are_client_errors(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let long = "a".repeat(60_000);
    let response = app.call("list_members", &[("query[q]", "a\u{0}b")]).await;
    assert_eq!(response.status(), 400, "NUL in a search");
    let response = app
        .call("list_members", &[("query[state]", "invited\u{0}")])
        .await;
    assert_eq!(response.status(), 400, "NUL in a filter");
    let response = app
        .call("list_members", &[("query[q]", long.as_str())])
        .await;
    assert_eq!(response.status(), 422);
    assert!(refusal(response).await.contains("200 characters or fewer"));
    let response = app.call("workspace_groups", &[("q", long.as_str())]).await;
    assert_eq!(response.status(), 422);

    // The pages that search, without JavaScript.
    assert_eq!(app.get("/settings/users?q=a%00b").await.status(), 400);
    let page = app.get(&format!("/settings/users?q={long}")).await;
    assert_eq!(page.status(), 422);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("200 characters or fewer")
    );

    // A search posted by the wizard's groups step is never copied into a Location header.
    let search = [("intent", "search"), ("q", long.as_str())];
    let response = app.call("save_groups", &search).await;
    assert_eq!(response.status(), 422);
    assert!(response.headers().get("location").is_none());
}

async fn state_changing_requests_that_name_no_origin_are_refused(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    // A client that sends neither Origin nor Sec-Fetch-Site, in each encoding a form can have.
    let bare = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let url = app.url("/api/sign_in");
    let credentials = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
    let urlencoded = bare.post(&url).form(&credentials).send().await.unwrap();
    let text_plain = bare
        .post(&url)
        .header("content-type", "text/plain")
        .body(format!("email={OWNER_EMAIL}&password={OWNER_PASSWORD}"))
        .send()
        .await
        .unwrap();
    let multipart = reqwest::multipart::Form::new()
        .text("email", OWNER_EMAIL)
        .text("password", OWNER_PASSWORD);
    let multipart = bare.post(&url).multipart(multipart).send().await.unwrap();
    for (encoding, response) in [
        ("urlencoded", urlencoded),
        ("text/plain", text_plain),
        ("multipart", multipart),
    ] {
        assert_eq!(response.status(), 403, "{encoding}");
        assert!(
            set_cookie(&response, "portico_session").is_none(),
            "{encoding}"
        );
    }
    assert_eq!(app.count("select count(*) from session").await, 0);
    // The same request naming its own site goes through.
    let mut same_site = HeaderMap::new();
    same_site.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
    let response = bare
        .post(&url)
        .headers(same_site)
        .form(&credentials)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

async fn pages_answer_with_the_status_they_mean(backend: Backend) {
    let limited = [("INVITATION_ATTEMPTS_PER_CLIENT", "3")];
    let app = owner_app(backend, &limited, Arc::new(SystemClock)).await;
    let unknown = uuid::Uuid::new_v4();
    for path in [
        format!("/settings/users/{unknown}"),
        format!("/settings/users/{unknown}/edit"),
        "/settings/users/not-an-id".to_owned(),
        format!("/settings/groups/{unknown}"),
        format!("/settings/groups/{unknown}/delete"),
        "/no-such-page".to_owned(),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(
            response.text().await.unwrap().contains("not found"),
            "{path}"
        );
    }
    // The invitation page, once its look-ups are throttled.
    let (_, browser) = grace_opens_her_invitation(&app).await;
    let mut throttled = None;
    for _ in 0..10 {
        let response = browser.get(app.url("/join")).send().await.unwrap();
        let status = response.status();
        let html = response.text().await.unwrap();
        if html.contains("Too many attempts") {
            throttled = Some(status);
            break;
        }
        assert_eq!(status, 200);
    }
    assert_eq!(throttled, Some(reqwest::StatusCode::TOO_MANY_REQUESTS));
}

on_both_databases!(
    addresses_in_display_name_or_encoded_forms_are_refused_wherever_an_address_enters,
    guessable_passwords_are_refused_at_accept_with_the_reason,
    a_password_that_is_not_valid_utf8_is_refused_not_replaced,
    bodies_over_the_limit_are_413_and_unread_encodings_are_415,
    nul_and_over_long_search_terms_are_client_errors,
    state_changing_requests_that_name_no_origin_are_refused,
    pages_answer_with_the_status_they_mean,
);
