//! Every management server function refuses, on the server, a caller without the right (401 or
//! 403) and a person of another workspace (404), and changes nothing (docs/security.md §12, §14).

use crate::helpers::*;
use crate::invitee::*;
use crate::members::group_id;
use crate::people::support::{member_browser, member_id, owner_elsewhere};
use reqwest::Client;
use reqwest::header::HeaderMap;
use server::clock::SystemClock;
use std::sync::Arc;

/// Each function with a form that would succeed for the Owner, on the invited Grace.
fn calls<'a>(grace: &'a str, group: &'a str) -> Vec<(&'static str, Vec<(&'static str, &'a str)>)> {
    vec![
        ("get_member_details", vec![("member_id", grace)]),
        ("selected_people", vec![("member_ids[0]", grace)]),
        (
            "act_on_invitation",
            vec![("member_id", grace), ("action", "resend")],
        ),
        (
            "act_on_invitation",
            vec![("member_id", grace), ("action", "copy_link")],
        ),
        (
            "act_on_invitation",
            vec![("member_id", grace), ("action", "revoke")],
        ),
        (
            "act_on_invitations",
            vec![("member_ids[0]", grace), ("action", "revoke")],
        ),
        (
            "act_on_member",
            vec![("member_id", grace), ("action", "remove")],
        ),
        (
            "edit_member",
            vec![
                ("member_id", grace),
                ("edit[first_name]", "Eve"),
                ("edit[last_name]", "Evil"),
                ("edit[email]", "eve@example.com"),
            ],
        ),
        (
            "change_groups",
            vec![("member_id", grace), ("group_ids[0]", group)],
        ),
    ]
}

/// The calls that only read: a refused read is not audited.
const READS: [&str; 2] = ["get_member_details", "selected_people"];

/// What any of the calls could change.
async fn fingerprint(app: &TestApp) -> (i64, String, String) {
    // Refusals are recorded (below); nothing else may be.
    let events = app
        .count("select count(*) from audit_event where action <> 'access.denied'")
        .await;
    let invitation: (String, Option<String>) = sqlx::query_as(
        "select token_hash, revoked_at from invitation where email = 'grace@example.com'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    let member: (String, String) = sqlx::query_as(
        "select m.first_name || m.email, g.name from member m
           join group_member gm on gm.member_id = m.member_id
           join user_group g on g.group_id = gm.group_id
          where m.email = 'grace@example.com'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    (events, format!("{invitation:?}"), format!("{member:?}"))
}

async fn assert_all_refused(app: &TestApp, client: &Client, status: u16, who: &str) {
    let grace = member_id(app, "grace@example.com").await;
    let owners = group_id(app, "Owners").await;
    let before = fingerprint(app).await;
    for (function, form) in calls(&grace, &owners) {
        let response = app
            .call_with(client, function, &form, HeaderMap::new())
            .await;
        assert_eq!(response.status(), status, "{function} as {who}");
    }
    assert_eq!(fingerprint(app).await, before, "{who} changed nothing");
}

async fn every_management_function_refuses_those_without_the_right(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    invite(&app, "Grace", "Hopper", "grace@example.com").await;

    assert_all_refused(&app, &browser_client(), 401, "anonymous").await;
    let guest = member_browser(&app, "gus@example.com", "Guests").await;
    let refusals = audit_count(&app, "access.denied").await;
    assert_all_refused(&app, &guest, 403, "a Guest").await;
    assert_eq!(
        audit_count(&app, "access.denied").await - refusals,
        calls("", "")
            .iter()
            .filter(|(function, _)| !READS.contains(function))
            .count() as i64,
        "each of the Guest's refused changes is in the audit log (reads are not)"
    );

    // The Owner of another workspace: an admin there, nobody here.
    let elsewhere = owner_elsewhere(&app).await;
    assert_all_refused(&app, &elsewhere, 404, "another workspace's admin").await;

    // The same calls succeed for the Owner here, so the refusals above were about the caller.
    let grace = member_id(&app, "grace@example.com").await;
    let details = app
        .call("get_member_details", &[("member_id", &grace)])
        .await;
    assert_eq!(details.status(), 200);
    let selected = app
        .call("selected_people", &[("member_ids[0]", &grace)])
        .await;
    assert_eq!(selected.status(), 200);
    assert_eq!(
        selected.json::<serde_json::Value>().await.unwrap()[0]["email"],
        "grace@example.com"
    );
}

on_both_databases!(every_management_function_refuses_those_without_the_right);
