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
    with_smtp_configured_the_mailbox_is_disabled,
);
