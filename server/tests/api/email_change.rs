//! Changing the sign-in address: nothing changes until the link sent to the new address is
//! followed; another account's address is neither revealed nor taken.

use crate::helpers::*;
use crate::invitee::{audit_count, invite, owner_app, page};
use crate::members::{MEMBER_PASSWORD, add_member};
use reqwest::Client;
use server::clock::{Clock, ManualClock, SystemClock};
use std::sync::Arc;

const NEW_EMAIL: &str = "ada@new.example";
const SUBJECT: &str = "Confirm your new Portico sign-in address";
const LINK: &str = "/email-change/confirm";

async fn ask(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    let form = [("email", email), ("email_password", password)];
    app.call("request_email_change", &form).await
}

async fn open_confirmation(app: &TestApp) -> Client {
    let token = mailed_link_tokens(app, NEW_EMAIL, SUBJECT, LINK, 1)
        .await
        .remove(0);
    follow_link(app, LINK, &token, "portico_email_change").await
}

async fn confirm(app: &TestApp, browser: &Client) -> reqwest::Response {
    app.call_as(browser, "email_change/confirm_email_change", &[])
        .await
}

async fn account_email(app: &TestApp) -> String {
    sqlx::query_scalar("select email from account where display_name = 'Workspace Owner'")
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

async fn the_new_address_counts_once_its_link_is_followed_and_the_old_one_is_told(
    backend: Backend,
) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let asked = ask(&app, NEW_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(asked.status(), 200);
    let said: serde_json::Value = asked.json().await.unwrap();
    assert_eq!(
        said["message"],
        format!("We sent a link to {NEW_EMAIL}. Follow it to make it your sign-in address")
    );
    let browser = open_confirmation(&app).await;
    for _ in 0..2 {
        let html = page(&app, &browser, LINK).await;
        assert!(
            html.contains("Confirm your new sign-in address") && html.contains(NEW_EMAIL),
            "{html}"
        );
    }
    assert_eq!(
        account_email(&app).await,
        OWNER_EMAIL,
        "opening the link changes nothing"
    );

    let confirmed = confirm(&app, &browser).await;
    assert_eq!(confirmed.status(), 200);
    assert_eq!(confirmed.headers()["location"], "/email-change/done");
    assert_eq!(account_email(&app).await, NEW_EMAIL);
    let member_email: String =
        sqlx::query_scalar("select email from member where first_name = 'Workspace'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        member_email, NEW_EMAIL,
        "the Users page shows the new address"
    );
    assert!(!signs_in(&app, OWNER_EMAIL, OWNER_PASSWORD).await);
    assert!(signs_in(&app, NEW_EMAIL, OWNER_PASSWORD).await);
    let told = queued_mail(&app, "email_changed", OWNER_EMAIL).await;
    assert_eq!(told, 1);
    assert_eq!(confirm(&app, &browser).await.status(), 409, "used once");
    assert_eq!(audit_count(&app, "email_change.requested").await, 1);
    assert_eq!(audit_count(&app, "email_change.confirmed").await, 1);
}

async fn a_wrong_password_or_the_same_address_is_refused_and_changes_nothing(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let wrong = ask(&app, NEW_EMAIL, "not the owner's password at all").await;
    assert_eq!(wrong.status(), 422);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("The password is incorrect")
    );
    let same = ask(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(same.status(), 422);
    assert!(
        same.text()
            .await
            .unwrap()
            .contains("already your sign-in address")
    );
    assert_eq!(
        ask(&app, "not an address", OWNER_PASSWORD).await.status(),
        422
    );
    assert_eq!(
        app.call_as(
            &browser_client(),
            "request_email_change",
            &[("email", NEW_EMAIL), ("email_password", OWNER_PASSWORD)]
        )
        .await
        .status(),
        401
    );
    assert_eq!(app.count("select count(*) from email_change").await, 0);
}

async fn another_accounts_address_gets_the_same_answer_and_no_link(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    add_member(&app, "taken@example.com", MEMBER_PASSWORD, "Developers").await;
    let asked = ask(&app, "taken@example.com", OWNER_PASSWORD).await;
    assert_eq!(asked.status(), 200);
    let said: serde_json::Value = asked.json().await.unwrap();
    assert_eq!(
        said["message"],
        "We sent a link to taken@example.com. Follow it to make it your sign-in address"
    );
    assert_eq!(app.count("select count(*) from email_change").await, 0);
    assert_eq!(
        audit_count(&app, "email_change.requested").await,
        1,
        "recorded as any request"
    );
    assert_eq!(
        app.count("select count(*) from outbox where recipient = 'taken@example.com'")
            .await,
        0
    );
}

async fn an_address_taken_before_the_link_is_followed_is_refused(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    assert_eq!(ask(&app, NEW_EMAIL, OWNER_PASSWORD).await.status(), 200);
    let browser = open_confirmation(&app).await;
    // Meanwhile the Owner's own workspace invites that address: the invitation keeps it.
    invite(&app, "Ada", "New", NEW_EMAIL).await;
    let refused = confirm(&app, &browser).await;
    assert_eq!(refused.status(), 409);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("can no longer be yours")
    );
    assert_eq!(account_email(&app).await, OWNER_EMAIL);
    let (used, state): (Option<String>, String) = sqlx::query_as(
        "select c.used_at, m.state from email_change c, member m where m.email = c.new_email",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert!(used.is_none(), "the link was not spent");
    assert_eq!(state, "invited", "the invitation is not accepted by this");
}

async fn the_link_expires_when_it_is_confirmed(backend: Backend) {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = owner_app(backend, &[], clock.clone()).await;
    assert_eq!(ask(&app, NEW_EMAIL, OWNER_PASSWORD).await.status(), 200);
    let browser = open_confirmation(&app).await;
    clock.advance(chrono::Duration::hours(24) + chrono::Duration::seconds(1));
    let late = confirm(&app, &browser).await;
    assert_eq!(late.status(), 409);
    assert!(late.text().await.unwrap().contains("expired"));
    assert!(
        page(&app, &browser, LINK)
            .await
            .contains("This confirmation link has expired")
    );
    assert_eq!(account_email(&app).await, OWNER_EMAIL);
    let token = mailed_link_tokens(&app, NEW_EMAIL, SUBJECT, LINK, 1)
        .await
        .remove(0);
    let hash = server::tokens::hash(&token);
    let mut tx = app.db.begin_write().await.unwrap();
    let late = server::email_change::links::use_open(&mut tx, &hash, clock.now()).await;
    assert!(
        late.unwrap().is_none(),
        "the statement judges the expiry itself"
    );
    let before = clock.now() - chrono::Duration::hours(1);
    let in_time = server::email_change::links::use_open(&mut tx, &hash, before).await;
    assert!(in_time.unwrap().is_some());
}

async fn a_new_password_kills_an_unconfirmed_change_and_a_change_kills_reset_links(
    backend: Backend,
) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    // Someone who knew the password asks to move the account to their address...
    assert_eq!(ask(&app, NEW_EMAIL, OWNER_PASSWORD).await.status(), 200);
    let intruder = open_confirmation(&app).await;
    // ...and the owner changes it before the link is followed.
    let new_password = "a fresh passphrase for the owner";
    let form = [
        ("current_password", OWNER_PASSWORD),
        ("password", new_password),
        ("confirm_password", new_password),
    ];
    assert_eq!(app.call("change_password", &form).await.status(), 200);
    assert_eq!(confirm(&app, &intruder).await.status(), 409);
    assert_eq!(account_email(&app).await, OWNER_EMAIL);

    // A reset link mailed to the old address dies with the move.
    let reset_form = [("email", OWNER_EMAIL)];
    let asked = app
        .call_as(
            &browser_client(),
            "password_reset/request_password_reset",
            &reset_form,
        )
        .await;
    assert_eq!(asked.status(), 200);
    assert_eq!(app.count("select count(*) from password_reset").await, 1);
    assert_eq!(
        ask(&app, "ada@second.example", new_password).await.status(),
        200
    );
    let token = mailed_link_tokens(&app, "ada@second.example", SUBJECT, LINK, 1)
        .await
        .remove(0);
    let browser = follow_link(&app, LINK, &token, "portico_email_change").await;
    assert_eq!(confirm(&app, &browser).await.status(), 200);
    assert_eq!(app.count("select count(*) from password_reset").await, 0);
}

on_both_databases!(
    a_new_password_kills_an_unconfirmed_change_and_a_change_kills_reset_links,
    the_new_address_counts_once_its_link_is_followed_and_the_old_one_is_told,
    a_wrong_password_or_the_same_address_is_refused_and_changes_nothing,
    another_accounts_address_gets_the_same_answer_and_no_link,
    an_address_taken_before_the_link_is_followed_is_refused,
    the_link_expires_when_it_is_confirmed,
);
