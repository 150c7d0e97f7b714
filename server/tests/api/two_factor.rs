//! Two-factor authentication (docs/security.md §38): set up with the password and a first
//! code, asked for after the password at every sign-in (the invitation's too), codes that work
//! once, recovery codes that work once, and turning it off with the password and a code.

use crate::helpers::*;
use crate::invitee::{audit_count, invite, open_link, owner_app, page};
use crate::members::MEMBER_PASSWORD;
use crate::people::support::{act_on, member_browser};
use reqwest::Client;
use server::clock::ManualClock;
use std::sync::Arc;

/// A clock the test moves, starting in the middle of a 30-second step.
fn clock() -> Arc<ManualClock> {
    let now = chrono::Utc::now().timestamp();
    let start = now - now % 30 + 10;
    Arc::new(ManualClock::new(
        chrono::DateTime::from_timestamp(start, 0).unwrap(),
    ))
}

/// What an authenticator app shows for `key` (as the setup page shows it) at the clock's time.
pub fn app_code(key: &str, clock: &ManualClock) -> String {
    use server::clock::Clock;
    let secret = totp_rs::Secret::try_from_base32(key.replace(' ', "")).unwrap();
    let totp = totp_rs::Builder::new().with_secret(secret).build().unwrap();
    let now = u64::try_from(clock.now().timestamp()).unwrap();
    totp.generate(now).to_string()
}

/// Sets up an app for the signed-in `browser`: its key, and the recovery codes shown once.
pub async fn turn_on(
    app: &TestApp,
    browser: &Client,
    password: &str,
    clock: &ManualClock,
) -> (String, Vec<String>) {
    let begun = app
        .call_as(
            browser,
            "begin_two_factor_setup",
            &[("setup_password", password)],
        )
        .await;
    assert_eq!(begun.headers()["location"], "/settings/account/two-factor");
    let setup: serde_json::Value = app
        .call_as(browser, "two_factor_setup", &[])
        .await
        .json()
        .await
        .unwrap();
    let key = setup["key"].as_str().unwrap().to_owned();
    assert!(setup["qr_svg"].as_str().unwrap().starts_with("<svg"));
    let code = app_code(&key, clock);
    let confirmed = app
        .call_as(browser, "confirm_two_factor", &[("code", code.as_str())])
        .await;
    assert_eq!(
        confirmed.headers()["location"],
        "/settings/account/recovery-codes"
    );
    let codes: Vec<String> = app
        .call_as(browser, "new_recovery_codes", &[])
        .await
        .json()
        .await
        .unwrap();
    (key, codes)
}

/// A new browser that gave the right password and now stands at the code.
pub async fn at_the_code(app: &TestApp, email: &str, password: &str) -> Client {
    let browser = browser_client();
    let answer = app.sign_in_with(&browser, email, password).await;
    assert_eq!(answer.headers()["location"], "/sign-in/two-factor");
    assert!(!is_signed_in(app, &browser).await, "not before the code");
    browser
}

/// Where the password alone takes a new browser.
async fn password_lands(app: &TestApp, email: &str, password: &str) -> String {
    let answer = app.sign_in_with(&browser_client(), email, password).await;
    answer.headers()["location"].to_str().unwrap().to_owned()
}

pub async fn give_code(app: &TestApp, browser: &Client, code: &str) -> u16 {
    app.call_as(browser, "verify_second_factor", &[("code", code)])
        .await
        .status()
        .as_u16()
}

async fn setting_up_needs_the_password_and_a_right_first_code(backend: Backend) {
    let clock = clock();
    let app = owner_app(backend, &[], clock.clone()).await;
    let wrong = app
        .call(
            "begin_two_factor_setup",
            &[("setup_password", "not my password")],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert_eq!(app.count("select count(*) from totp_factor").await, 0);
    let begun = app
        .call(
            "begin_two_factor_setup",
            &[("setup_password", OWNER_PASSWORD)],
        )
        .await;
    assert_eq!(begun.status(), 200);
    let setup: serde_json::Value = app
        .call("two_factor_setup", &[])
        .await
        .json()
        .await
        .unwrap();
    let key = setup["key"].as_str().unwrap().to_owned();
    // Another session of the same account neither sees the secret nor confirms it.
    let other = browser_client();
    let signed_in = app.sign_in_with(&other, OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(signed_in.status(), 200);
    let elsewhere = app.call_as(&other, "two_factor_setup", &[]).await;
    let elsewhere: serde_json::Value = elsewhere.json().await.unwrap();
    assert_eq!(elsewhere, serde_json::Value::Null);
    let stolen = app_code(&key, &clock);
    let confirmed = app
        .call_as(&other, "confirm_two_factor", &[("code", stolen.as_str())])
        .await;
    assert_eq!(confirmed.status(), 409);
    // A wrong first code leaves it off, and the password alone still signs in.
    let refused = app.call("confirm_two_factor", &[("code", "000000")]).await;
    assert_eq!(refused.status(), 422);
    assert_eq!(password_lands(&app, OWNER_EMAIL, OWNER_PASSWORD).await, "/");
    // The setup page shows the QR code and the key; the secret is sealed at rest.
    let html = page(&app, &app.client, "/settings/account/two-factor").await;
    assert!(html.contains("<svg") && html.contains(&key), "{html}");
    let secret = key.replace(' ', "");
    let in_session = "select data from session";
    assert_no_row_contains(&app, in_session, &secret, "the session holds it sealed").await;
    let code = app_code(&key, &clock);
    let confirmed = app
        .call("confirm_two_factor", &[("code", code.as_str())])
        .await;
    assert_eq!(confirmed.status(), 200);
    for sql in [
        "select sealed_secret from totp_factor",
        "select action || coalesce(subject, '') || details from audit_event",
        "select data from session",
    ] {
        assert_no_row_contains(&app, sql, &secret, "the TOTP secret is sealed").await;
    }
    // Ten recovery codes, shown once, kept only hashed.
    let codes: Vec<String> = app
        .call("new_recovery_codes", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(codes.len(), 10);
    let again: Vec<String> = app
        .call("new_recovery_codes", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(again.is_empty(), "shown once");
    for code in &codes {
        assert_no_row_contains(&app, "select code_hash from recovery_code", code, "hashed").await;
    }
    assert_eq!(
        app.call("two_factor_setup", &[])
            .await
            .json::<serde_json::Value>()
            .await
            .unwrap(),
        serde_json::Value::Null,
        "the secret is not shown once it is on"
    );
    let status: serde_json::Value = app
        .call("two_factor_status", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["recovery_codes_left"], 10);
    assert!(status["on_since"].is_string());
    assert_eq!(audit_count(&app, "two_factor.turned_on").await, 1);
    let notices = queued_mail(&app, "two_factor_changed", OWNER_EMAIL).await;
    assert_eq!(notices, 1, "the account's address is told");
    let twice = app
        .call(
            "begin_two_factor_setup",
            &[("setup_password", OWNER_PASSWORD)],
        )
        .await;
    assert_eq!(twice.status(), 409, "already on");
}

async fn signing_in_asks_for_a_code_that_works_once(backend: Backend) {
    let clock = clock();
    let app = owner_app(backend, &[], clock.clone()).await;
    let (key, _) = turn_on(&app, &app.client, OWNER_PASSWORD, &clock).await;
    // The password alone reaches no page: the code comes first.
    let browser = at_the_code(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
    let users = browser
        .get(app.url("/settings/users"))
        .send()
        .await
        .unwrap();
    assert_eq!(users.headers()["location"], "/sign-in");
    assert_eq!(give_code(&app, &browser, "123 456").await, 422);
    assert_eq!(give_code(&app, &browser, "").await, 422);
    assert!(!is_signed_in(&app, &browser).await);
    // The code that turned it on was used: it cannot be used again in its window.
    assert_eq!(
        give_code(&app, &browser, &app_code(&key, &clock)).await,
        422
    );
    clock.advance(chrono::Duration::seconds(30));
    let code = app_code(&key, &clock);
    let answer = app
        .call_as(&browser, "verify_second_factor", &[("code", code.as_str())])
        .await;
    assert_eq!(answer.headers()["location"], "/");
    assert!(is_signed_in(&app, &browser).await);
    // Replayed from another browser a moment later, the same code fails.
    let other = at_the_code(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(give_code(&app, &other, &code).await, 422);
    assert!(!is_signed_in(&app, &other).await);
    assert_eq!(audit_count(&app, "sign_in.password_accepted").await, 2);
    assert_eq!(
        audit_count(&app, "sign_in.second_factor_succeeded").await,
        1
    );
    assert_eq!(audit_count(&app, "sign_in.second_factor_failed").await, 3);
    // A code given too long after the password finds the sign-in timed out.
    clock.advance(chrono::Duration::minutes(6));
    let late = app_code(&key, &clock);
    let timed_out = app
        .call_as(&other, "verify_second_factor", &[("code", late.as_str())])
        .await;
    assert_eq!(timed_out.status(), 409);
    assert!(!is_signed_in(&app, &other).await);
}

async fn a_recovery_code_signs_in_once(backend: Backend) {
    let clock = clock();
    let app = owner_app(backend, &[], clock.clone()).await;
    let (_, codes) = turn_on(&app, &app.client, OWNER_PASSWORD, &clock).await;
    let browser = at_the_code(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
    let typed = codes[3].to_uppercase().replace('-', " ");
    assert_eq!(give_code(&app, &browser, &typed).await, 200);
    assert!(is_signed_in(&app, &browser).await);
    let again = at_the_code(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(give_code(&app, &again, &codes[3]).await, 422, "used once");
    assert_eq!(give_code(&app, &again, &codes[4]).await, 200);
    let status: serde_json::Value = app
        .call("two_factor_status", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(status["recovery_codes_left"], 8);
    assert_eq!(audit_count(&app, "sign_in.recovery_code_used").await, 2);
    // Ten new ones, for the password and a code: the old ones stop working.
    let form = [
        ("codes_password", OWNER_PASSWORD),
        ("codes_code", codes[5].as_str()),
    ];
    let replaced = app.call("replace_recovery_codes", &form).await;
    assert_eq!(
        replaced.headers()["location"],
        "/settings/account/recovery-codes"
    );
    let fresh: Vec<String> = app
        .call("new_recovery_codes", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(fresh.len(), 10);
    let wrong = [("codes_password", OWNER_PASSWORD), ("codes_code", "000000")];
    let refused = app.call("replace_recovery_codes", &wrong).await;
    assert_eq!(refused.status(), 422, "a wrong code changes nothing");
    let old = at_the_code(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(
        give_code(&app, &old, &codes[6]).await,
        422,
        "the old codes are gone"
    );
    assert_eq!(give_code(&app, &old, &fresh[0]).await, 200);
    assert_eq!(
        audit_count(&app, "two_factor.recovery_codes_replaced").await,
        1
    );
}

async fn turning_it_off_needs_the_password_and_a_current_code(backend: Backend) {
    let clock = clock();
    let app = owner_app(backend, &[], clock.clone()).await;
    let (key, _) = turn_on(&app, &app.client, OWNER_PASSWORD, &clock).await;
    clock.advance(chrono::Duration::seconds(30));
    let code = app_code(&key, &clock);
    for form in [
        [
            ("off_password", "wrong password"),
            ("off_code", code.as_str()),
        ],
        [("off_password", OWNER_PASSWORD), ("off_code", "000000")],
        [("off_password", OWNER_PASSWORD), ("off_code", "")],
    ] {
        let refused = app.call("turn_off_two_factor", &form).await;
        assert_eq!(refused.status(), 422);
        assert_eq!(app.count("select count(*) from totp_factor").await, 1);
    }
    let form = [
        ("off_password", OWNER_PASSWORD),
        ("off_code", code.as_str()),
    ];
    assert_eq!(app.call("turn_off_two_factor", &form).await.status(), 200);
    assert_eq!(app.count("select count(*) from totp_factor").await, 0);
    assert_eq!(app.count("select count(*) from recovery_code").await, 0);
    assert_eq!(password_lands(&app, OWNER_EMAIL, OWNER_PASSWORD).await, "/");
    assert_eq!(audit_count(&app, "two_factor.turned_off").await, 1);
    let notices = queued_mail(&app, "two_factor_changed", OWNER_EMAIL).await;
    assert_eq!(notices, 2, "turned on, then off");
}

async fn wrong_codes_are_throttled_like_passwords(backend: Backend) {
    let clock = clock();
    let extra = [("LOGIN_ATTEMPTS_PER_ACCOUNT", "4")];
    let app = owner_app(backend, &extra, clock.clone()).await;
    let (key, _) = turn_on(&app, &app.client, OWNER_PASSWORD, &clock).await;
    clock.advance(chrono::Duration::seconds(30));
    let browser = at_the_code(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
    // The first code (turning it on) counted; three wrong ones spend the rest.
    for _ in 0..3 {
        assert_eq!(give_code(&app, &browser, "000000").await, 422);
    }
    assert_eq!(
        give_code(&app, &browser, &app_code(&key, &clock)).await,
        429
    );
    assert!(!is_signed_in(&app, &browser).await);
}

async fn the_invitations_sign_in_asks_for_the_code_too(backend: Backend) {
    let clock = clock();
    let app = owner_app(backend, &[], clock.clone()).await;
    let grace = member_browser(&app, "grace@example.com", "Developers").await;
    let (key, _) = turn_on(&app, &grace, MEMBER_PASSWORD, &clock).await;
    let id = crate::people::support::member_id(&app, "grace@example.com").await;
    let removed = act_on(&app, &app.client, &id, "act_on_member", "remove").await;
    assert_eq!(removed.status(), 200);
    let token = invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let browser = open_link(&app, &token).await;
    let answer = app
        .call_as(
            &browser,
            "join/sign_in_to_join",
            &[("password", MEMBER_PASSWORD)],
        )
        .await;
    assert_eq!(answer.headers()["location"], "/join/two-factor");
    assert!(!is_signed_in(&app, &browser).await);
    let active =
        "select count(*) from member where email = 'grace@example.com' and state = 'active'";
    assert_eq!(app.count(active).await, 0, "nothing joined before the code");
    clock.advance(chrono::Duration::seconds(30));
    let code = app_code(&key, &clock);
    let wrong = app
        .call_as(
            &browser,
            "join/verify_second_factor_to_join",
            &[("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let joined = app
        .call_as(
            &browser,
            "join/verify_second_factor_to_join",
            &[("code", code.as_str())],
        )
        .await;
    assert_eq!(joined.headers()["location"], "/");
    assert!(is_signed_in(&app, &browser).await);
    assert_eq!(app.count(active).await, 1);
}

/// A workspace that requires two-factor authentication: its members without it reach only their
/// own account, at sign-in and at accept, until they set it up; only an Owner with it on sets
/// the rule; the Users page shows who has it.
async fn a_workspace_that_requires_it_asks_members_to_set_it_up_first(backend: Backend) {
    let clock = clock();
    let app = owner_app(backend, &[], clock.clone()).await;
    let require = [("required", "true")];
    let refused = app.call("require_two_factor", &require).await;
    assert_eq!(refused.status(), 409, "not on for the Owner yet");
    turn_on(&app, &app.client, OWNER_PASSWORD, &clock).await;
    let grace = member_browser(&app, "grace@example.com", "Admins").await;
    let by_admin = app.call_as(&grace, "require_two_factor", &require).await;
    assert_eq!(by_admin.status(), 403);
    assert_eq!(app.call("require_two_factor", &require).await.status(), 200);
    assert_eq!(audit_count(&app, "workspace.two_factor_required").await, 1);

    // Grace's next sign-in lands on her account; the workspace answers nothing else.
    let browser = browser_client();
    let answer = app
        .sign_in_with(&browser, "grace@example.com", MEMBER_PASSWORD)
        .await;
    assert_eq!(answer.headers()["location"], "/");
    let landing = browser.get(app.url("/")).send().await.unwrap();
    assert_eq!(landing.headers()["location"], "/settings/account");
    let members = app.call_as(&browser, "list_members", &[]).await;
    assert_eq!(members.status(), 403);
    let why = members.text().await.unwrap();
    assert!(why.contains("requires two-factor authentication"), "{why}");
    let status = app.call_as(&browser, "two_factor_status", &[]).await;
    let status: serde_json::Value = status.json().await.unwrap();
    assert!(status["required_by"].is_string(), "{status}");
    // Once she sets it up, the workspace is hers again.
    turn_on(&app, &browser, MEMBER_PASSWORD, &clock).await;
    let members = app.call_as(&browser, "list_members", &[]).await;
    assert_eq!(members.status(), 200);
    let listed: serde_json::Value = app.call("list_members", &[]).await.json().await.unwrap();
    let on: Vec<bool> = listed["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["two_factor"].as_bool().unwrap())
        .collect();
    assert_eq!(on, [true, true], "the Users page shows who has it on");
    // While it is required, nobody turns theirs off.
    let off = [("off_password", OWNER_PASSWORD), ("off_code", "000000")];
    assert_eq!(app.call("turn_off_two_factor", &off).await.status(), 409);

    // A new invitee joins, and lands on their account to set it up before the workspace.
    let token = invite(&app, "Alan", "Turing", "alan@example.com").await;
    let alan = open_link(&app, &token).await;
    let form = [
        ("display_name", "Alan Turing"),
        ("password", MEMBER_PASSWORD),
        ("confirm_password", MEMBER_PASSWORD),
    ];
    let joined = app.call_as(&alan, "join/accept_invitation", &form).await;
    assert_eq!(joined.headers()["location"], "/");
    let landing = alan.get(app.url("/")).send().await.unwrap();
    assert_eq!(landing.headers()["location"], "/settings/account");
    assert_eq!(app.call_as(&alan, "list_members", &[]).await.status(), 403);
    let stop = [("required", "false")];
    assert_eq!(app.call("require_two_factor", &stop).await.status(), 200);
    assert_eq!(app.call_as(&alan, "list_members", &[]).await.status(), 200);
}

on_both_databases!(
    a_workspace_that_requires_it_asks_members_to_set_it_up_first,
    setting_up_needs_the_password_and_a_right_first_code,
    signing_in_asks_for_a_code_that_works_once,
    a_recovery_code_signs_in_once,
    turning_it_off_needs_the_password_and_a_current_code,
    wrong_codes_are_throttled_like_passwords,
    the_invitations_sign_in_asks_for_the_code_too,
);
