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

/// Pages rendered at the same moment each name their own area's pieces in their head, once
/// (docs/architecture.md, Performance): a page whose head named another's, or none, was
/// hydrated without its code when that code could not arrive.
async fn each_page_head_names_its_own_pieces_under_concurrent_renders(backend: Backend) {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let manifest =
        r#"{"groups": ["groups.aaa", "shared.111"], "users": ["users.bbb", "shared.111"]}"#;
    std::fs::write(pkg.join("__wasm_split_manifest.json"), manifest).unwrap();
    std::fs::write(pkg.join("hash.txt"), "split: 999\n").unwrap();
    let root = site.path().display().to_string();
    let app = owner_app(
        backend,
        &[("SITE_ROOT", root.as_str())],
        Arc::new(SystemClock),
    )
    .await;
    let pages = (0..40).map(|n| {
        let path = if n % 2 == 0 {
            "/settings/groups"
        } else {
            "/settings/users"
        };
        let app = &app;
        async move { (path, head_of(app, path).await) }
    });
    for (path, head) in futures::future::join_all(pages).await {
        let (own, other) = match path {
            "/settings/groups" => ("/pkg/groups.aaa.wasm", "/pkg/users.bbb.wasm"),
            _ => ("/pkg/users.bbb.wasm", "/pkg/groups.aaa.wasm"),
        };
        assert_eq!(head.matches(own).count(), 1, "{path}: {head}");
        assert_eq!(head.matches("/pkg/shared.111.wasm").count(), 1, "{path}");
        assert!(!head.contains(other), "{path} names another page's piece");
        assert_eq!(
            head.matches("/pkg/__wasm_split.999.js").count(),
            1,
            "{path}"
        );
    }
}

/// Pages rendered at the same moment for two people each show their own account, header and
/// page alike: nothing of one request's render reaches another's.
async fn concurrent_renders_show_each_person_their_own_account(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let grace =
        crate::people::support::member_browser(&app, "grace@example.com", "Developers").await;
    let pages = (0..40).map(|n| {
        let (app, grace) = (&app, &grace);
        async move {
            let (browser, email) = if n % 2 == 0 {
                (&app.client, OWNER_EMAIL)
            } else {
                (grace, "grace@example.com")
            };
            let html = crate::invitee::page(app, browser, "/settings/account").await;
            (email, html)
        }
    });
    for (email, html) in futures::future::join_all(pages).await {
        let other = if email == OWNER_EMAIL {
            "grace@example.com"
        } else {
            OWNER_EMAIL
        };
        assert!(
            html.contains(&format!("You sign in with <strong>{email}</strong>")),
            "{email}"
        );
        assert!(!html.contains(other), "{email}'s page shows {other}");
    }
}

on_both_databases!(
    a_hostile_name_stays_text_in_the_head_of_every_page_that_shows_it,
    each_page_head_names_its_own_pieces_under_concurrent_renders,
    concurrent_renders_show_each_person_their_own_account,
);
