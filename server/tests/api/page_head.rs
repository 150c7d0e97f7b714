//! Stored names reach every page's `<title>`; there they stay text (docs/security.md §24a).
//! leptos_meta writes the title unescaped, so a name ending in `</title><meta ...>` would
//! otherwise add a tag to the head that sends whoever opens the page elsewhere.

use crate::helpers::*;
use crate::invitee::{invite_with, owner_app};
use crate::members::group_id;
use server::clock::SystemClock;
use std::sync::Arc;

const HOSTILE: &str = "Ada</title><meta http-equiv=refresh content=0;url=//evil.test/>";

/// The `<head>` of a page, asserting the page answered.
async fn head_of(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let html = response.text().await.unwrap();
    let end = html.find("</head>").expect("a head");
    html[..end].to_owned()
}

async fn a_hostile_name_stays_text_in_the_head_of_every_page_that_shows_it(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    invite_with(
        &app,
        &app.client,
        (HOSTILE, "Lovelace", "ada@example.com"),
        "Developers",
    )
    .await;
    let member_id: String =
        sqlx::query_scalar("select member_id from member where email = 'ada@example.com'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let saved = app
        .call(
            "save_group",
            &[("name", HOSTILE), ("roles[0]", "developer")],
        )
        .await;
    assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
    let group = group_id(&app, HOSTILE).await;

    let pages = [
        format!("/settings/users/{member_id}"),
        format!("/settings/users/{member_id}/confirm/revoke"),
        format!("/settings/users/{member_id}/confirm/remove"),
        format!("/settings/groups/{group}"),
        format!("/settings/groups/{group}/delete"),
    ];
    for path in &pages {
        let head = head_of(&app, path).await;
        assert!(
            !head.contains("<meta http-equiv"),
            "{path}: the name became markup: {head}"
        );
        assert_eq!(head.matches("<title>").count(), 1, "{path}");
        let title = head.split("<title>").nth(1).unwrap();
        let title = title.split("</title>").next().unwrap();
        assert!(
            title.contains("Ada&lt;/title&gt;&lt;meta http-equiv=refresh"),
            "{path}: the name shows as text in the title: {title}"
        );
    }
}

on_both_databases!(a_hostile_name_stays_text_in_the_head_of_every_page_that_shows_it);
