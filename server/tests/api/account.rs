//! The account page: a person's own name, password and sessions, and nobody else's.

use crate::helpers::*;
use crate::invitee::{audit_count, owner_app, page};
use crate::members::sign_in_as_new_member;
use reqwest::Client;
use reqwest::header::{HeaderMap, HeaderValue};
use server::clock::SystemClock;
use std::sync::Arc;

const CHROME: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const NEW_PASSWORD: &str = "saffron gulls circle the old pier";

/// A browser of its own that says it is `user_agent`, signed in as `email`.
async fn signed_in_browser(app: &TestApp, email: &str, password: &str, user_agent: &str) -> Client {
    let mut headers = HeaderMap::new();
    headers.insert("origin", HeaderValue::from_static(BASE_URL));
    headers.insert("user-agent", HeaderValue::from_str(user_agent).unwrap());
    let browser = Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    assert_eq!(
        app.sign_in_with(&browser, email, password).await.status(),
        200
    );
    browser
}

async fn account(app: &TestApp, browser: &Client) -> serde_json::Value {
    let response = app.call_as(browser, "my_account", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn handle_of<'a>(view: &'a serde_json::Value, device: &str) -> &'a str {
    view["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|session| session["device"] == device)
        .unwrap_or_else(|| panic!("a session on {device}: {view}"))["handle"]
        .as_str()
        .unwrap()
}

async fn sessions_are_listed_and_ended_one_at_a_time_or_all_but_this_one(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let chrome = signed_in_browser(&app, OWNER_EMAIL, OWNER_PASSWORD, CHROME).await;
    let firefox = signed_in_browser(&app, OWNER_EMAIL, OWNER_PASSWORD, FIREFOX).await;
    let view = account(&app, &app.client).await;
    let sessions = view["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 3, "{view}");
    assert_eq!(sessions[0]["current"], true, "this session first");
    assert_eq!(sessions[0]["device"], "Unknown browser");
    assert!(
        sessions
            .iter()
            .all(|s| s["address"] == "127.0.0.1" && s["workspace"] == "Portico")
    );
    assert!(sessions[1..].iter().all(|s| s["current"] == false));
    assert_eq!(view["email"], OWNER_EMAIL);

    let chrome_handle = handle_of(&view, "Chrome on Linux").to_owned();
    let ended = app
        .call("end_session", &[("handle", chrome_handle.as_str())])
        .await;
    assert_eq!(ended.status(), 200);
    let said: serde_json::Value = ended.json().await.unwrap();
    assert_eq!(said["message"], "Chrome on Linux was signed out");
    assert!(!is_signed_in(&app, &chrome).await);
    assert!(is_signed_in(&app, &firefox).await);
    let again = app
        .call("end_session", &[("handle", chrome_handle.as_str())])
        .await;
    assert_eq!(again.status(), 404);
    let own = account(&app, &app.client).await["sessions"][0]["handle"].clone();
    let own = app
        .call("end_session", &[("handle", own.as_str().unwrap())])
        .await;
    assert_eq!(own.status(), 409, "this session ends with Sign out");

    let others = app.call("end_other_sessions", &[]).await;
    assert_eq!(others.status(), 200);
    let said: serde_json::Value = others.json().await.unwrap();
    assert_eq!(said["message"], "You were signed out of 1 other session");
    assert!(!is_signed_in(&app, &firefox).await);
    assert!(is_signed_in(&app, &app.client).await);
    assert_eq!(
        account(&app, &app.client).await["sessions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(audit_count(&app, "account.sessions_ended").await, 2);
}

async fn nobody_sees_or_ends_another_accounts_sessions(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let owner = signed_in_browser(&app, OWNER_EMAIL, OWNER_PASSWORD, CHROME).await;
    let owner_handle = handle_of(&account(&app, &owner).await, "Chrome on Linux").to_owned();
    // The app's client becomes an Admin of the same workspace.
    sign_in_as_new_member(&app, "admin@example.com", "Admins").await;
    let theirs = account(&app, &app.client).await;
    assert_eq!(theirs["email"], "admin@example.com");
    assert!(
        theirs["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["handle"] != owner_handle.as_str()),
        "{theirs}"
    );
    let refused = app
        .call("end_session", &[("handle", owner_handle.as_str())])
        .await;
    assert_eq!(refused.status(), 404);
    assert!(is_signed_in(&app, &owner).await);
    assert_eq!(
        app.call_as(&browser_client(), "my_account", &[])
            .await
            .status(),
        401
    );
}

async fn a_new_password_needs_the_current_one_and_signs_out_everywhere_else(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let elsewhere = signed_in_browser(&app, OWNER_EMAIL, OWNER_PASSWORD, FIREFOX).await;
    let change = |current: &'static str, new: &'static str, confirm: &'static str| {
        let form = [
            ("current_password", current),
            ("password", new),
            ("confirm_password", confirm),
        ];
        let app = &app;
        async move { app.call("change_password", &form).await }
    };
    let wrong = change(
        "not the owner's password at all",
        NEW_PASSWORD,
        NEW_PASSWORD,
    )
    .await;
    assert_eq!(wrong.status(), 422);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("The password is incorrect")
    );
    let personal = change(
        OWNER_PASSWORD,
        "owner@example.com 2026",
        "owner@example.com 2026",
    )
    .await;
    assert_eq!(personal.status(), 422);
    let missing = change("", NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(missing.status(), 422);
    assert!(
        missing
            .text()
            .await
            .unwrap()
            .contains("Enter your current password")
    );
    assert!(is_signed_in(&app, &elsewhere).await, "nothing changed yet");

    let changed = change(OWNER_PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(changed.status(), 200);
    assert!(is_signed_in(&app, &app.client).await, "this session stays");
    assert!(
        !is_signed_in(&app, &elsewhere).await,
        "every other session ends"
    );
    assert!(!signs_in(&app, OWNER_EMAIL, OWNER_PASSWORD).await);
    assert!(signs_in(&app, OWNER_EMAIL, NEW_PASSWORD).await);
    let notices = queued_mail(&app, "password_changed", OWNER_EMAIL).await;
    assert_eq!(notices, 1);
    assert_eq!(audit_count(&app, "account.password_changed").await, 1);
}

async fn a_new_display_name_is_text_everywhere_it_is_shown(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let empty = app
        .call("change_display_name", &[("display_name", "  ")])
        .await;
    assert_eq!(empty.status(), 422);
    let renamed = app
        .call(
            "change_display_name",
            &[("display_name", "<b>Ada</b> Lovelace")],
        )
        .await;
    assert_eq!(renamed.status(), 200);
    let me: serde_json::Value = app.call("current_user", &[]).await.json().await.unwrap();
    assert_eq!(me["display_name"], "<b>Ada</b> Lovelace");
    let html = page(&app, &app.client, "/settings/account").await;
    assert!(html.contains("&lt;b&gt;Ada&lt;/b&gt; Lovelace"), "escaped");
    assert!(!html.contains("<b>Ada</b>"));
    assert!(html.contains("Where you are signed in"));
    assert_eq!(audit_count(&app, "account.renamed").await, 1);
}

on_both_databases!(
    sessions_are_listed_and_ended_one_at_a_time_or_all_but_this_one,
    nobody_sees_or_ends_another_accounts_sessions,
    a_new_password_needs_the_current_one_and_signs_out_everywhere_else,
    a_new_display_name_is_text_everywhere_it_is_shown,
);
