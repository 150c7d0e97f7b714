//! Issue 5's actions on people: each one, its refusals, and what it leaves behind, on both
//! databases.

use crate::helpers::*;
use crate::invitee::*;
use crate::members::{MEMBER_PASSWORD, add_member, group_id};
use reqwest::{Client, Response};
use server::clock::{ManualClock, SystemClock};
use std::sync::Arc;

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
async fn link_works(app: &TestApp, token: &str) -> bool {
    let browser = open_link(app, token).await;
    page(app, &browser, "/join")
        .await
        .contains("Accept invitation")
}

async fn queued_emails(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("select count(*) from outbox where recipient = $1 and state = 'queued'")
        .bind(email)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

async fn message(response: Response) -> String {
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
async fn copy_link(app: &TestApp, email: &str) -> String {
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
const SMTP_DOWN: [(&str, &str); 1] = [("SMTP_URL", "smtp://127.0.0.1:9")];

async fn resend_copy_and_regenerate_leave_exactly_one_working_link(backend: Backend) {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = owner_app(backend, &SMTP_DOWN, clock.clone()).await;
    let emailed = invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let old_hash = app.count("select count(*) from invitation").await;
    assert_eq!(old_hash, 1);

    let resent = act(&app, &app.client, "grace@example.com", "resend").await;
    assert_eq!(resent.status(), 200);
    assert_eq!(message(resent).await, "Invitation resent to Grace Hopper.");
    assert!(
        !link_works(&app, &emailed).await,
        "the first email's link died"
    );
    assert_eq!(
        queued_emails(&app, "grace@example.com").await,
        1,
        "only the new email is still to go"
    );
    assert_eq!(audit_count(&app, "invitation.resent").await, 1);

    let copied = copy_link(&app, "grace@example.com").await;
    assert!(link_works(&app, &copied).await);
    assert_eq!(
        queued_emails(&app, "grace@example.com").await,
        0,
        "the resent email's link died too"
    );
    assert_eq!(audit_count(&app, "invitation.link_copied").await, 1);

    clock.advance(chrono::Duration::days(8));
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    assert!(!link_works(&app, &copied).await, "expired");
    let refused = act(&app, &app.client, "grace@example.com", "resend").await;
    assert_eq!(refused.status(), 409);
    assert_eq!(
        message(refused).await,
        "This invitation has expired. Generate a new invitation instead"
    );
    let regenerated = act(&app, &app.client, "grace@example.com", "regenerate").await;
    assert_eq!(regenerated.status(), 200);
    assert_eq!(queued_emails(&app, "grace@example.com").await, 1);
    let fresh = copy_link(&app, "grace@example.com").await;
    clock.advance(chrono::Duration::days(6));
    assert!(link_works(&app, &fresh).await, "a new seven days");
    assert!(!link_works(&app, &copied).await && !link_works(&app, &emailed).await);
    assert_eq!(app.count("select count(*) from invitation").await, 1);
}

async fn revoke_kills_the_link_and_nothing_is_resent_after_acceptance(backend: Backend) {
    let app = owner_app(backend, &SMTP_DOWN, Arc::new(SystemClock)).await;
    let token = invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let grace = open_link(&app, &token).await;
    assert_eq!(
        act(&app, &app.client, "grace@example.com", "revoke")
            .await
            .status(),
        200
    );
    assert_eq!(
        invitation_ends(&app, "grace@example.com").await,
        (false, false, true)
    );
    let refused = accept(&app, &grace, "Grace", INVITEE_PASSWORD).await;
    assert_eq!(
        refused.status(),
        409,
        "the form already open is refused too"
    );
    assert_eq!(
        queued_emails(&app, "grace@example.com").await,
        0,
        "its email is not sent"
    );
    // Every other path of the link is closed too.
    let declined = app.call_as(&grace, "join/decline", &[]).await;
    assert_ne!(declined.status(), 200);
    assert!(
        page(&app, &grace, "/join")
            .await
            .contains("This invitation link cannot be used")
    );
    assert_eq!(
        invitation_ends(&app, "grace@example.com").await,
        (false, false, true)
    );
    let again = act(&app, &app.client, "grace@example.com", "revoke").await;
    assert_eq!(
        message(again).await,
        "This invitation was revoked. Generate a new invitation instead"
    );
    assert_eq!(audit_count(&app, "invitation.revoked").await, 1);

    let token = invite(&app, "Alan", "Turing", "alan@example.com").await;
    let alan = open_link(&app, &token).await;
    assert_eq!(
        accept(&app, &alan, "Alan", INVITEE_PASSWORD).await.status(),
        200
    );
    for action in ["resend", "copy_link", "regenerate", "revoke"] {
        let refused = act(&app, &app.client, "alan@example.com", action).await;
        assert_eq!(refused.status(), 409, "{action}");
        assert_eq!(
            message(refused).await,
            "Alan Turing has already joined, so there is no invitation to change"
        );
    }
    assert_eq!(audit_count(&app, "invitation.resent").await, 0);
}

async fn resending_is_limited_per_invitation(backend: Backend) {
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = owner_app(backend, &[], clock.clone()).await;
    invite(&app, "Grace", "Hopper", "grace@example.com").await;
    invite(&app, "Alan", "Turing", "alan@example.com").await;
    for _ in 0..3 {
        assert_eq!(
            act(&app, &app.client, "grace@example.com", "resend")
                .await
                .status(),
            200
        );
    }
    let refused = act(&app, &app.client, "grace@example.com", "resend").await;
    assert_eq!(refused.status(), 429);
    assert!(message(refused).await.contains("Wait an hour"));
    assert_eq!(
        act(&app, &app.client, "alan@example.com", "resend")
            .await
            .status(),
        200,
        "per invitation"
    );
    clock.advance(chrono::Duration::minutes(61));
    assert_eq!(
        act(&app, &app.client, "grace@example.com", "resend")
            .await
            .status(),
        200
    );
}

async fn bulk_resends_what_it_can_and_names_the_rest(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    invite(&app, "Grace", "Hopper", "grace@example.com").await;
    invite(&app, "Edsger", "Dijkstra", "edsger@example.com").await;
    let token = invite(&app, "Alan", "Turing", "alan@example.com").await;
    let alan = open_link(&app, &token).await;
    assert_eq!(
        accept(&app, &alan, "Alan", INVITEE_PASSWORD).await.status(),
        200
    );
    let ids = [
        member_id(&app, "grace@example.com").await,
        member_id(&app, "edsger@example.com").await,
        member_id(&app, "alan@example.com").await,
    ];
    let form = [
        ("member_ids[0]", ids[0].as_str()),
        ("member_ids[1]", ids[1].as_str()),
        ("member_ids[2]", ids[2].as_str()),
        ("action", "revoke"),
    ];
    let resend: Vec<(&str, &str)> = form[..2]
        .iter()
        .copied()
        .chain([("action", "resend")])
        .collect();
    let response = app.call("act_on_invitations", &resend).await;
    assert_eq!(message(response).await, "2 invitations resent.");
    assert_eq!(audit_count(&app, "invitation.resent").await, 2);
    let response = app.call("act_on_invitations", &form).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        message(response).await,
        "2 invitations revoked. Not revoked: Alan Turing: Alan Turing has already joined, so there is no invitation to change."
    );
    assert_eq!(
        invitation_ends(&app, "edsger@example.com").await,
        (false, false, true)
    );

    let unknown = [
        ("member_ids[0]", ids[0].as_str()),
        ("member_ids[1]", "00000000-0000-0000-0000-000000000000"),
        ("action", "regenerate"),
    ];
    assert_eq!(
        app.call("act_on_invitations", &unknown).await.status(),
        400,
        "not a bulk action"
    );
    let unknown = [
        ("member_ids[0]", ids[0].as_str()),
        ("member_ids[1]", "00000000-0000-0000-0000-000000000000"),
        ("action", "resend"),
    ];
    assert_eq!(app.call("act_on_invitations", &unknown).await.status(), 404);
    assert_eq!(
        audit_count(&app, "invitation.resent").await,
        2,
        "nothing more was done"
    );
    assert_eq!(audit_count(&app, "invitation.regenerated").await, 0);
}

async fn deactivating_ends_sessions_until_reactivated(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let ada = member_browser(&app, "ada@example.com", "Admins").await;
    assert_eq!(list_status(&app, &ada).await, 200);
    let id = member_id(&app, "ada@example.com").await;
    let done = act_on(&app, &app.client, &id, "act_on_member", "deactivate").await;
    assert_eq!(done.status(), 200);
    assert_eq!(list_status(&app, &ada).await, 401, "her session ended");
    assert_eq!(app.count("select count(*) from session s join account a on a.account_id = s.account_id where a.email = 'ada@example.com'").await, 0);
    let again = browser_client();
    assert_eq!(
        app.sign_in_with(&again, "ada@example.com", MEMBER_PASSWORD)
            .await
            .status(),
        401,
        "she cannot sign in"
    );
    let twice = act_on(&app, &app.client, &id, "act_on_member", "deactivate").await;
    assert_eq!(twice.status(), 409);
    assert_eq!(
        act_on(&app, &app.client, &id, "act_on_member", "reactivate")
            .await
            .status(),
        200
    );
    assert_eq!(
        app.sign_in_with(&again, "ada@example.com", MEMBER_PASSWORD)
            .await
            .status(),
        200
    );
    assert_eq!(audit_count(&app, "member.deactivated").await, 1);
    assert_eq!(audit_count(&app, "member.reactivated").await, 1);
}

async fn removal_ends_sessions_revokes_what_they_sent_and_allows_a_fresh_invitation(
    backend: Backend,
) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (ada, sent) = ada_invites_grace(&app).await;
    let id = member_id(&app, "ada@example.com").await;
    let removed = act_on(&app, &app.client, &id, "act_on_member", "remove").await;
    assert_eq!(removed.status(), 200);
    assert_eq!(removed.headers()["location"], "/settings/users");
    assert_eq!(
        list_status(&app, &ada).await,
        401,
        "her old cookie is refused"
    );
    assert!(!link_works(&app, &sent).await, "what she sent is revoked");
    assert_eq!(
        invitation_ends(&app, "grace@example.com").await,
        (false, false, true)
    );
    assert_eq!(audit_count(&app, "member.removed").await, 1);
    assert_eq!(audit_count(&app, "invitation.revoked").await, 1);
    assert_eq!(
        app.count("select count(*) from member where email = 'ada@example.com'")
            .await,
        0
    );
    // Someone who may grant it gives Grace a new invitation; it is theirs now, so it can be
    // accepted although Ada is gone.
    let regenerated = act(&app, &app.client, "grace@example.com", "regenerate").await;
    assert_eq!(regenerated.status(), 200);
    let fresh = copy_link(&app, "grace@example.com").await;
    assert_eq!(accept_link(&app, &fresh, "Grace").await, 200);

    let token = invite_with(
        &app,
        &app.client,
        ("Ada", "Again", "ada@example.com"),
        "Developers",
    )
    .await;
    let back = open_link(&app, &token).await;
    assert!(
        page(&app, &back, "/join").await.contains("Sign in to join"),
        "her account is still hers"
    );
    let form = [("password", MEMBER_PASSWORD)];
    // With no other workspace, signing in to join joins at once.
    assert_eq!(
        app.call_as(&back, "join/sign_in", &form).await.status(),
        200
    );
    assert_eq!(
        app.count(
            "select count(*) from member where email = 'ada@example.com' and state = 'active'"
        )
        .await,
        1
    );
}

async fn the_last_owner_stays_and_admins_cannot_touch_owners(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let owner = member_id(&app, OWNER_EMAIL).await;
    let myself = act_on(&app, &app.client, &owner, "act_on_member", "remove").await;
    assert_eq!(myself.status(), 403);
    assert_eq!(
        message(myself).await,
        "You cannot remove yourself. Ask another Owner or Admin"
    );
    let developers = group_id(&app, "Developers").await;
    let form = [
        ("member_id", owner.as_str()),
        ("group_ids[0]", developers.as_str()),
    ];
    let demoted = app.call("change_groups", &form).await;
    assert_eq!(demoted.status(), 409);
    assert!(
        message(demoted)
            .await
            .contains("is the workspace's last Owner")
    );

    let ada = member_browser(&app, "ada@example.com", "Admins").await;
    let refused = act_on(&app, &ada, &owner, "act_on_member", "deactivate").await;
    assert_eq!(refused.status(), 403, "an Admin does not outrank the Owner");
    let refused = app.call_as(&ada, "change_groups", &form).await;
    assert_eq!(refused.status(), 403);
    let ada_id = member_id(&app, "ada@example.com").await;
    let owners = group_id(&app, "Owners").await;
    let promote = [
        ("member_id", ada_id.as_str()),
        ("group_ids[0]", owners.as_str()),
    ];
    let refused = app.call_as(&ada, "change_groups", &promote).await;
    assert_eq!(refused.status(), 403, "nor grant Owner");
    assert_eq!(
        message(refused).await,
        "You can only grant groups whose rights you hold yourself"
    );

    // With a second Owner, the first may step down.
    assert_eq!(app.call("change_groups", &promote).await.status(), 200);
    assert_eq!(app.call("change_groups", &form).await.status(), 200);
    assert_eq!(
        app.call("list_groups", &[]).await.status(),
        403,
        "rights shrink at once"
    );
    assert_eq!(audit_count(&app, "member.groups_changed").await, 2);
}

async fn demotion_ends_sessions_and_revokes_invitations_beyond_the_new_rights(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let ada = member_browser(&app, "ada@example.com", "Admins").await;
    let admin_invite =
        invite_with(&app, &ada, ("Root", "Admin", "root@example.com"), "Admins").await;
    let id = member_id(&app, "ada@example.com").await;
    let developers = group_id(&app, "Developers").await;
    let form = [
        ("member_id", id.as_str()),
        ("group_ids[0]", developers.as_str()),
    ];
    let changed = app.call("change_groups", &form).await;
    assert_eq!(changed.status(), 200);
    assert_eq!(
        message(changed).await,
        "Member ada@example.com is now in Developers."
    );
    assert_eq!(list_status(&app, &ada).await, 401);
    assert!(!link_works(&app, &admin_invite).await);
    assert_eq!(audit_count(&app, "invitation.revoked").await, 1);

    let bad = [("member_id", id.as_str())];
    let response = app.call("change_groups", &bad).await;
    assert_eq!(response.status(), 422, "at least one group");
    let foreign = [
        ("member_id", id.as_str()),
        ("group_ids[0]", "00000000-0000-0000-0000-000000000000"),
    ];
    assert_eq!(app.call("change_groups", &foreign).await.status(), 422);
}

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

/// Two Owners demote each other at the same moment: the workspace keeps one of them.
async fn two_owners_demoting_each_other_at_once_leave_an_owner(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let ada = member_browser(&app, "ada@example.com", "Owners").await;
    let developers = group_id(&app, "Developers").await;
    let (owner_id, ada_id) = (
        member_id(&app, OWNER_EMAIL).await,
        member_id(&app, "ada@example.com").await,
    );
    let demote_ada = [
        ("member_id", ada_id.as_str()),
        ("group_ids[0]", developers.as_str()),
    ];
    let demote_owner = [
        ("member_id", owner_id.as_str()),
        ("group_ids[0]", developers.as_str()),
    ];
    let (first, second) = tokio::join!(
        app.call("change_groups", &demote_ada),
        app.call_as(&ada, "change_groups", &demote_owner),
    );
    let statuses = [first.status().as_u16(), second.status().as_u16()];
    assert!(statuses.contains(&200), "{statuses:?}");
    assert!(
        statuses.contains(&409) || statuses.contains(&401) || statuses.contains(&403),
        "{statuses:?}"
    );
    let owners = app
        .count(
            "select count(*) from member m join group_member gm on gm.member_id = m.member_id
               join user_group g on g.group_id = gm.group_id where g.name = 'Owners'",
        )
        .await;
    assert_eq!(owners, 1);
}

async fn whoever_changes_a_pending_invitations_groups_answers_for_it(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (_ada, token) = ada_invites_grace(&app).await;
    let grace = member_id(&app, "grace@example.com").await;
    let owners = group_id(&app, "Owners").await;
    let form = [
        ("member_id", grace.as_str()),
        ("group_ids[0]", owners.as_str()),
    ];
    assert_eq!(app.call("change_groups", &form).await.status(), 200);
    assert_eq!(
        accept_link(&app, &token, "Grace").await,
        200,
        "the Owner who granted Owners answers for it, not Ada, who could not have"
    );
    let details = member_details(&app, &app.client, &grace).await;
    assert_eq!(details["summary"]["invited_by"], "Workspace Owner");
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
    malformed_requests_get_a_clear_refusal_and_change_nothing,
    resend_copy_and_regenerate_leave_exactly_one_working_link,
    revoke_kills_the_link_and_nothing_is_resent_after_acceptance,
    resending_is_limited_per_invitation,
    bulk_resends_what_it_can_and_names_the_rest,
    deactivating_ends_sessions_until_reactivated,
    removal_ends_sessions_revokes_what_they_sent_and_allows_a_fresh_invitation,
    the_last_owner_stays_and_admins_cannot_touch_owners,
    demotion_ends_sessions_and_revokes_invitations_beyond_the_new_rights,
    editing_checks_every_field_and_a_new_address_gets_a_new_link,
    whoever_changes_a_pending_invitations_groups_answers_for_it,
    editing_the_address_of_an_ended_invitation_does_not_reopen_it,
    two_owners_demoting_each_other_at_once_leave_an_owner,
    details_show_history_and_the_audit_only_to_those_who_may_read_it,
    without_javascript_actions_land_on_a_page_that_says_what_happened,
);
