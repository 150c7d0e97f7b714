//! Forgot password (docs/security.md §36–37): asking for a link tells nobody who has an account,
//! the link works once and only until it expires (judged at POST time), and a new password ends
//! every session and every other link.

use crate::helpers::*;
use crate::invitee::{audit_count, invite, owner_app, page};
use crate::members::{MEMBER_PASSWORD, add_member};
use reqwest::Client;
use server::clock::{Clock, ManualClock, SystemClock};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const NEW_PASSWORD: &str = "tangerine lighthouse hums at noon";
/// Generous limits, so only the throttling test meets them.
const UNTHROTTLED: [(&str, &str); 2] = [
    ("PASSWORD_RESET_ATTEMPTS_PER_ADDRESS", "1000"),
    ("PASSWORD_RESET_ATTEMPTS_PER_CLIENT", "100000"),
];

async fn reset_app(backend: Backend, clock: Arc<dyn Clock>) -> TestApp {
    owner_app(backend, &UNTHROTTLED, clock).await
}

/// Asks for a link for `email` from a browser of its own, as the hydrated page would.
pub async fn ask(app: &TestApp, email: &str) -> reqwest::Response {
    app.call_as(
        &browser_client(),
        "password_reset/request_password_reset",
        &[("email", email)],
    )
    .await
}

/// The tokens of every reset link mailed to `email`, oldest first, once `count` have arrived.
pub async fn mailed_tokens(app: &TestApp, email: &str, count: usize) -> Vec<String> {
    let (subject, link) = ("Reset your Portico password", "/password-reset/new");
    mailed_link_tokens(app, email, subject, link, count).await
}

/// A browser of its own that followed the reset link (and so holds its cookie).
pub async fn open_reset_link(app: &TestApp, token: &str) -> Client {
    follow_link(app, "/password-reset/new", token, "portico_password_reset").await
}

pub async fn choose(
    app: &TestApp,
    browser: &Client,
    password: &str,
    confirm: &str,
) -> reqwest::Response {
    let form = [("password", password), ("confirm_password", confirm)];
    app.call_as(browser, "password_reset/complete_password_reset", &form)
        .await
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

async fn known_and_unknown_addresses_get_the_same_answer_in_the_same_time(backend: Backend) {
    let app = reset_app(backend, Arc::new(SystemClock)).await;
    let (mut known_times, mut unknown_times) = (Vec::new(), Vec::new());
    let mut answers = Vec::new();
    for round in 0..4 {
        for (email, times) in [
            (OWNER_EMAIL.to_owned(), &mut known_times),
            (format!("nobody{round}@example.com"), &mut unknown_times),
        ] {
            let started = Instant::now();
            let response = ask(&app, &email).await;
            times.push(started.elapsed());
            let status = response.status();
            let location = response.headers().get("location").cloned();
            answers.push((status, location, response.text().await.unwrap()));
        }
    }
    assert_eq!(answers[0].0, 200, "{:?}", answers[0]);
    assert_eq!(answers[0].1.as_ref().unwrap(), "/password-reset/sent");
    assert!(
        answers.iter().all(|answer| *answer == answers[0]),
        "{answers:?}"
    );
    let (known, unknown) = (median(known_times), median(unknown_times));
    assert!(known >= Duration::from_millis(300) && unknown >= Duration::from_millis(300));
    let apart = known.abs_diff(unknown);
    assert!(
        apart < Duration::from_millis(100),
        "known {known:?}, unknown {unknown:?}"
    );

    // Without JavaScript, both land on the same page.
    for email in [OWNER_EMAIL, "nobody@example.com"] {
        let response = app
            .submit_form(
                "password_reset/request_password_reset",
                "/password-reset",
                &[("email", email)],
            )
            .await;
        assert_eq!(response.status(), 302);
        assert_eq!(response.headers()["location"], "/password-reset/sent");
    }
    assert_eq!(mailed_tokens(&app, OWNER_EMAIL, 5).await.len(), 5);
    let to_strangers = app
        .count("select count(*) from outbox where recipient like 'nobody%'")
        .await;
    assert_eq!(to_strangers, 0, "only an account's address gets mail");
    assert_eq!(audit_count(&app, "password_reset.requested").await, 10);
}

async fn a_malformed_address_is_refused_and_changes_nothing(backend: Backend) {
    let app = reset_app(backend, Arc::new(SystemClock)).await;
    let response = ask(&app, "not an address").await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(body.contains("email"), "{body}");
    assert_eq!(app.count("select count(*) from password_reset").await, 0);
    assert_eq!(audit_count(&app, "password_reset.requested").await, 0);
}

async fn requests_are_throttled_per_address_whether_or_not_it_has_an_account(backend: Backend) {
    let limits = [("PASSWORD_RESET_ATTEMPTS_PER_ADDRESS", "2")];
    let app = owner_app(backend, &limits, Arc::new(SystemClock)).await;
    for email in [OWNER_EMAIL, "nobody@example.com"] {
        assert_eq!(ask(&app, email).await.status(), 200);
        assert_eq!(ask(&app, email).await.status(), 200);
        assert_eq!(ask(&app, email).await.status(), 429, "{email}");
    }
    assert_eq!(ask(&app, "someone.else@example.com").await.status(), 200);
    assert_eq!(app.count("select count(*) from password_reset").await, 2);
}

async fn a_link_sets_the_password_once_and_ends_every_session_and_other_link(backend: Backend) {
    let app = reset_app(backend, Arc::new(SystemClock)).await;
    let elsewhere = browser_client();
    app.sign_in_with(&elsewhere, OWNER_EMAIL, OWNER_PASSWORD)
        .await;
    assert_eq!(
        app.count("select count(*) from session where account_id is not null")
            .await,
        2
    );
    ask(&app, OWNER_EMAIL).await;
    ask(&app, OWNER_EMAIL).await;
    let tokens = mailed_tokens(&app, OWNER_EMAIL, 2).await;

    // Opening the link, twice, only shows the form.
    let browser = open_reset_link(&app, &tokens[0]).await;
    for _ in 0..2 {
        let html = page(&app, &browser, "/password-reset/new").await;
        assert!(
            html.contains("Choose a new password") && html.contains(OWNER_EMAIL),
            "{html}"
        );
    }
    let head = browser.head(app.url(&format!("/password-reset/new?token={}", tokens[0])));
    assert_eq!(head.send().await.unwrap().status(), 303);
    assert_eq!(
        app.count("select count(*) from password_reset where used_at is null")
            .await,
        2
    );
    let stored: Vec<String> = sqlx::query_scalar("select token_hash from password_reset")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert!(stored.contains(&server::tokens::hash(&tokens[0])));
    assert!(
        tokens.iter().all(|token| !stored.contains(token)),
        "only hashes are kept"
    );

    // The rules apply, the owner's own address included; nothing changes meanwhile.
    let weak = choose(
        &app,
        &browser,
        "owner@example.com 123",
        "owner@example.com 123",
    )
    .await;
    assert_eq!(weak.status(), 422);
    let mismatch = choose(&app, &browser, NEW_PASSWORD, "something else entirely").await;
    assert_eq!(mismatch.status(), 422);
    assert!(mismatch.text().await.unwrap().contains("do not match"));
    assert!(signs_in(&app, OWNER_EMAIL, OWNER_PASSWORD).await);

    let done = choose(&app, &browser, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(done.status(), 200);
    assert_eq!(done.headers()["location"], "/password-reset/done");
    assert_eq!(
        app.count("select count(*) from session where account_id is not null")
            .await,
        0,
        "every session of the account ended"
    );
    assert_eq!(app.call("list_members", &[]).await.status(), 401);
    assert!(!signs_in(&app, OWNER_EMAIL, OWNER_PASSWORD).await);
    assert!(signs_in(&app, OWNER_EMAIL, NEW_PASSWORD).await);

    // Used, and the other link killed.
    let again = choose(
        &app,
        &browser,
        "another fine passphrase here",
        "another fine passphrase here",
    )
    .await;
    assert_eq!(again.status(), 409);
    let other = open_reset_link(&app, &tokens[1]).await;
    let html = page(&app, &other, "/password-reset/new").await;
    assert!(html.contains("This reset link cannot be used"), "{html}");
    assert!(signs_in(&app, OWNER_EMAIL, NEW_PASSWORD).await);
    assert_eq!(audit_count(&app, "password_reset.completed").await, 1);

    let notice: String = loop {
        let found: Option<String> = sqlx::query_scalar(
            "select text_body from dev_mailbox where subject = 'Your Portico password was changed'",
        )
        .fetch_optional(app.db.pool())
        .await
        .unwrap();
        if let Some(body) = found {
            break body;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(notice.contains("If it was not you") && notice.contains("/password-reset"));
    for token in &tokens {
        for sql in [
            "select payload from outbox",
            "select coalesce(subject, '') from audit_event",
            "select data from session",
        ] {
            let rows: Vec<String> = sqlx::query_scalar(sql)
                .fetch_all(app.db.pool())
                .await
                .unwrap();
            assert!(
                rows.iter().all(|row| !row.contains(token.as_str())),
                "{sql}"
            );
        }
    }
}

async fn a_link_expires_when_the_form_is_posted(backend: Backend) {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = reset_app(backend, clock.clone()).await;
    ask(&app, OWNER_EMAIL).await;
    let token = &mailed_tokens(&app, OWNER_EMAIL, 1).await[0];
    let browser = open_reset_link(&app, token).await;
    assert!(
        page(&app, &browser, "/password-reset/new")
            .await
            .contains("Choose a new password")
    );
    clock.advance(chrono::Duration::minutes(60) + chrono::Duration::seconds(1));
    let late = choose(&app, &browser, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(late.status(), 409);
    assert!(late.text().await.unwrap().contains("expired"));
    assert!(
        page(&app, &browser, "/password-reset/new")
            .await
            .contains("This reset link has expired")
    );
    assert!(signs_in(&app, OWNER_EMAIL, OWNER_PASSWORD).await);
    // The statement that uses the link judges the expiry itself, whatever was checked before it.
    let hash = server::tokens::hash(token);
    let mut tx = app.db.begin_write().await.unwrap();
    let late = server::password_reset::links::use_open(&mut tx, &hash, clock.now()).await;
    assert_eq!(late.unwrap(), None);
    let before = clock.now() - chrono::Duration::minutes(2);
    let in_time = server::password_reset::links::use_open(&mut tx, &hash, before).await;
    assert!(
        in_time.unwrap().is_some(),
        "the same statement before the expiry uses it"
    );
}

async fn two_uses_of_one_link_at_once_have_one_winner(backend: Backend) {
    let app = reset_app(backend, Arc::new(SystemClock)).await;
    ask(&app, OWNER_EMAIL).await;
    let token = &mailed_tokens(&app, OWNER_EMAIL, 1).await[0];
    let (first, second) = (
        open_reset_link(&app, token).await,
        open_reset_link(&app, token).await,
    );
    let passwords = [
        "first winner passphrase here",
        "second winner passphrase here",
    ];
    let (a, b) = tokio::join!(
        choose(&app, &first, passwords[0], passwords[0]),
        choose(&app, &second, passwords[1], passwords[1]),
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let winner = if a.status() == 200 {
        passwords[0]
    } else {
        passwords[1]
    };
    let loser = if a.status() == 200 {
        passwords[1]
    } else {
        passwords[0]
    };
    assert!(signs_in(&app, OWNER_EMAIL, winner).await);
    assert!(!signs_in(&app, OWNER_EMAIL, loser).await);
    assert_eq!(audit_count(&app, "password_reset.completed").await, 1);
}

async fn a_reset_lets_no_one_back_into_a_workspace_or_accepts_an_invitation(backend: Backend) {
    let app = reset_app(backend, Arc::new(SystemClock)).await;
    add_member(&app, "ada@example.com", MEMBER_PASSWORD, "Developers").await;
    sqlx::query("update member set state = 'deactivated' where email = 'ada@example.com'")
        .execute(app.db.pool())
        .await
        .unwrap();
    invite(&app, "Grace", "Hopper", "grace@example.com").await;
    for email in ["ada@example.com", "grace@example.com"] {
        assert_eq!(ask(&app, email).await.status(), 200);
    }
    let token = &mailed_tokens(&app, "ada@example.com", 1).await[0];
    let browser = open_reset_link(&app, token).await;
    assert_eq!(
        choose(&app, &browser, NEW_PASSWORD, NEW_PASSWORD)
            .await
            .status(),
        200
    );
    assert!(
        !signs_in(&app, "ada@example.com", NEW_PASSWORD).await,
        "still deactivated"
    );
    let ada_state: String =
        sqlx::query_scalar("select state from member where email = 'ada@example.com'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(ada_state, "deactivated");
    // Grace has no account: no link, and her invitation is untouched.
    assert_eq!(
        queued_mail(&app, "password_reset", "grace@example.com").await,
        0
    );
    let grace_state: String =
        sqlx::query_scalar("select state from member where email = 'grace@example.com'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(grace_state, "invited");
}

async fn a_form_posted_without_javascript_comes_back_to_the_reset_page(backend: Backend) {
    let app = reset_app(backend, Arc::new(SystemClock)).await;
    ask(&app, OWNER_EMAIL).await;
    let token = &mailed_tokens(&app, OWNER_EMAIL, 1).await[0];
    let browser = open_reset_link(&app, token).await;
    // The page sends no Referer (no-referrer), so the server names the form's page itself.
    let response = browser
        .post(app.url("/api/password_reset/complete_password_reset"))
        .header("accept", "text/html")
        .form(&[("password", "short"), ("confirm_password", "short")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("{BASE_URL}/password-reset/new?")),
        "{location}"
    );
    let back = location.strip_prefix(BASE_URL).unwrap();
    let shown = page(&app, &browser, back).await;
    assert!(shown.contains("There is a problem") && shown.contains("at least 15 characters"));
    assert!(signs_in(&app, OWNER_EMAIL, OWNER_PASSWORD).await);
}

on_both_databases!(
    known_and_unknown_addresses_get_the_same_answer_in_the_same_time,
    a_malformed_address_is_refused_and_changes_nothing,
    requests_are_throttled_per_address_whether_or_not_it_has_an_account,
    a_link_sets_the_password_once_and_ends_every_session_and_other_link,
    a_link_expires_when_the_form_is_posted,
    two_uses_of_one_link_at_once_have_one_winner,
    a_reset_lets_no_one_back_into_a_workspace_or_accepts_an_invitation,
    a_form_posted_without_javascript_comes_back_to_the_reset_page,
);
