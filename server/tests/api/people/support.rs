//! What the tests of admins' actions on people share: posting an action, browsers signed in as
//! other members, a person's details and links.

use crate::helpers::*;
use crate::invitee::*;
use crate::members::{MEMBER_PASSWORD, add_member};
use reqwest::{Client, Response};

pub async fn member_id(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar("select member_id from member where email = $1")
        .bind(email)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// Posts an invitation action as `client`, as the hydrated page does.
pub async fn act(app: &TestApp, client: &Client, email: &str, action: &str) -> Response {
    let id = member_id(app, email).await;
    act_on(app, client, &id, "act_on_invitation", action).await
}

pub async fn act_on(
    app: &TestApp,
    client: &Client,
    id: &str,
    function: &str,
    action: &str,
) -> Response {
    let form = [("member_id", id), ("action", action)];
    app.call_as(client, function, &form).await
}

/// A browser of its own, signed in as a new active member of `group`.
pub async fn member_browser(app: &TestApp, email: &str, group: &str) -> Client {
    add_member(app, email, MEMBER_PASSWORD, group).await;
    let browser = browser_client();
    let response = app.sign_in_with(&browser, email, MEMBER_PASSWORD).await;
    assert_eq!(response.status(), 200);
    browser
}

/// Ada, an Admin with a browser of her own, invites Grace into Developers: (Ada's browser,
/// Grace's token).
pub async fn ada_invites_grace(app: &TestApp) -> (Client, String) {
    let ada = member_browser(app, "ada@example.com", "Admins").await;
    let token = invite_with(
        app,
        &ada,
        ("Grace", "Hopper", "grace@example.com"),
        "Developers",
    )
    .await;
    (ada, token)
}

/// A browser of its own, signed in as the Owner and acting in a second workspace they
/// created: an admin of another workspace.
pub async fn owner_elsewhere(app: &TestApp) -> Client {
    let browser = browser_client();
    let signed_in = app
        .sign_in_with(&browser, OWNER_EMAIL, OWNER_PASSWORD)
        .await;
    assert_eq!(signed_in.status(), 200);
    let name = [("workspace_name", "Elsewhere")];
    let created = app.call_as(&browser, "create_workspace", &name).await;
    assert_eq!(created.headers()["location"], "/");
    browser
}

/// How the Users page's list answers `client`: 200 while their session holds, 401 once it ended.
pub async fn list_status(app: &TestApp, client: &Client) -> reqwest::StatusCode {
    app.call_as(client, "list_members", &[]).await.status()
}

/// The details of a person, as `client` may see them.
pub async fn member_details(app: &TestApp, client: &Client, member_id: &str) -> serde_json::Value {
    let form = [("member_id", member_id)];
    let response = app.call_as(client, "get_member_details", &form).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// Whether the invitation link still leads to the form that accepts it.
pub async fn link_works(app: &TestApp, token: &str) -> bool {
    let browser = open_link(app, token).await;
    page(app, &browser, "/join")
        .await
        .contains("Accept invitation")
}

pub async fn queued_emails(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("select count(*) from outbox where recipient = $1 and state = 'queued'")
        .bind(email)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

pub async fn message(response: Response) -> String {
    let body: serde_json::Value = response.json().await.unwrap();
    body.get("message")
        .or_else(|| body.get("Conflict"))
        .or_else(|| body.get("Denied"))
        .or_else(|| body.get("TooSoon"))
        .and_then(|m| m.as_str())
        .unwrap_or_else(|| panic!("no message in {body}"))
        .to_owned()
}

/// Copy invite link: a fresh link, shown once; the emailed one dies.
pub async fn copy_link(app: &TestApp, email: &str) -> String {
    let response = act(app, &app.client, email, "copy_link").await;
    assert_eq!(response.status(), 200);
    let id = member_id(app, email).await;
    assert_eq!(
        response.headers()["location"],
        format!("/settings/users/{id}/link")
    );
    let token = take_copied_token(app)
        .await
        .expect("the link is shown once");
    let again: serde_json::Value = app
        .call("take_copied_link", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(again.is_null(), "and only once");
    token
}

/// The token of the link the last Copy invite link showed, if it was not shown yet.
pub async fn take_copied_token(app: &TestApp) -> Option<String> {
    let shown: serde_json::Value = app
        .call("take_copied_link", &[])
        .await
        .json()
        .await
        .unwrap();
    let link = shown["link"].as_str()?;
    Some(link.split("token=").nth(1).unwrap().to_owned())
}

/// SMTP is down, so emails wait in the outbox and what happens to them can be seen.
pub const SMTP_DOWN: [(&str, &str); 1] = [("SMTP_URL", "smtp://127.0.0.1:9")];
