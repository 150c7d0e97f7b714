//! The Users page's server-side search, filters, sort order and pages.

use crate::helpers::*;
use crate::invitee::*;
use crate::members::group_id;
use reqwest::header::HeaderMap;
use server::clock::SystemClock;
use server::store::{new_id, timestamp};
use std::sync::Arc;

/// `count` members made in the database: "Person 000 Family0" ... with p000@example.com,
/// active when even (in Developers) and invited when odd (in Guests, with an invitation that
/// expired for Person 001 and is open for the others), one second apart.
async fn seed(app: &TestApp, count: usize) {
    let (workspace, owner): (String, String) =
        sqlx::query_as("select workspace_id, account_id from member where account_id is not null")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    let (developers, guests) = (
        group_id(app, "Developers").await,
        group_id(app, "Guests").await,
    );
    let start = chrono::Utc::now();
    for i in 0..count {
        let member_id = new_id();
        let at = timestamp(start + chrono::Duration::seconds(i as i64));
        let state = if i % 2 == 0 { "active" } else { "invited" };
        sqlx::query(
            "insert into member (member_id, workspace_id, email, first_name, last_name, state, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(&member_id)
        .bind(&workspace)
        .bind(format!("p{i:03}@example.com"))
        .bind(format!("Person {i:03}"))
        .bind(format!("Family{}", i % 7))
        .bind(state)
        .bind(&at)
        .execute(app.db.pool())
        .await
        .unwrap();
        if state == "invited" {
            let expires = start + chrono::Duration::days(if i == 1 { -1 } else { 7 });
            sqlx::query(
                "insert into invitation (invitation_id, workspace_id, member_id, email, invited_by,
                                         token_hash, created_at, expires_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(new_id())
            .bind(&workspace)
            .bind(&member_id)
            .bind(format!("p{i:03}@example.com"))
            .bind(&owner)
            .bind(new_id())
            .bind(&at)
            .bind(timestamp(expires))
            .execute(app.db.pool())
            .await
            .unwrap();
        }
        let group = if i % 2 == 0 { &developers } else { &guests };
        sqlx::query("insert into group_member (group_id, member_id) values ($1, $2)")
            .bind(group)
            .bind(&member_id)
            .execute(app.db.pool())
            .await
            .unwrap();
    }
}

pub async fn search(app: &TestApp, params: &[(&str, &str)]) -> serde_json::Value {
    let form: Vec<(String, &str)> = params
        .iter()
        .map(|(name, value)| (format!("query[{name}]"), *value))
        .collect();
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    let response = app.call("list_members", &form).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

pub fn emails(page: &serde_json::Value) -> Vec<String> {
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["email"].as_str().unwrap().to_owned())
        .collect()
}

async fn search_finds_part_of_a_name_or_an_email_whatever_the_case(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    seed(&app, 30).await;
    let family = search(&app, &[("q", "FAMILY3")]).await;
    assert_eq!(family["total"], 4, "3, 10, 17, 24");
    assert!(emails(&family).iter().all(|email| {
        ["p003", "p010", "p017", "p024"]
            .iter()
            .any(|p| email.starts_with(p))
    }));
    assert_eq!(
        emails(&search(&app, &[("q", "p007@")]).await),
        ["p007@example.com"]
    );
    assert_eq!(search(&app, &[("q", "person 01")]).await["total"], 10);
    for literal in ["%", "_", "\\"] {
        assert_eq!(
            search(&app, &[("q", literal)]).await["total"],
            0,
            "{literal} is taken literally"
        );
    }
    assert_eq!(search(&app, &[]).await["total"], 31, "the Owner and the 30");
}

/// The search index (FTS5 on SQLite, trigram GIN on PostgreSQL) follows every change to a
/// member, and whatever is typed is searched for as text, never as index syntax.
async fn search_follows_renames_and_removals_and_takes_every_term_literally(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    seed(&app, 10).await;
    let sql = |statement: &'static str| async {
        sqlx::query(statement).execute(app.db.pool()).await.unwrap();
    };
    sql("update member set last_name = 'Renamed \"OR\" 50%' where email = 'p004@example.com'")
        .await;
    assert_eq!(
        emails(&search(&app, &[("q", "family4")]).await),
        Vec::<String>::new()
    );
    for term in ["renamed", "\"or\"", "50%", "d \"or", "ED \"O"] {
        assert_eq!(
            emails(&search(&app, &[("q", term)]).await),
            ["p004@example.com"],
            "{term}"
        );
    }
    for term in [
        "or*",
        "NEAR(person family)",
        "person AND family",
        "^person",
        "\"\"\"",
        "5%0",
    ] {
        assert_eq!(search(&app, &[("q", term)]).await["total"], 0, "{term}");
    }
    sql("delete from group_member where member_id in (select member_id from member where email = 'p006@example.com')").await;
    sql("delete from member where email = 'p006@example.com'").await;
    assert_eq!(search(&app, &[("q", "p006")]).await["total"], 0);
    assert_eq!(
        search(&app, &[("q", "p00")]).await["total"],
        9,
        "three characters"
    );
    assert_eq!(
        search(&app, &[("q", "p0")]).await["total"],
        9,
        "two characters"
    );
}

async fn pages_of_fifty_in_order_and_out_of_range_pages_are_clamped(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    seed(&app, 120).await;
    let mut seen = Vec::new();
    for page in ["1", "2", "3"] {
        let result = search(&app, &[("sort", "email"), ("page", page)]).await;
        assert_eq!(result["pages"], 3);
        seen.extend(emails(&result));
    }
    assert_eq!(seen.len(), 121);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(seen, sorted, "every person once, in email order");
    assert_eq!(search(&app, &[("page", "99")]).await["page"], 3);
    assert_eq!(search(&app, &[("page", "0")]).await["page"], 1);
    let newest = search(&app, &[("sort", "newest")]).await;
    assert_eq!(emails(&newest)[0], "p119@example.com");
}

async fn filters_by_state_and_group(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    seed(&app, 20).await;
    let (_, browser) = grace_opens_her_invitation(&app).await;
    app.call_with(&browser, "join/decline_invitation", &[], HeaderMap::new())
        .await;

    assert_eq!(
        search(&app, &[("state", "active")]).await["total"],
        11,
        "the Owner and 10"
    );
    assert_eq!(search(&app, &[("state", "invited")]).await["total"], 9);
    assert_eq!(
        emails(&search(&app, &[("state", "expired")]).await),
        ["p001@example.com"]
    );
    assert_eq!(
        emails(&search(&app, &[("state", "declined")]).await),
        ["grace@example.com"]
    );
    let guests = group_id(&app, "Guests").await;
    assert_eq!(
        search(&app, &[("group", guests.as_str())]).await["total"],
        10
    );
    let both = search(&app, &[("group", guests.as_str()), ("state", "active")]).await;
    assert_eq!(both["total"], 0);
    assert_eq!(
        search(&app, &[("state", "nonsense")]).await["total"],
        22,
        "an unknown state filters nothing"
    );
}

async fn only_the_actors_workspace_is_searched_and_only_by_those_who_may(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    seed(&app, 4).await;
    let created = app
        .call("create_workspace", &[("workspace_name", "Elsewhere")])
        .await;
    assert_eq!(created.headers()["location"], "/");
    let elsewhere = search(&app, &[]).await;
    assert_eq!(
        emails(&elsewhere),
        [OWNER_EMAIL],
        "the other workspace's people stay there"
    );
    let person = ("Gus", "Guest", "gus@example.com");
    let token = invite_with(&app, &app.client, person, "Guests").await;
    let gus = open_link(&app, &token).await;
    assert_eq!(
        accept(&app, &gus, "Gus", INVITEE_PASSWORD).await.status(),
        200
    );
    let refused = app
        .call_with(&gus, "list_members", &[], HeaderMap::new())
        .await;
    assert_eq!(refused.status(), 403);
}

on_both_databases!(
    search_finds_part_of_a_name_or_an_email_whatever_the_case,
    search_follows_renames_and_removals_and_takes_every_term_literally,
    pages_of_fifty_in_order_and_out_of_range_pages_are_clamped,
    filters_by_state_and_group,
    only_the_actors_workspace_is_searched_and_only_by_those_who_may,
);
