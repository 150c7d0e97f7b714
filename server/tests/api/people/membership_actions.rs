//! Deactivate, reactivate, remove, change groups: what follows when someone's rights shrink or
//! end, and the Owner who must stay.

use super::support::*;
use crate::helpers::*;
use crate::invitee::*;
use crate::members::{MEMBER_PASSWORD, group_id};
use server::clock::SystemClock;
use std::sync::Arc;

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
        app.call_as(&back, "join/sign_in_to_join", &form)
            .await
            .status(),
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

on_both_databases!(
    deactivating_ends_sessions_until_reactivated,
    removal_ends_sessions_revokes_what_they_sent_and_allows_a_fresh_invitation,
    the_last_owner_stays_and_admins_cannot_touch_owners,
    demotion_ends_sessions_and_revokes_invitations_beyond_the_new_rights,
    two_owners_demoting_each_other_at_once_leave_an_owner,
    whoever_changes_a_pending_invitations_groups_answers_for_it,
);
