//! Resend, copy a fresh link, generate a new invitation, revoke.

use super::{ManagementService, changed, check_may_invite};
use crate::invitations::{describe_grants, invitation_link};
use crate::mail::outbox;
use crate::mail::outbox::NewMessage;
use crate::people::queries::management as store;
use crate::people::queries::management::{Invitation, Person};
use crate::store::{OrDbError, Tx};
use crate::tokens;
use app::domain::{ActionDone, Actor, CopiedLink};
use app::error::AppError;
use app::people::InvitationAction;
use app::words::moment;
use chrono::{DateTime, Duration, Utc};
use std::net::IpAddr;
use uuid::Uuid;

/// Emails (resends and new invitations) one invitation may get per hour.
pub const EMAILS_PER_INVITATION_PER_HOUR: i64 = 3;

impl ManagementService {
    pub(super) async fn invitation_action_checked(
        &self,
        actor: &Actor,
        member_id: Uuid,
        action: InvitationAction,
        client: IpAddr,
    ) -> Result<(ActionDone, Option<CopiedLink>), AppError> {
        let (mut tx, person) = self.locked(actor, member_id).await?;
        let outcome = self
            .invitation_action_in(&mut tx, actor, &person, action, client)
            .await;
        self.changes.settle(tx, outcome).await
    }

    async fn invitation_action_in(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        person: &Person,
        action: InvitationAction,
        client: IpAddr,
    ) -> Result<(ActionDone, Option<CopiedLink>), AppError> {
        check_may_invite(actor, person)?;
        if !action.applies_to(person.state) {
            return Err(AppError::Conflict(
                action.refusal(&person.name(), person.state),
            ));
        }
        let invitation = person.invitation.as_ref().ok_or_else(changed)?;
        let mut copied = None;
        if action == InvitationAction::Revoke {
            let revoked = store::revoke(tx, invitation, self.changes.now())
                .await
                .or_db_error()?;
            unqueue_earlier_mail(tx, invitation, revoked).await?;
        } else {
            if action.sends_email() {
                self.check_email_allowance(tx, person, invitation).await?;
            }
            let (link, expires_at) = self
                .reissue(
                    tx,
                    actor,
                    person,
                    invitation,
                    &person.email,
                    action.sends_email(),
                )
                .await?;
            if action == InvitationAction::CopyLink {
                copied = Some(CopiedLink {
                    member_id: super::parse(&person.member_id)?,
                    name: person.name(),
                    link,
                    expires: moment(expires_at),
                });
            }
        }
        self.changes
            .audit(
                tx,
                actor,
                action.audit_action(),
                &invitation.invitation_id,
                client,
            )
            .await?;
        let done = ActionDone {
            opens_page: false,
            message: action.done(&person.name()),
        };
        Ok((done, copied))
    }

    /// A new token and expiry for the person's invitation, queued by email unless `emailed`
    /// is false; returns the link. The actor now answers for the invitation: they are its
    /// inviter when it is accepted (and their rights are checked then).
    pub(super) async fn reissue(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        person: &Person,
        invitation: &Invitation,
        recipient: &str,
        emailed: bool,
    ) -> Result<(String, DateTime<Utc>), AppError> {
        let now = self.changes.now();
        let (token, token_hash) = tokens::generate();
        let expires_at = now + self.invitations.ttl;
        let issuer = actor.account_id.to_string();
        let reissued = store::reissue(tx, invitation, &token_hash, expires_at, &issuer)
            .await
            .or_db_error()?;
        unqueue_earlier_mail(tx, invitation, reissued).await?;
        let link = invitation_link(&self.invitations.base_url, &token);
        if emailed {
            let groups = self.groups_of(actor, person).await?;
            let grants = describe_grants(&groups.iter().collect::<Vec<_>>());
            let payload = self.invitations.email_payload(
                actor,
                &person.first_name,
                &grants,
                expires_at,
                &link,
            )?;
            let message = NewMessage {
                kind: "invitation",
                recipient,
                payload: &payload,
                invitation_id: Some(&invitation.invitation_id),
            };
            outbox::enqueue(tx, message, now).await.or_db_error()?;
        }
        Ok((link, expires_at))
    }

    /// Refuses an email beyond the hourly allowance of this invitation.
    pub(super) async fn check_email_allowance(
        &self,
        tx: &mut Tx,
        person: &Person,
        invitation: &Invitation,
    ) -> Result<(), AppError> {
        let emailing = [
            InvitationAction::Resend.audit_action(),
            InvitationAction::Regenerate.audit_action(),
        ];
        let sent = store::recent_events(
            tx,
            &invitation.invitation_id,
            &emailing,
            self.changes.now() - Duration::hours(1),
        )
        .await
        .or_db_error()?;
        if sent >= EMAILS_PER_INVITATION_PER_HOUR {
            return Err(AppError::TooSoon(format!(
                "{} has been sent {EMAILS_PER_INVITATION_PER_HOUR} emails in the last hour. Wait an hour before sending another",
                person.name()
            )));
        }
        Ok(())
    }
}

/// After a conditional change to the invitation: applied, the mail still queued for its earlier
/// link is cancelled; not applied, someone changed the invitation first.
async fn unqueue_earlier_mail(
    tx: &mut Tx,
    invitation: &Invitation,
    applied: bool,
) -> Result<(), AppError> {
    if !applied {
        return Err(changed());
    }
    store::cancel_queued_mail(tx, &invitation.invitation_id)
        .await
        .or_db_error()
}
