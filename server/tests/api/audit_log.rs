//! Settings > Audit log: the workspace's events, filtered and paged on the server, for those
//! who may read them; and the roles page and workspace switcher of the shell.

use crate::helpers::*;
use crate::invitee::*;
use crate::people::support::{act, member_browser, owner_elsewhere};
use server::clock::SystemClock;
use std::sync::Arc;

async fn log(
    app: &TestApp,
    client: &reqwest::Client,
    filters: &[(&str, &str)],
) -> reqwest::Response {
    let form: Vec<(String, &str)> = filters
        .iter()
        .map(|(name, value)| (format!("query[{name}]"), *value))
        .collect();
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    app.call_as(client, "audit_log", &form).await
}

async fn events(app: &TestApp, filters: &[(&str, &str)]) -> serde_json::Value {
    let response = log(app, &app.client, filters).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn actions(page: &serde_json::Value) -> Vec<String> {
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["action"].as_str().unwrap().to_owned())
        .collect()
}

async fn the_audit_log_shows_who_did_what_to_whom_newest_first_and_filters(backend: Backend) {
    // The events fall between these two days (the same one, unless the test spans midnight).
    let first_day = chrono::Utc::now().date_naive();
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let token = invite(&app, "Grace", "Hopper", "grace@example.com").await;
    assert_eq!(
        act(&app, &app.client, "grace@example.com", "resend")
            .await
            .status(),
        200
    );
    assert_eq!(
        act(&app, &app.client, "grace@example.com", "revoke")
            .await
            .status(),
        200
    );

    let all = events(&app, &[]).await;
    assert_eq!(
        actions(&all),
        [
            "invitation.revoked",
            "invitation.resent",
            "invitation.created",
            "sign_in.succeeded",
            "workspace.created"
        ]
    );
    let newest = &all["rows"][0];
    assert_eq!(newest["actor"], "Workspace Owner");
    assert_eq!(newest["subject"], "Grace Hopper");
    assert_eq!(newest["client"], "127.0.0.1");

    let resent = events(&app, &[("action", "invitation.resent")]).await;
    assert_eq!(resent["total"], 1);
    let owner = all["actors"][0]["account_id"].as_str().unwrap().to_owned();
    assert_eq!(all["actors"][0]["name"], "Workspace Owner");
    assert_eq!(events(&app, &[("actor", &owner)]).await["total"], 5);
    let last_day = chrono::Utc::now().date_naive();
    let (before, after) = (first_day.pred_opt().unwrap(), last_day.succ_opt().unwrap());
    assert_eq!(
        events(&app, &[("from", &first_day.to_string())]).await["total"],
        5
    );
    assert_eq!(
        events(&app, &[("to", &last_day.to_string())]).await["total"],
        5,
        "to includes the whole day"
    );
    assert_eq!(
        events(&app, &[("from", &after.to_string())]).await["total"],
        0
    );
    assert_eq!(
        events(&app, &[("to", &before.to_string())]).await["total"],
        0
    );

    for bad in ["last tuesday", "+262142-12-31", "0099-01-01"] {
        let malformed = log(&app, &app.client, &[("to", bad)]).await;
        assert_eq!(malformed.status(), 422, "{bad}");
        let body = malformed.text().await.unwrap();
        assert!(
            body.contains("Enter a date in the format 2026-11-26"),
            "{bad}"
        );
    }

    let page = page(
        &app,
        &app.client,
        "/settings/audit-log?action=invitation.revoked",
    )
    .await;
    assert!(page.contains("Invitation revoked") && page.contains("1 event match"));
    assert_no_row_contains(
        &app,
        "select action || coalesce(subject, '') || details from audit_event",
        &token,
        "no audit row holds a token",
    )
    .await;
}

async fn only_readers_of_the_audit_log_read_it_and_only_their_workspaces(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    invite(&app, "Grace", "Hopper", "grace@example.com").await;
    assert_eq!(log(&app, &browser_client(), &[]).await.status(), 401);
    let developer = member_browser(&app, "dev@example.com", "Developers").await;
    assert_eq!(log(&app, &developer, &[]).await.status(), 403);
    let security = member_browser(&app, "sec@example.com", "Security Engineers").await;
    let seen: serde_json::Value = log(&app, &security, &[]).await.json().await.unwrap();
    assert_eq!(
        actions(&seen),
        [
            "sign_in.succeeded",
            "sign_in.succeeded",
            "invitation.created",
            "sign_in.succeeded",
            "workspace.created"
        ],
        "a Security Engineer reads it: the three sign-ins, the invitation, the workspace (a refused read is not recorded)"
    );
    app.sign_in_with(
        &browser_client(),
        "dev@example.com",
        "not the password at all",
    )
    .await;
    let failure: serde_json::Value = log(&app, &security, &[("action", "sign_in.failed")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        failure["total"], 1,
        "a failed sign-in on a member's account is shown"
    );
    assert_eq!(failure["rows"][0]["subject"], "Member dev@example.com");
    assert!(failure["rows"][0]["actor"].is_null());

    let elsewhere = owner_elsewhere(&app).await;
    let there: serde_json::Value = log(&app, &elsewhere, &[]).await.json().await.unwrap();
    assert_eq!(
        actions(&there),
        ["workspace.created"],
        "nothing of the other workspace"
    );
    let shell = page(&app, &elsewhere, "/settings/users").await;
    assert!(
        shell.contains("id=\"workspace-switch\"")
            && shell.contains(">Portico</option>")
            && shell.contains(">Elsewhere</option>"),
        "the shell offers both workspaces"
    );
}

async fn the_roles_page_shows_what_each_role_allows(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let roles = page(&app, &app.client, "/settings/roles").await;
    for words in ["Security Engineer", "Read the audit log", "Invite people"] {
        assert!(roles.contains(words), "{words}");
    }
    let rows = roles.matches("<th scope=\"row\">").count();
    assert_eq!(rows, app::domain::Permission::ALL.len());
}

/// The Owner's password after they change it on their account page.
const CHANGED_PASSWORD: &str = "the owner's second long passphrase";

/// Each action of the console leaves exactly one event, and no event holds a secret.
async fn each_action_leaves_exactly_one_event_and_no_secret(backend: Backend) {
    use crate::people::support::{act_on, member_id};
    let clock = Arc::new(server::clock::ManualClock::new(chrono::Utc::now()));
    let app = owner_app(backend, &[], clock.clone()).await;
    let token = invite(&app, "Grace", "Hopper", "grace@example.com").await;
    for action in ["resend", "revoke", "regenerate"] {
        let done = act(&app, &app.client, "grace@example.com", action).await;
        assert_eq!(done.status(), 200);
    }
    let fresh = {
        let response = act(&app, &app.client, "grace@example.com", "copy_link").await;
        assert_eq!(response.status(), 200);
        crate::people::support::take_copied_token(&app)
            .await
            .unwrap()
    };
    let grace = open_link(&app, &fresh).await;
    accept(&app, &grace, "Grace", "short").await;
    assert_eq!(
        accept(&app, &grace, "Grace", INVITEE_PASSWORD)
            .await
            .status(),
        200
    );
    let declined = invite(&app, "Alan", "Turing", "alan@example.com").await;
    let alan = open_link(&app, &declined).await;
    app.call_as(&alan, "join/decline_invitation", &[]).await;

    let id = member_id(&app, "grace@example.com").await;
    let edit = [
        ("member_id", id.as_str()),
        ("edit[first_name]", "Amazing"),
        ("edit[last_name]", "Grace"),
    ];
    assert_eq!(app.call("edit_member", &edit).await.status(), 200);
    let admins = crate::members::group_id(&app, "Admins").await;
    let regroup = [
        ("member_id", id.as_str()),
        ("group_ids[0]", admins.as_str()),
    ];
    assert_eq!(app.call("change_groups", &regroup).await.status(), 200);
    for action in ["deactivate", "reactivate", "remove"] {
        assert_eq!(
            act_on(&app, &app.client, &id, "act_on_member", action)
                .await
                .status(),
            200
        );
    }
    assert_eq!(
        crate::groups::save(&app, &app.client, "", "Temp", &["developer"])
            .await
            .status(),
        200
    );
    let temp = crate::members::group_id(&app, "Temp").await;
    assert_eq!(
        crate::groups::save(&app, &app.client, &temp, "Temporary", &["guest"])
            .await
            .status(),
        200
    );
    assert_eq!(
        crate::groups::delete(&app, &app.client, &temp)
            .await
            .status(),
        200
    );
    // Invited again after her removal, Grace's address has an account: making a new one fails.
    let again = invite(&app, "Grace", "Again", "grace@example.com").await;
    assert_eq!(accept_link(&app, &again, "Grace").await, 409);
    app.sign_in_with(&browser_client(), OWNER_EMAIL, "not the owner's password")
        .await;

    // The Owner renames themself, signs out their other browser and changes their password.
    let renamed = app
        .call("change_display_name", &[("display_name", "Ada Owner")])
        .await;
    assert_eq!(renamed.status(), 200);
    app.sign_in_with(&browser_client(), OWNER_EMAIL, OWNER_PASSWORD)
        .await;
    assert_eq!(app.call("end_other_sessions", &[]).await.status(), 200);
    let changed_password = [
        ("current_password", OWNER_PASSWORD),
        ("password", CHANGED_PASSWORD),
        ("confirm_password", CHANGED_PASSWORD),
    ];
    let changed = app.call("change_password", &changed_password).await;
    assert_eq!(changed.status(), 200);

    // Edsger's link expires, and he asks for a new one.
    let expired = invite(&app, "Edsger", "Dijkstra", "edsger@example.com").await;
    clock.advance(chrono::Duration::days(8));
    let edsger = open_link(&app, &expired).await;
    let asked = app.call_as(&edsger, "join/request_new_link", &[]).await;
    assert_eq!(asked.status(), 200);

    // The Owner forgets their password and chooses a new one.
    use crate::password_reset::{NEW_PASSWORD, ask, choose, mailed_tokens, open_reset_link};
    assert_eq!(ask(&app, OWNER_EMAIL).await.status(), 200);
    let reset = mailed_tokens(&app, OWNER_EMAIL, 1).await.remove(0);
    let resetting = open_reset_link(&app, &reset).await;
    let changed = choose(&app, &resetting, NEW_PASSWORD, NEW_PASSWORD).await;
    assert_eq!(changed.status(), 200);

    // Signed in again with it, the Owner moves to a new sign-in address.
    let signed_in = app.sign_in(OWNER_EMAIL, NEW_PASSWORD).await;
    assert_eq!(signed_in.status(), 200);
    let form = [
        ("email", "ada@new.example"),
        ("email_password", NEW_PASSWORD),
    ];
    assert_eq!(app.call("request_email_change", &form).await.status(), 200);
    let (subject, link) = (
        "Confirm your new Portico sign-in address",
        "/email-change/confirm",
    );
    let moved = mailed_link_tokens(&app, "ada@new.example", subject, link, 1)
        .await
        .remove(0);
    let moving = follow_link(&app, link, &moved, "portico_email_change").await;
    let confirmed = app
        .call_as(&moving, "email_change/confirm_email_change", &[])
        .await;
    assert_eq!(confirmed.status(), 200);

    // The Owner turns two-factor authentication on, requires it of the workspace and stops,
    // signs in with a wrong code, then a right one, then a recovery code, and turns it off.
    use crate::two_factor::{app_code, at_the_code, give_code, turn_on};
    let new_email = "ada@new.example";
    let (key, codes) = turn_on(&app, &app.client, NEW_PASSWORD, &clock).await;
    for required in ["true", "false"] {
        let rule = app
            .call("require_two_factor", &[("required", required)])
            .await;
        assert_eq!(rule.status(), 200);
    }
    clock.advance(chrono::Duration::seconds(30));
    let coded = at_the_code(&app, new_email, NEW_PASSWORD).await;
    assert_eq!(give_code(&app, &coded, "000000").await, 422);
    assert_eq!(give_code(&app, &coded, &app_code(&key, &clock)).await, 200);
    let recovered = at_the_code(&app, new_email, NEW_PASSWORD).await;
    assert_eq!(give_code(&app, &recovered, &codes[0]).await, 200);
    let new_codes = [
        ("codes_password", NEW_PASSWORD),
        ("codes_code", codes[1].as_str()),
    ];
    let replaced = app.call("replace_recovery_codes", &new_codes).await;
    assert_eq!(replaced.status(), 200);
    clock.advance(chrono::Duration::seconds(30));
    let code = app_code(&key, &clock);
    let off = [("off_password", NEW_PASSWORD), ("off_code", code.as_str())];
    assert_eq!(app.call("turn_off_two_factor", &off).await.status(), 200);

    for (action, _) in app::audit::ACTIONS {
        let expected = match action {
            // Not an audit action: an email's state, in a person's history.
            _ if action.starts_with("email.") => 0,
            // The Owner's: in two browsers, then after the reset (accepting as a new person
            // signs in without a password check).
            "sign_in.succeeded" => 3,
            // Twice with two-factor authentication on: the code then signed in.
            "sign_in.password_accepted" => 2,
            // Nothing was refused.
            "access.denied" => 0,
            // Grace, Alan, Grace again, and Edsger.
            "invitation.created" => 4,
            _ => 1,
        };
        assert_eq!(audit_count(&app, action).await, expected, "{action}");
    }
    for secret in [
        &token,
        &fresh,
        &declined,
        &again,
        &expired,
        &reset,
        &moved,
        NEW_PASSWORD,
        CHANGED_PASSWORD,
        INVITEE_PASSWORD,
        OWNER_PASSWORD,
        &key.replace(' ', ""),
        &codes[0],
        &codes[1],
    ] {
        assert_no_row_contains(
            &app,
            "select action || coalesce(subject, '') || coalesce(client_addr, '') || details from audit_event",
            secret,
            "no audit row holds a token or a password",
        )
        .await;
    }
}

on_both_databases!(
    each_action_leaves_exactly_one_event_and_no_secret,
    the_audit_log_shows_who_did_what_to_whom_newest_first_and_filters,
    only_readers_of_the_audit_log_read_it_and_only_their_workspaces,
    the_roles_page_shows_what_each_role_allows,
);
