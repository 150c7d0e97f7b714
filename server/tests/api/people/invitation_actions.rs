//! Resend, copy a link, generate a new invitation, revoke, and the bulk resend: what each leaves
//! behind, and the limits on resending.

use super::support::*;
use crate::helpers::*;
use crate::invitee::*;
use server::clock::{ManualClock, SystemClock};
use std::sync::Arc;

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
    let declined = app.call_as(&grace, "join/decline_invitation", &[]).await;
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

on_both_databases!(
    resend_copy_and_regenerate_leave_exactly_one_working_link,
    revoke_kills_the_link_and_nothing_is_resent_after_acceptance,
    resending_is_limited_per_invitation,
    bulk_resends_what_it_can_and_names_the_rest,
);
