//! Settings > Groups: creating, renaming, changing roles and deleting, with the rules that keep
//! rights where they belong, on both databases.

use crate::helpers::*;
use crate::invitee::*;
use crate::members::group_id;
use crate::people::support::{
    ada_invites_grace, list_status, member_browser, member_id, owner_elsewhere,
};
use reqwest::Client;
use server::clock::SystemClock;
use std::sync::Arc;

pub async fn save(
    app: &TestApp,
    client: &Client,
    group_id: &str,
    name: &str,
    roles: &[&str],
) -> reqwest::Response {
    let names: Vec<String> = (0..roles.len()).map(|i| format!("roles[{i}]")).collect();
    let mut form: Vec<(&str, &str)> = vec![("group_id", group_id), ("name", name)];
    form.extend(names.iter().map(String::as_str).zip(roles.iter().copied()));
    app.call_as(client, "save_group", &form).await
}

pub async fn delete(app: &TestApp, client: &Client, group_id: &str) -> reqwest::Response {
    app.call_as(client, "delete_group", &[("group_id", group_id)])
        .await
}

async fn groups(app: &TestApp, q: &str) -> Vec<serde_json::Value> {
    let response = app.call("workspace_groups", &[("q", q)]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn groups_are_created_renamed_given_roles_and_deleted(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let created = save(
        &app,
        &app.client,
        "",
        "Platform team",
        &["developer", "security_engineer"],
    )
    .await;
    assert_eq!(created.status(), 200);
    assert_eq!(created.headers()["location"], "/settings/groups");
    let found = groups(&app, "platform").await;
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0]["roles"],
        serde_json::json!(["SecurityEngineer", "Developer"])
    );
    assert_eq!(found[0]["members"], 0);
    assert_eq!(
        groups(&app, "security engineer").await.len(),
        2,
        "searched by role too"
    );

    let id = found[0]["group_id"].as_str().unwrap().to_owned();
    let taken = save(&app, &app.client, &id, "Developers", &["developer"]).await;
    assert_eq!(taken.status(), 422);
    assert!(
        taken
            .text()
            .await
            .unwrap()
            .contains("A group with this name already exists")
    );
    let blank = save(&app, &app.client, &id, "  ", &["nonsense"]).await;
    assert_eq!(blank.status(), 422);
    let body = blank.text().await.unwrap();
    assert!(body.contains("Enter a group name") && body.contains("Select roles from the list"));

    assert_eq!(
        save(&app, &app.client, &id, "Platform", &["developer"])
            .await
            .status(),
        200
    );
    let renamed = groups(&app, "platform").await;
    assert_eq!(renamed[0]["name"], "Platform");
    assert_eq!(renamed[0]["roles"], serde_json::json!(["Developer"]));
    assert_eq!(delete(&app, &app.client, &id).await.status(), 200);
    assert!(groups(&app, "platform").await.is_empty());
    let twice = save(&app, &app.client, "", "Twice", &["developer", "developer"]).await;
    assert_eq!(twice.status(), 200, "a role ticked twice is granted once");
    assert_eq!(
        groups(&app, "twice").await[0]["roles"],
        serde_json::json!(["Developer"])
    );
    assert_eq!(audit_count(&app, "group.created").await, 2);
    for action in ["group.renamed", "group.roles_changed", "group.deleted"] {
        assert_eq!(audit_count(&app, action).await, 1, "{action}");
    }
}

async fn a_group_is_not_deleted_while_someone_would_have_none_or_no_owner_would_remain(
    backend: Backend,
) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let developers = group_id(&app, "Developers").await;
    let refused = delete(&app, &app.client, &developers).await;
    assert_eq!(refused.status(), 409);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Grace Hopper would be left without a group")
    );

    let owners = group_id(&app, "Owners").await;
    let guests = group_id(&app, "Guests").await;
    let owner = member_id(&app, OWNER_EMAIL).await;
    let both = [
        ("member_id", owner.as_str()),
        ("group_ids[0]", owners.as_str()),
        ("group_ids[1]", guests.as_str()),
    ];
    assert_eq!(app.call("change_groups", &both).await.status(), 200);
    let refused = delete(&app, &app.client, &owners).await;
    assert_eq!(refused.status(), 409);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("without an active Owner")
    );
    let refused = save(&app, &app.client, &owners, "Owners", &["admin"]).await;
    assert_eq!(
        refused.status(),
        409,
        "nor may the Owners group stop being Owner"
    );
    assert_eq!(audit_count(&app, "group.deleted").await, 0);
}

async fn taking_a_role_from_a_group_demotes_its_members_at_once(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (ada, sent) = ada_invites_grace(&app).await;
    let admins = group_id(&app, "Admins").await;
    assert_eq!(
        save(&app, &app.client, &admins, "Admins", &["developer"])
            .await
            .status(),
        200
    );
    assert_eq!(list_status(&app, &ada).await, 401, "her session ended");
    assert_eq!(
        invitation_ends(&app, "grace@example.com").await,
        (false, false, true),
        "what she can no longer send is revoked"
    );
    assert_eq!(accept_link(&app, &sent, "Grace").await, 409);
    assert_eq!(audit_count(&app, "invitation.revoked").await, 1);
}

async fn only_those_who_hold_a_groups_rights_manage_it(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let owners = group_id(&app, "Owners").await;
    let ada = member_browser(&app, "ada@example.com", "Admins").await;
    assert_eq!(
        save(&app, &ada, "", "Root", &["owner"]).await.status(),
        403,
        "an Admin cannot create Owners"
    );
    assert_eq!(
        save(&app, &ada, &owners, "Owners", &["owner", "admin"])
            .await
            .status(),
        403
    );
    let refused = delete(&app, &ada, &owners).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(
        save(&app, &ada, "", "Helpers", &["developer"])
            .await
            .status(),
        200,
        "but may create what she holds"
    );
    assert_eq!(audit_count(&app, "access.denied").await, 3);

    let developer = member_browser(&app, "dev@example.com", "Developers").await;
    assert_eq!(save(&app, &developer, "", "Mine", &[]).await.status(), 403);
    assert_eq!(
        save(&app, &browser_client(), "", "Mine", &[])
            .await
            .status(),
        401
    );

    let elsewhere = owner_elsewhere(&app).await;
    assert_eq!(
        save(&app, &elsewhere, &owners, "Mine now", &["owner"])
            .await
            .status(),
        404
    );
    let refused = delete(&app, &elsewhere, &owners).await;
    assert_eq!(
        refused.status(),
        404,
        "another workspace's group is not found"
    );
    assert_eq!(
        app.count("select count(*) from user_group where name = 'Owners'")
            .await,
        2
    );
}

on_both_databases!(
    groups_are_created_renamed_given_roles_and_deleted,
    a_group_is_not_deleted_while_someone_would_have_none_or_no_owner_would_remain,
    taking_a_role_from_a_group_demotes_its_members_at_once,
    only_those_who_hold_a_groups_rights_manage_it,
);
