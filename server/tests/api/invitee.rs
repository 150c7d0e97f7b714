//! The invitee's side, as a browser drives it: the Owner invites someone, a second browser opens
//! the link and takes the journey.

use crate::helpers::*;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Client, Response};
use server::clock::Clock;
use std::sync::Arc;

pub const INVITEE_PASSWORD: &str = "violet stapler orbits a quiet fjord";

/// A Portico with its Owner signed in on `app.client`. Invitation look-ups are not throttled
/// unless `extra` says otherwise.
pub async fn owner_app(backend: Backend, extra: &[(&str, &str)], clock: Arc<dyn Clock>) -> TestApp {
    let vars: Vec<(&str, &str)> = OWNER_BOOTSTRAP
        .iter()
        .copied()
        .chain([("INVITATION_ATTEMPTS_PER_CLIENT", "100000")])
        .chain(extra.iter().copied())
        .collect();
    let app = spawn_app_with_clock(backend, &vars, clock).await;
    let response = app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(response.headers()["location"], "/");
    app
}

/// The signed-in client invites one person into `group`; returns the link's token.
pub async fn invite_with(
    app: &TestApp,
    client: &Client,
    person: (&str, &str, &str),
    group: &str,
) -> String {
    let group = group_in_current_workspace(app, client, group).await;
    let (first, last, email) = person;
    let form = [
        ("people[0][first_name]", first),
        ("people[0][last_name]", last),
        ("people[0][email]", email),
        ("group_ids[0]", group.as_str()),
    ];
    let response = app
        .call_with(client, "invite_people", &form, HeaderMap::new())
        .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let created: serde_json::Value = response.json().await.unwrap();
    let link = created[0]["link"].as_str().unwrap();
    link.split("token=").nth(1).unwrap().to_owned()
}

/// The id of the named group in the workspace `client` is acting in.
async fn group_in_current_workspace(app: &TestApp, client: &Client, name: &str) -> String {
    let response = app
        .call_with(client, "list_groups", &[], HeaderMap::new())
        .await;
    let groups: Vec<serde_json::Value> = response.json().await.unwrap();
    let group = groups
        .iter()
        .find(|group| group["name"] == name)
        .expect("group exists");
    group["group_id"].as_str().unwrap().to_owned()
}

/// The Owner invites one person into Developers.
pub async fn invite(app: &TestApp, first: &str, last: &str, email: &str) -> String {
    invite_with(app, &app.client, (first, last, email), "Developers").await
}

/// The Owner invites Grace Hopper, and Grace's own browser opens the link: (token, browser).
pub async fn grace_opens_her_invitation(app: &TestApp) -> (String, Client) {
    let token = invite(app, "Grace", "Hopper", "grace@example.com").await;
    let browser = open_link(app, &token).await;
    (token, browser)
}

/// A browser of its own that followed the link (and so holds the invitation cookie).
pub async fn open_link(app: &TestApp, token: &str) -> Client {
    let browser = browser_client();
    let response = browser
        .get(app.url(&format!("/join?token={token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/join");
    browser
}

/// The page's HTML without the renderer's comment markers, so text reads as on screen.
pub async fn page(app: &TestApp, browser: &Client, path: &str) -> String {
    let response = browser.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    without_comments(&response.text().await.unwrap())
}

pub fn without_comments(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("-->")
            .map_or("", |end| &rest[start + end + 3..]);
    }
    text.push_str(rest);
    text.replace("<!>", "")
}

/// Accepts as a new person, as the hydrated page does.
pub async fn accept(
    app: &TestApp,
    browser: &Client,
    display_name: &str,
    password: &str,
) -> Response {
    let form = [
        ("display_name", display_name),
        ("password", password),
        ("confirm_password", password),
    ];
    app.call_with(browser, "join/accept_invitation", &form, HeaderMap::new())
        .await
}

/// A browser of its own opens the link and accepts as a new person called `name`, with
/// `INVITEE_PASSWORD`; the browser is not used again.
pub async fn accept_link(app: &TestApp, token: &str, name: &str) -> reqwest::StatusCode {
    let browser = open_link(app, token).await;
    accept(app, &browser, name, INVITEE_PASSWORD).await.status()
}

/// Headers of a browser posting from another site.
pub fn cross_site() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("origin", HeaderValue::from_static("https://evil.example"));
    headers.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
    headers
}

/// The invitation of `email`: (accepted, declined, revoked) as set or not.
pub async fn invitation_ends(app: &TestApp, email: &str) -> (bool, bool, bool) {
    let row: (Option<String>, Option<String>, Option<String>) = sqlx::query_as(
        "select accepted_at, declined_at, revoked_at from invitation where email = $1",
    )
    .bind(email)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    (row.0.is_some(), row.1.is_some(), row.2.is_some())
}

pub async fn audit_count(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("select count(*) from audit_event where action = $1")
        .bind(action)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}
