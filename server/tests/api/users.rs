use crate::helpers::*;

async fn an_anonymous_caller_is_refused_by_the_server_function(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    let response = app.call("list_members", &[]).await;
    assert_eq!(response.status(), 401);
    assert!(!response.text().await.unwrap().contains(OWNER_EMAIL));
}

async fn the_users_page_lists_the_owner(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    let page = app.get("/settings/users").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("<h1>Users</h1>"), "{html}");
    assert!(
        html.contains(OWNER_EMAIL) && html.contains("Workspace Owner") && html.contains("Owners")
    );
}

async fn anonymous_visitors_are_sent_to_sign_in_and_signed_in_ones_past_it(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    assert_eq!(app.get("/").await.headers()["location"], "/sign-in");
    assert_eq!(
        app.get("/settings/users").await.headers()["location"],
        "/sign-in"
    );
    assert_eq!(app.get("/sign-in").await.status(), 200);
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(app.get("/").await.headers()["location"], "/settings/users");
    assert_eq!(
        app.get("/sign-in").await.headers()["location"],
        "/settings/users"
    );
}

async fn a_removed_member_loses_their_session_at_once(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(app.call("list_members", &[]).await.status(), 200);
    sqlx::query("update member set state = 'deactivated'")
        .execute(app.db.pool())
        .await
        .unwrap();
    assert_eq!(app.call("list_members", &[]).await.status(), 401);
    assert_eq!(
        app.count("select count(*) from session where account_id is not null")
            .await,
        0
    );
}

async fn unknown_pages_answer_404(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/no-such-page").await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("Page not found"));
}

async fn member_details_show_one_person_of_the_workspace_and_nothing_else(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    let members: serde_json::Value = app.call("list_members", &[]).await.json().await.unwrap();
    let owner_id = members["rows"][0]["member_id"].as_str().unwrap().to_owned();
    let details = app
        .call("get_member_details", &[("member_id", owner_id.as_str())])
        .await;
    assert_eq!(details.status(), 200);
    let details: serde_json::Value = details.json().await.unwrap();
    assert_eq!(details["summary"]["email"], OWNER_EMAIL);
    let page = app
        .get(&format!("/settings/users/{owner_id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(">Workspace Owner</h1>") && page.contains("Owners"));

    let unknown = uuid::Uuid::new_v4().to_string();
    assert_eq!(
        app.call("get_member_details", &[("member_id", unknown.as_str())])
            .await
            .status(),
        404
    );
    assert_eq!(
        app.call("get_member_details", &[("member_id", "not-an-id")])
            .await
            .status(),
        404
    );
    let page = app
        .get(&format!("/settings/users/{unknown}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("User not found"));
    let anonymous = browser_client();
    let response = anonymous
        .post(app.url("/api/get_member_details"))
        .form(&[("member_id", owner_id.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
}

async fn only_inviters_see_add_and_others_see_why(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    crate::members::sign_in_as_new_member(&app, "dev@example.com", "Developers").await;
    let page = app.get("/settings/users").await.text().await.unwrap();
    assert!(!page.contains(r#"href="/settings/users/add""#));
    assert!(page.contains("Only Owners and Admins can add people"));
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    let page = app.get("/settings/users").await.text().await.unwrap();
    assert!(page.contains(r#"href="/settings/users/add""#));
}

on_both_databases!(
    only_inviters_see_add_and_others_see_why,
    an_anonymous_caller_is_refused_by_the_server_function,
    the_users_page_lists_the_owner,
    anonymous_visitors_are_sent_to_sign_in_and_signed_in_ones_past_it,
    a_removed_member_loses_their_session_at_once,
    unknown_pages_answer_404,
    member_details_show_one_person_of_the_workspace_and_nothing_else,
);
