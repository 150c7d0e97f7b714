//! Editing a person, their details page, the forms without JavaScript, and malformed requests.

use super::support::*;
use crate::helpers::*;
use crate::invitee::*;
use server::clock::SystemClock;
use std::sync::Arc;

async fn editing_the_address_of_an_ended_invitation_does_not_reopen_it(backend: Backend) {
    let app = owner_app(backend, &SMTP_DOWN, Arc::new(SystemClock)).await;
    invite(&app, "Bob", "Typo", "bob@exmaple.com").await;
    assert_eq!(
        act(&app, &app.client, "bob@exmaple.com", "revoke")
            .await
            .status(),
        200
    );
    let id = member_id(&app, "bob@exmaple.com").await;
    let form = [
        ("member_id", id.as_str()),
        ("edit[first_name]", "Bob"),
        ("edit[last_name]", "Typo"),
        ("edit[email]", "bob@example.com"),
    ];
    assert_eq!(app.call("edit_member", &form).await.status(), 200);
    assert_eq!(
        invitation_ends(&app, "bob@example.com").await,
        (false, false, true)
    );
    assert_eq!(
        queued_emails(&app, "bob@example.com").await,
        0,
        "nothing is sent"
    );
    let details = member_details(&app, &app.client, &id).await;
    assert_eq!(details["summary"]["state"], "Revoked");
}

async fn editing_checks_every_field_and_a_new_address_gets_a_new_link(backend: Backend) {
    let app = owner_app(backend, &SMTP_DOWN, Arc::new(SystemClock)).await;
    let token = invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let id = member_id(&app, "grace@example.com").await;
    let edit =
        |first: &'static str, email: &'static str, country: &'static str, phone: &'static str| {
            [
                ("member_id", id.as_str()),
                ("edit[first_name]", first),
                ("edit[last_name]", "Hopper"),
                ("edit[email]", email),
                ("edit[country]", country),
                ("edit[phone]", phone),
            ]
        };
    let form = edit(" ", "not an address", "GB", "123");
    let refused = app.call("edit_member", &form).await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    for field in ["first_name", "email", "phone"] {
        assert!(
            body.contains(&format!("\"field\":\"{field}\"")),
            "{field}: {body}"
        );
    }
    assert_eq!(
        audit_count(&app, "member.edited").await,
        0,
        "nothing changed"
    );

    let form = edit("Amazing Grace", "grace@navy.example", "GB", "020 7946 0958");
    let saved = app.call("edit_member", &form).await;
    assert_eq!(saved.status(), 200);
    assert_eq!(saved.headers()["location"], format!("/settings/users/{id}"));
    let row: (String, String, Option<String>) =
        sqlx::query_as("select first_name, email, phone from member where member_id = $1")
            .bind(&id)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        row,
        (
            "Amazing Grace".into(),
            "grace@navy.example".into(),
            Some("+442079460958".into())
        )
    );
    assert!(
        !link_works(&app, &token).await,
        "the old address's link died"
    );
    assert_eq!(queued_emails(&app, "grace@navy.example").await, 1);
    assert_eq!(queued_emails(&app, "grace@example.com").await, 0);

    let taken = edit("Grace", OWNER_EMAIL, "", "");
    assert_eq!(app.call("edit_member", &taken).await.status(), 422);

    // Once someone has joined, a posted address is ignored.
    member_browser(&app, "ada@example.com", "Developers").await;
    let ada_id = member_id(&app, "ada@example.com").await;
    let form = [
        ("member_id", ada_id.as_str()),
        ("edit[first_name]", "Ada"),
        ("edit[last_name]", "Lovelace"),
        ("edit[email]", "other@example.com"),
    ];
    assert_eq!(app.call("edit_member", &form).await.status(), 200);
    assert_eq!(
        app.count(
            "select count(*) from member where email = 'ada@example.com' and last_name = 'Lovelace'"
        )
        .await,
        1
    );
}

async fn details_show_history_and_the_audit_only_to_those_who_may_read_it(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    invite(&app, "Grace", "Hopper", "grace@example.com").await;
    assert_eq!(
        act(&app, &app.client, "grace@example.com", "resend")
            .await
            .status(),
        200
    );
    let id = member_id(&app, "grace@example.com").await;
    let details = member_details(&app, &app.client, &id).await;
    let history: Vec<&str> = details["invitation_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["what"].as_str().unwrap())
        .collect();
    assert!(
        history.contains(&"Invited by Workspace Owner"),
        "{history:?}"
    );
    assert!(
        history.contains(&"Invitation resent by Workspace Owner"),
        "{history:?}"
    );
    assert!(
        history.iter().any(|e| e.starts_with("Invitation email")),
        "{history:?}"
    );
    assert!(details["activity"].is_array());
    assert_eq!(details["summary"]["invited_by"], "Workspace Owner");

    let dev = member_browser(&app, "dev@example.com", "Developers").await;
    let seen = member_details(&app, &dev, &id).await;
    assert!(
        seen["activity"].is_null(),
        "a Developer does not read the audit log"
    );
    let page = page(&app, &app.client, &format!("/settings/users/{id}")).await;
    assert!(
        page.contains("Invitation resent by Workspace Owner") && page.contains("Resend invitation")
    );
}

async fn without_javascript_actions_land_on_a_page_that_says_what_happened(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let id = member_id(&app, "grace@example.com").await;
    let resent = app
        .submit_form(
            "act_on_invitation",
            "/settings/users",
            &[("member_id", &id), ("action", "resend")],
        )
        .await;
    assert_eq!(resent.status(), 302);
    assert!(
        page(&app, &app.client, "/settings/users")
            .await
            .contains("Invitation resent to Grace Hopper.")
    );
    assert!(
        !page(&app, &app.client, "/settings/users")
            .await
            .contains("Invitation resent to"),
        "once"
    );
    let confirm = format!("/settings/users/{id}/confirm/remove");
    assert!(
        page(&app, &app.client, &confirm)
            .await
            .contains("Remove Grace Hopper from the workspace?")
    );
    let removed = app
        .submit_form(
            "act_on_member",
            &confirm,
            &[("member_id", &id), ("action", "remove")],
        )
        .await;
    assert_eq!(removed.status(), 302);
    assert_eq!(removed.headers()["location"], "/settings/users");
    assert!(
        page(&app, &app.client, "/settings/users")
            .await
            .contains("Grace Hopper was removed from the workspace.")
    );
}

async fn malformed_requests_get_a_clear_refusal_and_change_nothing(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let grace = member_id(&app, "grace@example.com").await;
    let events = app.count("select count(*) from audit_event").await;
    let unknown = act_on(&app, &app.client, &grace, "act_on_invitation", "explode").await;
    assert_eq!(unknown.status(), 400);
    assert!(unknown.text().await.unwrap().contains("Unknown action"));
    let unknown = act_on(&app, &app.client, &grace, "act_on_member", "resend").await;
    assert_eq!(unknown.status(), 400);
    let malformed = act_on(
        &app,
        &app.client,
        "not-an-id",
        "act_on_invitation",
        "resend",
    )
    .await;
    assert_eq!(malformed.status(), 404);
    let none = app
        .call("act_on_invitations", &[("action", "resend")])
        .await;
    assert_eq!(none.status(), 400);
    assert!(
        none.text()
            .await
            .unwrap()
            .contains("Select at least one invitation")
    );
    let names: Vec<String> = (0..51).map(|i| format!("member_ids[{i}]")).collect();
    let mut many: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), grace.as_str())).collect();
    many.push(("action", "resend"));
    let too_many = app.call("act_on_invitations", &many).await;
    assert_eq!(too_many.status(), 400);
    let missing = app
        .call("edit_member", &[("member_id", grace.as_str())])
        .await;
    assert_eq!(missing.status(), 400, "the form's fields are missing");
    let bad_group = [
        ("member_id", grace.as_str()),
        ("group_ids[0]", "not-a-group"),
    ];
    assert_eq!(app.call("change_groups", &bad_group).await.status(), 422);
    assert_eq!(
        app.count("select count(*) from audit_event").await,
        events,
        "nothing was written"
    );
}

on_both_databases!(
    editing_the_address_of_an_ended_invitation_does_not_reopen_it,
    editing_checks_every_field_and_a_new_address_gets_a_new_link,
    details_show_history_and_the_audit_only_to_those_who_may_read_it,
    without_javascript_actions_land_on_a_page_that_says_what_happened,
    malformed_requests_get_a_clear_refusal_and_change_nothing,
);
