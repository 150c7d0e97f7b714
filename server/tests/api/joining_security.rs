//! The invitee journey against reuse, races, expiry, lost rights, guessing, forgery and leaks
//! (docs/security.md §3–5, §8–11, §15, §17–19, §22).

use crate::helpers::*;
use crate::invitee::*;
use crate::members::{MEMBER_PASSWORD, add_member};
use chrono::Duration;
use reqwest::header::{HeaderMap, HeaderValue};
use server::clock::{ManualClock, SystemClock};
use std::sync::Arc;

async fn of_many_concurrent_accepts_of_one_token_exactly_one_wins(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let token = invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let mut browsers = Vec::new();
    for _ in 0..24 {
        browsers.push(open_link(&app, &token).await);
    }
    let attempts = browsers
        .iter()
        .map(|browser| accept(&app, browser, "Grace Hopper", INVITEE_PASSWORD));
    let statuses: Vec<u16> = futures::future::join_all(attempts)
        .await
        .iter()
        .map(|response| response.status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 409),
        "{statuses:?}"
    );
    assert_eq!(
        app.count("select count(*) from account where email = 'grace@example.com'")
            .await,
        1
    );
    assert_eq!(
        app.count(
            "select count(*) from member where email = 'grace@example.com' and state = 'active'"
        )
        .await,
        1
    );
    assert_eq!(audit_count(&app, "invitation.accepted").await, 1);
}

async fn expiry_is_checked_when_the_form_is_posted(backend: Backend) {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = owner_app(backend, &[], clock.clone()).await;
    let (_, browser) = grace_opens_her_invitation(&app).await;
    assert!(
        page(&app, &browser, "/join")
            .await
            .contains("Accept invitation")
    );
    clock.advance(Duration::days(7) + Duration::seconds(1));
    let response = accept(&app, &browser, "Grace", INVITEE_PASSWORD).await;
    assert_eq!(response.status(), 409);
    assert!(response.text().await.unwrap().contains("expired"));
    assert_eq!(
        invitation_ends(&app, "grace@example.com").await,
        (false, false, false)
    );
    assert_eq!(app.count("select count(*) from account").await, 1);
    let declined = app
        .call_with(&browser, "join/decline_invitation", &[], HeaderMap::new())
        .await;
    assert_eq!(declined.status(), 409);
}

async fn a_link_revoked_or_regenerated_while_the_form_is_open_is_refused(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let revoked = invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let regenerated = invite(&app, "Alan", "Turing", "alan@example.com").await;
    let grace = open_link(&app, &revoked).await;
    let alan = open_link(&app, &regenerated).await;
    assert!(
        page(&app, &grace, "/join")
            .await
            .contains("Accept invitation")
    );
    assert!(
        page(&app, &alan, "/join")
            .await
            .contains("Accept invitation")
    );
    // The admin revokes one and resends the other (a fresh token) while both forms are open.
    for (email, action) in [
        ("grace@example.com", "revoke"),
        ("alan@example.com", "resend"),
    ] {
        let done = crate::people::support::act(&app, &app.client, email, action).await;
        assert_eq!(done.status(), 200, "{action}");
    }
    for browser in [&grace, &alan] {
        let response = accept(&app, browser, "Someone", INVITEE_PASSWORD).await;
        assert_eq!(response.status(), 409);
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("can no longer be used")
        );
    }
    assert_eq!(app.count("select count(*) from account").await, 1);
    assert_eq!(
        app.count("select count(*) from member where state = 'active'")
            .await,
        1
    );
}

async fn an_inviter_who_lost_the_right_or_left_cannot_have_their_invitation_accepted(
    backend: Backend,
) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    add_member(&app, "admin@example.com", MEMBER_PASSWORD, "Admins").await;
    let admin = browser_client();
    let response = app
        .call_with(
            &admin,
            "sign_in",
            &[
                ("email", "admin@example.com"),
                ("password", MEMBER_PASSWORD),
            ],
            HeaderMap::new(),
        )
        .await;
    assert_eq!(response.headers()["location"], "/");
    let demoted = invite_with(
        &app,
        &admin,
        ("Grace", "Hopper", "grace@example.com"),
        "Developers",
    )
    .await;
    let left = invite_with(
        &app,
        &admin,
        ("Alan", "Turing", "alan@example.com"),
        "Developers",
    )
    .await;

    // Demoted: the admin is moved from Admins to Guests.
    sqlx::query(
        "update group_member set group_id = (select group_id from user_group where name = 'Guests')
          where member_id = (select member_id from member where email = 'admin@example.com')",
    )
    .execute(app.db.pool())
    .await
    .unwrap();
    let grace = open_link(&app, &demoted).await;
    let response = accept(&app, &grace, "Grace", INVITEE_PASSWORD).await;
    assert_eq!(response.status(), 403);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("can no longer grant")
    );

    // Left: the admin (rights restored) is deactivated.
    sqlx::query(
        "update group_member set group_id = (select group_id from user_group where name = 'Admins')
          where member_id = (select member_id from member where email = 'admin@example.com')",
    )
    .execute(app.db.pool())
    .await
    .unwrap();
    sqlx::query("update member set state = 'deactivated' where email = 'admin@example.com'")
        .execute(app.db.pool())
        .await
        .unwrap();
    let alan = open_link(&app, &left).await;
    assert_eq!(
        accept(&app, &alan, "Alan", INVITEE_PASSWORD).await.status(),
        403
    );

    assert_eq!(
        invitation_ends(&app, "grace@example.com").await,
        (false, false, false)
    );
    assert_eq!(
        invitation_ends(&app, "alan@example.com").await,
        (false, false, false)
    );
    assert_eq!(
        app.count(
            "select count(*) from account where email in ('grace@example.com', 'alan@example.com')"
        )
        .await,
        0
    );
    assert_eq!(audit_count(&app, "invitation.accept_failed").await, 2);
}

async fn signed_in_as_another_account_the_invitation_is_not_consumed(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (token, browser) = grace_opens_her_invitation(&app).await;
    // The Owner's own browser opens Grace's link.
    app.client
        .get(app.url(&format!("/join?token={token}")))
        .send()
        .await
        .unwrap();
    let body = page(&app, &app.client, "/join").await;
    assert!(
        body.contains("You are signed in as") && body.contains(OWNER_EMAIL),
        "{body}"
    );
    assert_eq!(app.call("join/join_workspace", &[]).await.status(), 403);
    assert_eq!(
        accept(&app, &app.client, "Grace", INVITEE_PASSWORD)
            .await
            .status(),
        403
    );
    assert_eq!(
        invitation_ends(&app, "grace@example.com").await,
        (false, false, false)
    );
    // Grace herself still can.
    assert_eq!(
        accept(&app, &browser, "Grace", INVITEE_PASSWORD)
            .await
            .status(),
        200
    );
}

async fn look_ups_are_throttled_per_client_and_forwarded_for_does_not_reset_it(backend: Backend) {
    let limited = [("INVITATION_ATTEMPTS_PER_CLIENT", "3")];
    let app = owner_app(backend, &limited, Arc::new(SystemClock)).await;
    let (_, browser) = grace_opens_her_invitation(&app).await;
    let preview = |forwarded: &'static str| {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static(forwarded));
        app.call_with(&browser, "join/invitation_preview", &[], headers)
    };
    for forwarded in ["198.51.100.1", "198.51.100.2", "198.51.100.3"] {
        assert_eq!(preview(forwarded).await.status(), 200);
    }
    for forwarded in ["198.51.100.4", "203.0.113.9"] {
        assert_eq!(
            preview(forwarded).await.status(),
            429,
            "a new X-Forwarded-For is no new client"
        );
    }
    assert_eq!(
        accept(&app, &browser, "Grace", INVITEE_PASSWORD)
            .await
            .status(),
        429
    );
    assert_eq!(
        invitation_ends(&app, "grace@example.com").await,
        (false, false, false)
    );

    // Behind a configured proxy, the forwarded address is the client.
    let proxied = [
        ("INVITATION_ATTEMPTS_PER_CLIENT", "3"),
        ("TRUSTED_PROXIES", "127.0.0.1"),
    ];
    let app = owner_app(backend, &proxied, Arc::new(SystemClock)).await;
    let (_, browser) = grace_opens_her_invitation(&app).await;
    let preview = |forwarded: &'static str| {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static(forwarded));
        app.call_with(&browser, "join/invitation_preview", &[], headers)
    };
    for forwarded in [
        "198.51.100.1",
        "198.51.100.2",
        "198.51.100.3",
        "198.51.100.4",
    ] {
        assert_eq!(preview(forwarded).await.status(), 200);
    }
    for _ in 0..3 {
        assert_eq!(preview("203.0.113.9").await.status(), 200);
    }
    assert_eq!(preview("203.0.113.9").await.status(), 429);
}

async fn cross_origin_posts_to_accept_decline_and_sign_in_are_refused(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (_, browser) = grace_opens_her_invitation(&app).await;
    let password = [
        ("display_name", "Grace"),
        ("password", INVITEE_PASSWORD),
        ("confirm_password", INVITEE_PASSWORD),
    ];
    for (function, form) in [
        ("join/accept_invitation", &password[..]),
        ("join/decline_invitation", &[][..]),
        (
            "join/sign_in_to_join",
            &[("password", INVITEE_PASSWORD)][..],
        ),
        (
            "sign_in",
            &[("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)][..],
        ),
    ] {
        let response = app.call_with(&browser, function, form, cross_site()).await;
        assert_eq!(response.status(), 403, "{function}");
    }
    assert_eq!(
        invitation_ends(&app, "grace@example.com").await,
        (false, false, false)
    );
    assert_eq!(app.count("select count(*) from account").await, 1);
}

async fn passwords_follow_the_policy_with_reasons_and_are_never_truncated(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (_, browser) = grace_opens_her_invitation(&app).await;
    for (password, reason) in [
        ("fourteen chars", "at least 15 characters"),
        ("1qaz2wsx3edc4rfv", "commonly used"),
        ("grace hopper grace hopper", "your name"),
        ("Grace@Example.com", "your name or your email"),
    ] {
        let response = accept(&app, &browser, "Grace Hopper", password).await;
        assert_eq!(response.status(), 422, "{password}");
        let body = response.text().await.unwrap();
        assert!(body.contains(reason), "{password}: {body}");
    }
    let mismatch = [
        ("display_name", "Grace"),
        ("password", INVITEE_PASSWORD),
        ("confirm_password", "violet stapler orbits a quiet fjorx"),
    ];
    let response = app
        .call_with(
            &browser,
            "join/accept_invitation",
            &mismatch,
            HeaderMap::new(),
        )
        .await;
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("The passwords do not match")
    );
    assert_eq!(
        app.count("select count(*) from account").await,
        1,
        "nothing was created"
    );

    let repeated = [
        ("display_name", "Grace"),
        ("password", INVITEE_PASSWORD),
        ("password", "another long passphrase here"),
        ("confirm_password", INVITEE_PASSWORD),
    ];
    let response = app
        .call_with(
            &browser,
            "join/accept_invitation",
            &repeated,
            HeaderMap::new(),
        )
        .await;
    assert_eq!(
        response.status(),
        400,
        "a repeated field is refused, not guessed at"
    );
    assert_eq!(
        app.count("select count(*) from account").await,
        1,
        "nothing was created"
    );

    let long: String = "ünïcödé passphrase ".repeat(7).chars().take(128).collect();
    assert_eq!(long.chars().count(), 128);
    assert_eq!(accept(&app, &browser, "Grace", &long).await.status(), 200);
    let truncated: String = long.chars().take(127).collect();
    assert_eq!(browser_client_sign_in(&app, &truncated).await, 401);
    assert_eq!(browser_client_sign_in(&app, &long).await, 200);
}

async fn browser_client_sign_in(app: &TestApp, password: &str) -> u16 {
    app.sign_in_with(&browser_client(), "grace@example.com", password)
        .await
        .status()
        .as_u16()
}

async fn without_javascript_form_errors_come_back_to_the_invitation_page(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (token, browser) = grace_opens_her_invitation(&app).await;
    // No Referer: the page sent `no-referrer`.
    let response = browser
        .post(app.url("/api/join/accept_invitation"))
        .header("accept", "text/html")
        .form(&[
            ("display_name", "Amazing Grace"),
            ("password", "short"),
            ("confirm_password", "short"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let back = location
        .strip_prefix(BASE_URL)
        .expect("an absolute link to this origin");
    assert!(
        back.starts_with("/join?") && back.contains("__err="),
        "{location}"
    );
    let body = page(&app, &browser, back).await;
    assert!(body.contains("There is a problem") && body.contains("at least 15 characters"));
    assert!(!body.contains(&token));
    // The page is new, but the display name that was typed is still in its field (the
    // invitation suggests "Grace Hopper").
    assert!(
        body.contains(r#"value="Amazing Grace""#),
        "the typed display name is kept"
    );
}

async fn without_javascript_a_refused_decline_comes_back_to_the_decline_page(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (_, browser) = grace_opens_her_invitation(&app).await;
    let declined = app.call_as(&browser, "join/decline_invitation", &[]).await;
    assert_eq!(declined.status(), 200);
    // Declined already: refused, and, with no Referer, sent back to the page it came from.
    let again = browser
        .post(app.url("/api/join/decline_invitation"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 302);
    let location = again.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("{BASE_URL}/join/decline?")) && location.contains("__err="),
        "{location}"
    );
}

on_both_databases!(
    without_javascript_a_refused_decline_comes_back_to_the_decline_page,
    of_many_concurrent_accepts_of_one_token_exactly_one_wins,
    expiry_is_checked_when_the_form_is_posted,
    a_link_revoked_or_regenerated_while_the_form_is_open_is_refused,
    an_inviter_who_lost_the_right_or_left_cannot_have_their_invitation_accepted,
    signed_in_as_another_account_the_invitation_is_not_consumed,
    look_ups_are_throttled_per_client_and_forwarded_for_does_not_reset_it,
    cross_origin_posts_to_accept_decline_and_sign_in_are_refused,
    passwords_follow_the_policy_with_reasons_and_are_never_truncated,
    without_javascript_form_errors_come_back_to_the_invitation_page,
);
