use crate::helpers::*;
use crate::members::{MEMBER_PASSWORD, add_member, group_id};
use crate::smtp::{MailDev, rejecting_smtp};
use reqwest::Response;

/// Calls `invite_people` as the signed-in client, one row per (first, last, email).
async fn invite(app: &TestApp, people: &[(&str, &str, &str)], groups: &[&str]) -> Response {
    let mut form: Vec<(String, String)> = Vec::new();
    for (i, (first, last, email)) in people.iter().enumerate() {
        form.push((format!("people[{i}][first_name]"), first.to_string()));
        form.push((format!("people[{i}][last_name]"), last.to_string()));
        form.push((format!("people[{i}][email]"), email.to_string()));
    }
    for (i, group) in groups.iter().enumerate() {
        form.push((format!("group_ids[{i}]"), group.to_string()));
    }
    app.client
        .post(app.url("/api/invite_people"))
        .form(&form)
        .send()
        .await
        .unwrap()
}

async fn owner_app(backend: Backend, extra: &[(&str, &str)]) -> TestApp {
    let vars: Vec<(&str, &str)> = OWNER_BOOTSTRAP.iter().chain(extra).copied().collect();
    let app = spawn_app_with(backend, &vars).await;
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    app
}

async fn inviting_several_people_records_each_with_a_hashed_token_outbox_and_audit_row(
    backend: Backend,
) {
    let app = owner_app(backend, &[]).await;
    let developers = group_id(&app, "Developers").await;
    let response = invite(
        &app,
        &[
            ("Grace", "Hopper", "Grace@Example.com"),
            ("Alan", "Turing", "alan@example.com"),
        ],
        &[&developers],
    )
    .await;
    assert_eq!(response.status(), 200);
    let created: serde_json::Value = response.json().await.unwrap();
    assert_eq!(created.as_array().unwrap().len(), 2);
    assert_eq!(created[0]["email"], "grace@example.com");
    let link = created[0]["link"].as_str().unwrap();
    assert!(
        link.starts_with(&format!("{BASE_URL}/join?token=")),
        "{link}"
    );
    let token = link.split("token=").nth(1).unwrap();
    let stored: Vec<String> = sqlx::query_scalar("select token_hash from invitation")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert_eq!(stored.len(), 2);
    assert!(
        stored.contains(&server::tokens::hash(token)),
        "the hash, not the token, is stored"
    );
    assert_no_row_contains(
        &app,
        "select payload from outbox",
        token,
        "the outbox holds the link sealed",
    )
    .await;
    assert_eq!(
        app.count("select count(*) from member where state = 'invited'")
            .await,
        2
    );
    assert_eq!(
        app.count("select count(*) from audit_event where action = 'invitation.created'")
            .await,
        2
    );
    assert_eq!(
        app.count("select count(*) from outbox where kind = 'invitation'")
            .await,
        2
    );
    let members: serde_json::Value = app.call("list_members", &[]).await.json().await.unwrap();
    let grace = members["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "grace@example.com")
        .unwrap();
    assert_eq!(grace["state"], "Invited");
    assert_eq!(grace["groups"], serde_json::json!(["Developers"]));
}

async fn addresses_already_in_the_workspace_are_refused_in_any_letter_case(backend: Backend) {
    let app = owner_app(backend, &[]).await;
    let developers = group_id(&app, "Developers").await;
    assert_eq!(
        invite(
            &app,
            &[("Grace", "Hopper", "grace@example.com")],
            &[&developers]
        )
        .await
        .status(),
        200
    );

    let again = invite(
        &app,
        &[("Grace", "Hopper", "GRACE@example.COM")],
        &[&developers],
    )
    .await;
    assert_eq!(again.status(), 422);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("already has a pending invitation")
    );
    let member = invite(
        &app,
        &[("The", "Owner", "Owner@Example.com")],
        &[&developers],
    )
    .await;
    assert_eq!(member.status(), 422);
    assert!(member.text().await.unwrap().contains("is already a member"));
    let twice = invite(
        &app,
        &[("A", "B", "x@example.com"), ("C", "D", "X@example.com")],
        &[&developers],
    )
    .await;
    assert!(
        twice
            .text()
            .await
            .unwrap()
            .contains("entered more than once")
    );
    assert_eq!(app.count("select count(*) from invitation").await, 1);
}

async fn a_batch_is_all_or_nothing(backend: Backend) {
    let app = owner_app(backend, &[]).await;
    let developers = group_id(&app, "Developers").await;
    let response = invite(
        &app,
        &[
            ("New", "Person", "new@example.com"),
            ("Bad", "", "bad@example.com"),
        ],
        &[&developers],
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("person-1-last_name")
    );
    for table in [
        "invitation",
        "outbox",
        "audit_event where action = 'invitation.created'",
    ] {
        assert_eq!(
            app.count(&format!("select count(*) from {table}")).await,
            0,
            "{table}"
        );
    }
    assert_eq!(app.count("select count(*) from member").await, 1);
}

async fn bad_group_choices_are_refused(backend: Backend) {
    let app = owner_app(backend, &[]).await;
    let none = invite(&app, &[("A", "B", "a@example.com")], &[]).await;
    assert_eq!(none.status(), 422);
    assert!(
        none.text()
            .await
            .unwrap()
            .contains("Select at least one group")
    );
    let foreign = invite(
        &app,
        &[("A", "B", "a@example.com")],
        &[&uuid::Uuid::new_v4().to_string()],
    )
    .await;
    assert_eq!(foreign.status(), 422);
    assert_eq!(
        invite(&app, &[("A", "B", "a@example.com")], &["not-an-id"])
            .await
            .status(),
        422
    );
    assert_eq!(app.count("select count(*) from invitation").await, 0);
}

async fn only_members_allowed_to_invite_may_and_only_up_to_their_own_rights(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    add_member(&app, "dev@example.com", MEMBER_PASSWORD, "Developers").await;
    add_member(&app, "admin@example.com", MEMBER_PASSWORD, "Admins").await;
    let (developers, owners) = (
        group_id(&app, "Developers").await,
        group_id(&app, "Owners").await,
    );

    assert_eq!(
        invite(&app, &[("A", "B", "a@example.com")], &[&developers])
            .await
            .status(),
        401,
        "anonymous"
    );
    app.sign_in("dev@example.com", MEMBER_PASSWORD).await;
    assert_eq!(
        invite(&app, &[("A", "B", "a@example.com")], &[&developers])
            .await
            .status(),
        403,
        "developer"
    );

    app.sign_in("admin@example.com", MEMBER_PASSWORD).await;
    let above = invite(&app, &[("A", "B", "a@example.com")], &[&owners]).await;
    assert_eq!(above.status(), 403);
    assert!(
        above
            .text()
            .await
            .unwrap()
            .contains("whose rights you hold yourself")
    );
    assert_eq!(app.count("select count(*) from invitation").await, 0);
    assert_eq!(
        invite(&app, &[("A", "B", "a@example.com")], &[&developers])
            .await
            .status(),
        200
    );
}

async fn the_worker_delivers_through_real_smtp_one_recipient_both_bodies_and_a_working_link(
    backend: Backend,
) {
    let maildev = MailDev::start().await;
    let app = owner_app(
        backend,
        &[
            ("SMTP_URL", &maildev.smtp_url()),
            ("MAIL_FROM", "Portico <portico@example.com>"),
        ],
    )
    .await;
    let developers = group_id(&app, "Developers").await;
    let created: serde_json::Value = invite(
        &app,
        &[("Grace", "Hopper", "grace@example.com")],
        &[&developers],
    )
    .await
    .json()
    .await
    .unwrap();
    let link = created[0]["link"].as_str().unwrap();

    let messages = maildev.wait_for(1).await;
    let message = &messages[0];
    assert_eq!(message["to"].as_array().unwrap().len(), 1);
    assert_eq!(message["to"][0]["address"], "grace@example.com");
    assert_eq!(message["from"][0]["address"], "portico@example.com");
    assert!(message["subject"].as_str().unwrap().contains("Portico"));
    let (html, text) = (
        message["html"].as_str().unwrap(),
        message["text"].as_str().unwrap(),
    );
    assert!(
        html.contains(&link.replace('&', "&amp;")) || html.contains(link),
        "{html}"
    );
    assert!(text.contains(link));
    assert!(text.contains("Developers (Developer)") && text.contains("expires on"));
    let token = link.split("token=").nth(1).unwrap();
    assert_eq!(
        app.count(&format!(
            "select count(*) from invitation where token_hash = '{}'",
            server::tokens::hash(token)
        ))
        .await,
        1
    );

    wait_until(|| async {
        app.count("select count(*) from outbox where state = 'sent'")
            .await
            == 1
    })
    .await;
    let payload: String = sqlx::query_scalar("select payload from outbox")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(!payload.contains("sealed_link"), "scrubbed once sent");
    assert_eq!(maildev.messages().await.len(), 1, "exactly one email");
}

async fn with_smtp_down_invitations_succeed_and_go_out_when_it_returns(backend: Backend) {
    let maildev = MailDev::start().await;
    let port = maildev.stop();
    let app = owner_app(
        backend,
        &[("SMTP_URL", &format!("smtp://127.0.0.1:{port}"))],
    )
    .await;
    let developers = group_id(&app, "Developers").await;
    let started = std::time::Instant::now();
    let response = invite(
        &app,
        &[("Grace", "Hopper", "grace@example.com")],
        &[&developers],
    )
    .await;
    assert_eq!(response.status(), 200);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "the request never waits for SMTP"
    );
    wait_until(|| async {
        app.count("select count(*) from outbox where last_error is not null")
            .await
            == 1
    })
    .await;
    assert_eq!(
        app.count("select count(*) from outbox where state = 'queued'")
            .await,
        1
    );

    let maildev = MailDev::start_on(port).await;
    // Make the retry due now rather than waiting out the backoff.
    sqlx::query("update outbox set next_attempt_at = created_at")
        .execute(app.db.pool())
        .await
        .unwrap();
    app.state.mailer.wakeup.notify_one();
    assert_eq!(maildev.wait_for(1).await.len(), 1);
    wait_until(|| async {
        app.count("select count(*) from outbox where state = 'sent' and attempts = 2")
            .await
            == 1
    })
    .await;
}

async fn a_permanent_smtp_refusal_ends_as_failed_with_the_reason(backend: Backend) {
    let smtp = rejecting_smtp().await;
    let app = owner_app(backend, &[("SMTP_URL", &smtp)]).await;
    let developers = group_id(&app, "Developers").await;
    assert_eq!(
        invite(
            &app,
            &[("Grace", "Hopper", "grace@example.com")],
            &[&developers]
        )
        .await
        .status(),
        200
    );
    wait_until(|| async {
        app.count("select count(*) from outbox where state = 'failed'")
            .await
            == 1
    })
    .await;
    let error: String = sqlx::query_scalar("select last_error from outbox")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(
        error.contains("550") || error.contains("mailbox unavailable"),
        "{error}"
    );
    assert_eq!(
        app.count("select count(*) from outbox where attempts = 1")
            .await,
        1,
        "no retry after a 5xx"
    );
}

async fn without_smtp_mail_lands_in_the_development_mailbox(backend: Backend) {
    let app = owner_app(backend, &[]).await;
    let developers = group_id(&app, "Developers").await;
    let created: serde_json::Value = invite(
        &app,
        &[("Grace", "Hopper", "grace@example.com")],
        &[&developers],
    )
    .await
    .json()
    .await
    .unwrap();
    wait_until(|| async { app.count("select count(*) from dev_mailbox").await == 1 }).await;
    let text: String = sqlx::query_scalar("select text_body from dev_mailbox")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(text.contains(created[0]["link"].as_str().unwrap()));
}

pub async fn wait_until<F, Fut>(condition: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..150 {
        if condition().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("condition not met within 15 s");
}

on_both_databases!(
    inviting_several_people_records_each_with_a_hashed_token_outbox_and_audit_row,
    addresses_already_in_the_workspace_are_refused_in_any_letter_case,
    a_batch_is_all_or_nothing,
    bad_group_choices_are_refused,
    only_members_allowed_to_invite_may_and_only_up_to_their_own_rights,
    the_worker_delivers_through_real_smtp_one_recipient_both_bodies_and_a_working_link,
    with_smtp_down_invitations_succeed_and_go_out_when_it_returns,
    a_permanent_smtp_refusal_ends_as_failed_with_the_reason,
    without_smtp_mail_lands_in_the_development_mailbox,
);
