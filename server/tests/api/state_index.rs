//! The Users page's state filters and counts read a copy of each open invitation's expiry on
//! its member, kept by the database's triggers (docs/architecture.md, Performance): they follow
//! every change to an invitation, and an instance starting on a database written without them
//! puts every copy right.

use crate::helpers::*;
use crate::invitee::*;
use crate::people::support::{act, copy_link};
use crate::user_search::{emails, search};
use server::clock::{ManualClock, SystemClock};
use std::sync::Arc;

/// Grace is listed under `state`, with that state shown.
async fn grace_in(app: &TestApp, state: &str) -> bool {
    let page = search(app, &[("state", state), ("q", "grace")]).await;
    let shown = page["rows"][0]["state"].as_str().map(str::to_lowercase);
    emails(&page) == ["grace@example.com"] && shown.as_deref() == Some(state)
}

/// The filters and the state shown follow the invitation through its life, whichever action
/// changes it (the state index is kept by the database, docs/architecture.md, Performance).
async fn state_filters_follow_an_invitation_through_its_life(backend: Backend) {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = owner_app(backend, &[], clock.clone()).await;
    invite(&app, "Grace", "Hopper", "grace@example.com").await;
    assert!(grace_in(&app, "invited").await);
    clock.advance(chrono::Duration::days(8));
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    assert!(grace_in(&app, "expired").await && !grace_in(&app, "invited").await);
    let regenerated = act(&app, &app.client, "grace@example.com", "regenerate").await;
    assert_eq!(regenerated.status(), 200);
    assert!(grace_in(&app, "invited").await && !grace_in(&app, "expired").await);
    let revoked = act(&app, &app.client, "grace@example.com", "revoke").await;
    assert_eq!(revoked.status(), 200);
    assert!(grace_in(&app, "revoked").await && !grace_in(&app, "invited").await);
    let token = copy_link_after_regenerating(&app).await;
    assert!(grace_in(&app, "invited").await);
    let grace = open_link(&app, &token).await;
    let joined = accept(&app, &grace, "Grace", INVITEE_PASSWORD).await;
    assert_eq!(joined.status(), 200);
    assert!(grace_in(&app, "active").await && !grace_in(&app, "invited").await);
}

async fn copy_link_after_regenerating(app: &TestApp) -> String {
    let regenerated = act(app, &app.client, "grace@example.com", "regenerate").await;
    assert_eq!(regenerated.status(), 200);
    copy_link(app, "grace@example.com").await
}

/// As after an upgrade: the invitation changed while no trigger kept the copy.
async fn a_start_puts_right_what_was_written_without_the_triggers(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let drops: &[&str] = match backend {
        Backend::Sqlite => &[
            "drop trigger member_open_invitation_insert",
            "drop trigger member_open_invitation_update",
            "drop trigger member_open_invitation_delete",
        ],
        Backend::Postgres => &["drop trigger member_open_invitation on invitation"],
    };
    for statement in drops {
        sqlx::query(statement).execute(app.db.pool()).await.unwrap();
    }
    let revoked = act(&app, &app.client, "grace@example.com", "revoke").await;
    assert_eq!(revoked.status(), 200);
    assert!(grace_in(&app, "invited").await, "the copy is out of step");

    let second = app.another_instance().await;
    assert!(grace_in(&app, "revoked").await && !grace_in(&app, "invited").await);
    let regenerated = act(&app, &app.client, "grace@example.com", "regenerate").await;
    assert_eq!(regenerated.status(), 200);
    assert!(grace_in(&app, "invited").await, "the triggers are back");
    second.serving.abort();
}

on_both_databases!(
    state_filters_follow_an_invitation_through_its_life,
    a_start_puts_right_what_was_written_without_the_triggers,
);
