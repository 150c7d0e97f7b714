//! Live updates: an open Users page hears "members changed" when an invitee accepts or
//! declines, or an email's state changes; only in its own workspace, and only if it may see
//! the people.

use crate::helpers::*;
use crate::invitee::*;
use crate::people::support::{member_browser, owner_elsewhere};
use reqwest::Response;
use server::clock::SystemClock;
use std::sync::Arc;
use std::time::Duration;

/// Whether `stream` carries a "members changed" event within `wait`.
async fn hears_a_change(stream: &mut Response, wait: Duration) -> bool {
    let mut received = String::new();
    tokio::time::timeout(wait, async {
        while let Ok(Some(chunk)) = stream.chunk().await {
            received.push_str(&String::from_utf8_lossy(&chunk));
            if received.contains("event: members") {
                return true;
            }
        }
        false
    })
    .await
    .unwrap_or(false)
}

async fn open_stream(app: &TestApp, client: &reqwest::Client) -> Response {
    client.get(app.url("/api/live/users")).send().await.unwrap()
}

/// Waits until every queued email was delivered, so what follows is the only change.
async fn all_mail_delivered(app: &TestApp) {
    crate::invitations::wait_until(|| async {
        app.count("select count(*) from outbox where state = 'queued'")
            .await
            == 0
    })
    .await;
}

async fn an_open_users_page_hears_when_an_invitee_accepts_and_only_there(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (_, grace) = grace_opens_her_invitation(&app).await;
    all_mail_delivered(&app).await;

    let mut owner = open_stream(&app, &app.client).await;
    assert_eq!(owner.status(), 200);
    assert_eq!(owner.headers()["content-type"], "text/event-stream");
    let elsewhere = owner_elsewhere(&app).await;
    let mut other = open_stream(&app, &elsewhere).await;
    assert_eq!(other.status(), 200);

    assert_eq!(
        accept(&app, &grace, "Grace", INVITEE_PASSWORD)
            .await
            .status(),
        200
    );
    assert!(
        hears_a_change(&mut owner, Duration::from_secs(5)).await,
        "the Owner's page hears it"
    );
    assert!(
        !hears_a_change(&mut other, Duration::from_millis(1500)).await,
        "another workspace's page hears nothing"
    );

    let token = invite(&app, "Alan", "Turing", "alan@example.com").await;
    let alan = open_link(&app, &token).await;
    all_mail_delivered(&app).await;
    let mut owner = open_stream(&app, &app.client).await;
    app.call_as(&alan, "join/decline_invitation", &[]).await;
    assert!(
        hears_a_change(&mut owner, Duration::from_secs(5)).await,
        "and a decline"
    );
}

async fn an_email_delivered_is_heard(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let mut owner = open_stream(&app, &app.client).await;
    invite(&app, "Grace", "Hopper", "grace@example.com").await;
    assert!(hears_a_change(&mut owner, Duration::from_secs(5)).await);
}

async fn only_those_who_may_see_people_follow_them(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    assert_eq!(open_stream(&app, &browser_client()).await.status(), 401);
    let guest = member_browser(&app, "gus@example.com", "Guests").await;
    assert_eq!(open_stream(&app, &guest).await.status(), 403);
    let developer = member_browser(&app, "dev@example.com", "Developers").await;
    assert_eq!(open_stream(&app, &developer).await.status(), 200);
}

on_both_databases!(
    an_open_users_page_hears_when_an_invitee_accepts_and_only_there,
    an_email_delivered_is_heard,
    only_those_who_may_see_people_follow_them,
);
