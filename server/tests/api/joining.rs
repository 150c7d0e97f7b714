//! The invitee journey's happy paths and pages: open the link, accept as a new person, sign in
//! and join with an existing account, decline, ask for a new link.

use crate::helpers::*;
use crate::invitee::*;
use chrono::Duration;
use reqwest::header::HeaderMap;
use server::clock::{ManualClock, SystemClock};
use std::sync::Arc;

async fn opening_the_link_changes_nothing_and_moves_the_token_into_a_cookie(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let token = invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let audit_before = app.count("select count(*) from audit_event").await;
    let scanner = browser_client();
    for method in [
        reqwest::Method::HEAD,
        reqwest::Method::GET,
        reqwest::Method::GET,
    ] {
        let response = scanner
            .request(method, app.url(&format!("/join?token={token}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], "/join");
        assert_eq!(response.headers()["referrer-policy"], "no-referrer");
        assert_eq!(response.headers()["cache-control"], "no-store");
        let cookie = set_cookie(&response, "portico_invitation").expect("invitation cookie");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        assert!(
            !cookie.contains(&token),
            "the cookie holds the token sealed"
        );
    }
    let response = scanner.get(app.url("/join")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body = without_comments(&response.text().await.unwrap());
    for expected in [
        "Join Portico",
        "Workspace Owner",
        "Developers",
        "Developer",
        "See the people in the workspace",
        "This invitation expires on",
        "Accept invitation",
        "Decline",
        "grace@example.com",
        "Grace Hopper",
    ] {
        assert!(body.contains(expected), "{expected} missing from the page");
    }
    assert!(!body.contains(&token));
    assert_eq!(
        invitation_ends(&app, "grace@example.com").await,
        (false, false, false)
    );
    assert_eq!(
        app.count("select count(*) from audit_event").await,
        audit_before
    );
    assert_eq!(app.count("select count(*) from account").await, 1);
}

async fn a_new_person_accepts_and_lands_in_the_workspace_with_the_invitations_address(
    backend: Backend,
) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (_, browser) = grace_opens_her_invitation(&app).await;
    let form = [
        ("display_name", "Amazing Grace"),
        ("email", "mallory@example.com"),
        ("password", INVITEE_PASSWORD),
        ("confirm_password", INVITEE_PASSWORD),
    ];
    let response = app
        .call_with(&browser, "join/accept_invitation", &form, HeaderMap::new())
        .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    assert_eq!(response.headers()["location"], "/");

    let (email, name, hash): (String, String, String) =
        sqlx::query_as("select email, display_name, password_hash from account where email <> $1")
            .bind(OWNER_EMAIL)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(email, "grace@example.com", "a posted email is ignored");
    assert_eq!(name, "Amazing Grace");
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert_eq!(
        app.count("select count(*) from account where email = 'mallory@example.com'")
            .await,
        0
    );
    assert_eq!(
        app.count("select count(*) from member where email = 'grace@example.com' and state = 'active' and joined_at is not null").await,
        1
    );
    assert_eq!(
        invitation_ends(&app, "grace@example.com").await,
        (true, false, false)
    );
    assert_eq!(audit_count(&app, "invitation.accepted").await, 1);

    // Signed in, in the workspace, with the Developers group's rights.
    let landing = browser.get(app.url("/")).send().await.unwrap();
    assert_eq!(landing.headers()["location"], "/settings/users");
    let workspace = page(&app, &browser, "/settings/workspace").await;
    assert!(
        workspace.contains("Amazing Grace")
            && workspace.contains("See the people in the workspace")
    );
    let users = page(&app, &app.client, "/settings/users").await;
    assert!(users.contains("Amazing Grace") || users.contains("Grace Hopper"));
    assert!(users.contains("Active"));
}

async fn someone_with_an_account_signs_in_joins_and_switches_workspaces(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    // Ada joins Portico first; then Portico's Owner creates a second workspace and invites
    // Ada there too.
    let first = invite(&app, "Ada", "Lovelace", "ada@example.com").await;
    let ada = open_link(&app, &first).await;
    assert_eq!(
        accept(&app, &ada, "Ada", INVITEE_PASSWORD).await.status(),
        200
    );
    let blank = app
        .call("create_workspace", &[("workspace_name", "  ")])
        .await;
    assert_eq!(blank.status(), 422);
    assert_eq!(app.count("select count(*) from workspace").await, 1);
    let created = app
        .call(
            "create_workspace",
            &[("workspace_name", "Analytical Engines")],
        )
        .await;
    assert_eq!(created.headers()["location"], "/");
    assert_eq!(audit_count(&app, "workspace.created").await, 2);
    let token = invite(&app, "Ada", "Lovelace", "ada@example.com").await;

    let browser = open_link(&app, &token).await;
    let body = page(&app, &browser, "/join").await;
    assert!(
        body.contains("Sign in to join Analytical Engines"),
        "{body}"
    );
    assert!(!body.contains("Create your account"));
    let wrong = app
        .call_with(
            &browser,
            "join/sign_in_to_join",
            &[("password", "not the password at all")],
            HeaderMap::new(),
        )
        .await;
    assert_eq!(wrong.status(), 401);
    let signed_in = app
        .call_with(
            &browser,
            "join/sign_in_to_join",
            &[("password", INVITEE_PASSWORD)],
            HeaderMap::new(),
        )
        .await;
    assert_eq!(signed_in.headers()["location"], "/join");
    assert!(
        page(&app, &browser, "/join")
            .await
            .contains("Join Analytical Engines")
    );
    assert_eq!(
        app.count(
            "select count(*) from member where email = 'ada@example.com' and state = 'active'"
        )
        .await,
        1
    );

    let joined = app
        .call_with(&browser, "join/join_workspace", &[], HeaderMap::new())
        .await;
    assert_eq!(joined.headers()["location"], "/");
    assert_eq!(
        app.count("select count(*) from account where email = 'ada@example.com'")
            .await,
        1
    );
    assert_eq!(
        app.count(
            "select count(*) from member where email = 'ada@example.com' and state = 'active'"
        )
        .await,
        2
    );
    let workspace = page(&app, &browser, "/settings/workspace").await;
    assert!(workspace.contains("Switch to Portico"), "{workspace}");
    let portico: String =
        sqlx::query_scalar("select workspace_id from workspace where name = 'Portico'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let switched = app
        .call_with(
            &browser,
            "switch_workspace",
            &[("workspace_id", portico.as_str())],
            HeaderMap::new(),
        )
        .await;
    assert_eq!(switched.headers()["location"], "/");
    assert!(
        page(&app, &browser, "/settings/workspace")
            .await
            .contains("Switch to Analytical Engines")
    );
}

async fn a_guest_lands_on_their_workspace_page_not_on_users(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let person = ("Grace", "Hopper", "grace@example.com");
    let token = invite_with(&app, &app.client, person, "Guests").await;
    let browser = open_link(&app, &token).await;
    assert_eq!(
        accept(&app, &browser, "Grace", INVITEE_PASSWORD)
            .await
            .status(),
        200
    );
    for path in ["/", "/settings/users", "/sign-in"] {
        let response = browser.get(app.url(path)).send().await.unwrap();
        assert_eq!(
            response.headers()["location"],
            "/settings/workspace",
            "{path}"
        );
    }
    let workspace = page(&app, &browser, "/settings/workspace").await;
    assert!(
        workspace.contains("without administrative rights"),
        "{workspace}"
    );
    let nowhere = uuid::Uuid::new_v4().to_string();
    let switch = app
        .call_with(
            &browser,
            "switch_workspace",
            &[("workspace_id", nowhere.as_str())],
            HeaderMap::new(),
        )
        .await;
    assert_eq!(
        switch.status(),
        404,
        "a workspace Grace is not in does not exist for her"
    );
}

async fn declining_ends_the_invitation_and_the_inviter_sees_declined(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (_, browser) = grace_opens_her_invitation(&app).await;
    let confirm = page(&app, &browser, "/join/decline").await;
    assert!(
        confirm.contains("Decline the invitation to Portico?")
            && confirm.contains("Decline invitation")
    );
    assert_eq!(
        invitation_ends(&app, "grace@example.com").await,
        (false, false, false)
    );

    let response = app
        .call_with(&browser, "join/decline_invitation", &[], HeaderMap::new())
        .await;
    assert_eq!(response.headers()["location"], "/join/declined");
    assert_eq!(
        invitation_ends(&app, "grace@example.com").await,
        (false, true, false)
    );
    assert_eq!(audit_count(&app, "invitation.declined").await, 1);
    let users = page(&app, &app.client, "/settings/users").await;
    assert!(users.contains("Declined"), "{users}");

    assert!(
        page(&app, &browser, "/join")
            .await
            .contains("This invitation link cannot be used")
    );
    assert_eq!(
        accept(&app, &browser, "Grace", INVITEE_PASSWORD)
            .await
            .status(),
        409
    );
    assert_eq!(app.count("select count(*) from account").await, 1);
}

async fn an_expired_invitation_asks_its_inviter_for_a_new_link_once_a_day(backend: Backend) {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = owner_app(backend, &[], clock.clone()).await;
    let token = invite(&app, "Grace", "Hopper", "grace@example.com").await;
    clock.advance(Duration::days(7) + Duration::minutes(1));
    let browser = open_link(&app, &token).await;
    let body = page(&app, &browser, "/join").await;
    assert!(body.contains("This invitation has expired") && body.contains("Ask for a new link"));
    assert!(!body.contains("Grace") && !body.contains("grace@example.com"));

    for _ in 0..3 {
        let response = app
            .call_with(&browser, "join/request_new_link", &[], HeaderMap::new())
            .await;
        assert_eq!(response.headers()["location"], "/join/new-link-requested");
    }
    let notes = "select count(*) from outbox where kind = 'new_link_request' and recipient = 'owner@example.com'";
    assert_eq!(
        app.count(notes).await,
        1,
        "one note a day, however often they ask"
    );
    assert_eq!(audit_count(&app, "invitation.new_link_requested").await, 1);
    clock.advance(Duration::hours(25));
    app.call_with(&browser, "join/request_new_link", &[], HeaderMap::new())
        .await;
    assert_eq!(app.count(notes).await, 2);

    // A stranger's guess gets the same answer and writes nothing.
    let stranger = open_link(&app, "not-a-real-token").await;
    let response = app
        .call_with(&stranger, "join/request_new_link", &[], HeaderMap::new())
        .await;
    assert_eq!(response.headers()["location"], "/join/new-link-requested");
    assert_eq!(
        app.count("select count(*) from outbox where kind = 'new_link_request'")
            .await,
        2
    );
}

async fn used_declined_expired_and_unknown_links_reveal_no_personal_data(backend: Backend) {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = owner_app(backend, &[], clock.clone()).await;
    let used = invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let browser = open_link(&app, &used).await;
    assert_eq!(
        accept(&app, &browser, "Grace", INVITEE_PASSWORD)
            .await
            .status(),
        200
    );
    let declined = invite(&app, "Alan", "Turing", "alan@example.com").await;
    let browser = open_link(&app, &declined).await;
    app.call_with(&browser, "join/decline_invitation", &[], HeaderMap::new())
        .await;
    for token in [used.as_str(), declined.as_str(), "unknown-token"] {
        let body = page(&app, &open_link(&app, token).await, "/join").await;
        assert!(body.contains("This invitation link cannot be used"));
        for personal in [
            "Grace",
            "Hopper",
            "grace@",
            "Alan",
            "Turing",
            "alan@",
            "Workspace Owner",
        ] {
            assert!(!body.contains(personal), "{personal} revealed");
        }
    }
    let without_cookie = page(&app, &browser_client(), "/join").await;
    assert!(without_cookie.contains("This invitation link cannot be used"));
}

on_both_databases!(
    opening_the_link_changes_nothing_and_moves_the_token_into_a_cookie,
    a_new_person_accepts_and_lands_in_the_workspace_with_the_invitations_address,
    someone_with_an_account_signs_in_joins_and_switches_workspaces,
    a_guest_lands_on_their_workspace_page_not_on_users,
    declining_ends_the_invitation_and_the_inviter_sees_declined,
    an_expired_invitation_asks_its_inviter_for_a_new_link_once_a_day,
    used_declined_expired_and_unknown_links_reveal_no_personal_data,
);
