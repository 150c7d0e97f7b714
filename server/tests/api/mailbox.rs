use crate::helpers::*;
use crate::members::group_id;

async fn invite_grace(app: &TestApp) {
    let developers = group_id(app, "Developers").await;
    let form = [
        ("people[0][first_name]", "Grace"),
        ("people[0][last_name]", "Hopper"),
        ("people[0][email]", "grace@example.com"),
        ("group_ids[0]", developers.as_str()),
    ];
    assert_eq!(app.call("invite_people", &form).await.status(), 200);
}

async fn without_smtp_the_owner_reads_invitations_in_the_development_mailbox(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    invite_grace(&app).await;
    let mut messages = serde_json::Value::Null;
    for _ in 0..100 {
        messages = app.call("dev_mailbox", &[]).await.json().await.unwrap();
        if messages.as_array().is_some_and(|list| !list.is_empty()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(messages[0]["recipient"], "grace@example.com");
    assert!(
        messages[0]["text_body"]
            .as_str()
            .unwrap()
            .contains("/join?token=")
    );
    let page = app.get("/settings/mailbox").await.text().await.unwrap();
    assert!(page.contains("Development mailbox") && page.contains("Development only"));
    assert!(
        page.contains("invited you to join Portico"),
        "the message is listed"
    );
    let enabled: bool = app
        .call("dev_mailbox_enabled", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(enabled);
}

/// The recipients of what `client` reads in the development mailbox.
async fn mailbox_recipients(app: &TestApp, client: &reqwest::Client) -> Vec<String> {
    let response = app.call_as(client, "dev_mailbox", &[]).await;
    assert_eq!(response.status(), 200);
    let messages: Vec<serde_json::Value> = response.json().await.unwrap();
    messages
        .iter()
        .map(|message| message["recipient"].as_str().unwrap().to_owned())
        .collect()
}

/// Any member may create a workspace and be its Owner; that must not open the mailbox of
/// every workspace to them (docs/security.md §8g).
async fn an_owner_reads_only_their_workspaces_mail_and_mail_to_themselves(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    invite_grace(&app).await;
    // A Developer here creates a workspace of their own, where they are the Owner.
    let dev = crate::people::support::member_browser(&app, "dev@example.com", "Developers").await;
    let created = app
        .call_as(&dev, "create_workspace", &[("workspace_name", "Dev's own")])
        .await;
    assert_eq!(created.headers()["location"], "/");
    // The first Owner, acting in a second workspace, invites the Developer there.
    let elsewhere = crate::people::support::owner_elsewhere(&app).await;
    crate::invitee::invite_with(
        &app,
        &elsewhere,
        ("Dev", "Eloper", "dev@example.com"),
        "Developers",
    )
    .await;
    crate::invitations::wait_until(|| async {
        let seen = mailbox_recipients(&app, &app.client).await;
        let seen_elsewhere = mailbox_recipients(&app, &elsewhere).await;
        seen.contains(&"grace@example.com".to_owned())
            && seen_elsewhere.contains(&"dev@example.com".to_owned())
    })
    .await;
    // Both emails are delivered; each Owner reads their own workspace's.
    assert_eq!(
        mailbox_recipients(&app, &app.client).await,
        ["grace@example.com"]
    );
    assert_eq!(
        mailbox_recipients(&app, &elsewhere).await,
        ["dev@example.com"]
    );
    assert_eq!(
        mailbox_recipients(&app, &dev).await,
        ["dev@example.com"],
        "the Developer's own workspace sent nothing: they read only the mail to themselves"
    );
}

async fn only_owners_see_the_development_mailbox(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    assert_eq!(app.call("dev_mailbox", &[]).await.status(), 401);
    crate::members::sign_in_as_new_member(&app, "admin@example.com", "Admins").await;
    assert_eq!(app.call("dev_mailbox", &[]).await.status(), 403);
    let enabled: bool = app
        .call("dev_mailbox_enabled", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(!enabled);
}

async fn with_smtp_configured_the_mailbox_is_disabled(backend: Backend) {
    let vars: Vec<(&str, &str)> = OWNER_BOOTSTRAP
        .iter()
        .copied()
        .chain([("SMTP_URL", "smtp://127.0.0.1:9")])
        .collect();
    let app = spawn_app_with(backend, &vars).await;
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(app.call("dev_mailbox", &[]).await.status(), 404);
    let enabled: bool = app
        .call("dev_mailbox_enabled", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(!enabled);
}

on_both_databases!(
    without_smtp_the_owner_reads_invitations_in_the_development_mailbox,
    only_owners_see_the_development_mailbox,
    an_owner_reads_only_their_workspaces_mail_and_mail_to_themselves,
    with_smtp_configured_the_mailbox_is_disabled,
);
