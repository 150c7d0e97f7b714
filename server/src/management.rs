//! The management port: what an admin may do to a person, checked here for every action
//! (SECURITY.md 12–15), and done in one transaction with its audit event.

use crate::invitations::{InvitationService, describe_grants, invalid, invitation_link};
use crate::mail::message::InvitationPayload;
use crate::store::audit::{self, AuditEvent};
use crate::store::management::{self as store, Event, Person, Profile};
use crate::store::outbox::{self, NewMessage};
use crate::store::{Tx, db_error, is_unique_violation, sessions};
use crate::tokens;
use app::auth::Actor;
use app::domain::role::{may_grant, may_invite_into, permissions_of};
use app::domain::{EmailAddress, Permission, PersonName, PhoneNumber};
use app::error::{AppError, FormCheck};
use app::invitations::GroupSummary;
use app::joining::time_in_words;
use app::management::{
    ActionDone, CopiedLink, HistoryEntry, InvitationAction, MemberAction, MemberDetails,
    MemberEdit, describe_event,
};
use app::members::MemberState;
use app::ports::{Invitations, Management, Members};
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use std::net::IpAddr;
use std::sync::Arc;
use uuid::Uuid;

/// Emails (resends and new invitations) one invitation may get per hour.
pub const EMAILS_PER_INVITATION_PER_HOUR: i64 = 3;
/// How many audit events about a person the details page shows.
const RECENT_ACTIVITY: i64 = 20;

pub struct ManagementService {
    pub invitations: Arc<InvitationService>,
    pub members: Arc<dyn Members>,
}

impl ManagementService {
    fn now(&self) -> DateTime<Utc> {
        self.invitations.clock.now()
    }

    async fn begin(&self) -> Result<Tx, AppError> {
        self.invitations.db.begin_write().await.map_err(db_error)
    }

    /// The person, if they are in the actor's workspace (SECURITY.md 14).
    async fn person(&self, actor: &Actor, member_id: Uuid) -> Result<Person, AppError> {
        store::person(
            &self.invitations.db,
            &actor.workspace_id.to_string(),
            &member_id.to_string(),
            self.now(),
        )
        .await
        .map_err(db_error)?
        .ok_or(AppError::NotFound)
    }

    async fn groups_of(
        &self,
        actor: &Actor,
        person: &Person,
    ) -> Result<Vec<GroupSummary>, AppError> {
        let groups = self.invitations.groups(actor.workspace_id).await?;
        Ok(groups
            .into_iter()
            .filter(|group| person.group_ids.contains(&group.group_id.to_string()))
            .collect())
    }

    /// A new token and expiry for the person's invitation, queued by email unless `emailed`
    /// is false; returns the link.
    async fn reissue(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        person: &Person,
        recipient: &str,
        emailed: bool,
    ) -> Result<(String, DateTime<Utc>), AppError> {
        let invitation = person.invitation.as_ref().ok_or_else(changed)?;
        let now = self.now();
        let (token, token_hash) = tokens::generate();
        let expires_at = now + self.invitations.ttl;
        if !store::reissue(tx, invitation, &token_hash, expires_at)
            .await
            .map_err(db_error)?
        {
            return Err(changed());
        }
        store::cancel_queued_mail(tx, &invitation.invitation_id)
            .await
            .map_err(db_error)?;
        let link = invitation_link(&self.invitations.base_url, &token);
        if emailed {
            let groups = self.groups_of(actor, person).await?;
            let payload = InvitationPayload {
                first_name: person.first_name.clone(),
                workspace: actor.workspace_name.clone(),
                inviter: actor.display_name.clone(),
                grants: describe_grants(&groups.iter().collect::<Vec<_>>()),
                expires_at,
                sealed_link: Some(self.invitations.sealer.seal(&link)),
            };
            let payload = serde_json::to_string(&payload).map_err(|_| AppError::Unexpected)?;
            let message = NewMessage {
                kind: "invitation",
                recipient,
                payload: &payload,
                invitation_id: Some(&invitation.invitation_id),
            };
            outbox::enqueue(tx, message, now).await.map_err(db_error)?;
        }
        Ok((link, expires_at))
    }

    /// Refuses an email beyond the hourly allowance of this invitation.
    async fn check_email_allowance(&self, tx: &mut Tx, person: &Person) -> Result<(), AppError> {
        let Some(invitation) = &person.invitation else {
            return Ok(());
        };
        let emailing = [
            InvitationAction::Resend.audit_action(),
            InvitationAction::Regenerate.audit_action(),
        ];
        let sent = store::recent_events(
            tx,
            &invitation.invitation_id,
            &emailing,
            self.now() - Duration::hours(1),
        )
        .await
        .map_err(db_error)?;
        if sent >= EMAILS_PER_INVITATION_PER_HOUR {
            return Err(AppError::TooSoon(format!(
                "{} has been sent {EMAILS_PER_INVITATION_PER_HOUR} emails in the last hour. Wait an hour before sending another",
                person.name()
            )));
        }
        Ok(())
    }

    /// What follows when someone's rights shrink or end (SECURITY.md 15): their sessions in
    /// this workspace end (unless it is the actor themselves, who stays signed in with what
    /// is left), and the pending invitations they sent that they could no longer send are
    /// revoked, each with its audit event.
    async fn rights_shrank(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        person: &Person,
        rights_left: &std::collections::BTreeSet<Permission>,
        client: IpAddr,
    ) -> Result<(), AppError> {
        let Some(account_id) = &person.account_id else {
            return Ok(());
        };
        let workspace_id = actor.workspace_id.to_string();
        if *account_id != actor.account_id.to_string() {
            sessions::end_in_workspace(tx, account_id, &workspace_id)
                .await
                .map_err(db_error)?;
        }
        let now = self.now();
        for (invitation_id, roles) in store::pending_sent_by(tx, &workspace_id, account_id)
            .await
            .map_err(db_error)?
        {
            if may_invite_into(rights_left, roles) {
                continue;
            }
            if store::revoke_pending(tx, &invitation_id, now)
                .await
                .map_err(db_error)?
            {
                store::cancel_queued_mail(tx, &invitation_id)
                    .await
                    .map_err(db_error)?;
                self.audit(
                    tx,
                    actor,
                    InvitationAction::Revoke.audit_action(),
                    &invitation_id,
                    client,
                )
                .await?;
            }
        }
        Ok(())
    }

    /// A refusal for want of rights is itself an audit event (SECURITY.md 29), about the
    /// person it concerned.
    async fn record_denial<T>(
        &self,
        actor: &Actor,
        member_id: Uuid,
        client: IpAddr,
        result: Result<T, AppError>,
    ) -> Result<T, AppError> {
        if let Err(AppError::Denied(_)) = &result {
            let mut tx = self.begin().await?;
            self.audit(
                &mut tx,
                actor,
                "access.denied",
                &member_id.to_string(),
                client,
            )
            .await?;
            tx.commit().await.map_err(db_error)?;
        }
        result
    }

    async fn audit(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        action: &str,
        subject: &str,
        client: IpAddr,
    ) -> Result<(), AppError> {
        let event = AuditEvent {
            workspace_id: Some(&actor.workspace_id.to_string()),
            actor_account_id: Some(&actor.account_id.to_string()),
            action,
            subject: Some(subject),
            client_addr: Some(client),
            at: self.now(),
        };
        audit::record(tx, event).await.map_err(db_error)
    }

    /// Refuses the change if it left the workspace without an active Owner.
    async fn keep_an_owner(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        person: &Person,
    ) -> Result<(), AppError> {
        let owners = store::active_owners(tx, &actor.workspace_id.to_string())
            .await
            .map_err(db_error)?;
        if owners == 0 {
            return Err(AppError::Conflict(format!(
                "{} is the workspace's last Owner. Make someone else an Owner first",
                person.name()
            )));
        }
        Ok(())
    }

    async fn history(&self, person: &Person, actor: &Actor) -> Result<MemberDetails, AppError> {
        let db = &self.invitations.db;
        let mut invitation_events: Vec<Event> = Vec::new();
        for invitation_id in store::invitation_ids(db, &person.member_id)
            .await
            .map_err(db_error)?
        {
            invitation_events.extend(
                store::events_about(db, &invitation_id, 200)
                    .await
                    .map_err(db_error)?,
            );
            invitation_events.extend(
                store::emails_of(db, &invitation_id)
                    .await
                    .map_err(db_error)?,
            );
        }
        invitation_events.sort_by_key(|event| event.at);
        let activity = if actor.can(Permission::ViewAuditLog) {
            let events = store::events_about(db, &person.member_id, RECENT_ACTIVITY)
                .await
                .map_err(db_error)?;
            Some(events.iter().map(entry).collect())
        } else {
            None
        };
        let summary = self
            .members
            .details(actor.workspace_id, parse(&person.member_id)?)
            .await?;
        Ok(MemberDetails {
            summary,
            first_name: person.first_name.clone(),
            last_name: person.last_name.clone(),
            country: person.country_code.clone().unwrap_or_default(),
            phone: person.phone.clone().unwrap_or_default(),
            groups: self.groups_of(actor, person).await?,
            permissions: permissions_of(person.roles.iter().copied())
                .into_iter()
                .collect(),
            added: time_in_words(person.created_at),
            joined: person.joined_at.map(time_in_words),
            invitation_history: invitation_events.iter().map(entry).collect(),
            activity,
            is_self: person.member_id == actor.member_id.to_string(),
        })
    }
}

fn entry(event: &Event) -> HistoryEntry {
    HistoryEntry {
        at: time_in_words(event.at),
        what: describe_event(
            &event.action,
            event.actor.as_deref(),
            event.detail.as_deref(),
        ),
    }
}

fn parse(id: &str) -> Result<Uuid, AppError> {
    crate::store::parse_id(id).map_err(db_error)
}

/// Someone else changed the person between the checks and the write.
fn changed() -> AppError {
    AppError::Conflict("This person changed a moment ago. Reload the page and try again".into())
}

/// Admins manage only people whose rights they hold themselves: an Admin cannot touch an Owner.
fn check_outranks(actor: &Actor, person: &Person) -> Result<(), AppError> {
    if may_grant(&actor.permissions, person.roles.iter().copied()) {
        Ok(())
    } else {
        Err(AppError::Denied(format!(
            "{} has rights you do not hold, so you cannot change them",
            person.name()
        )))
    }
}

/// The checks and the changes; the port methods below record any refusal for want of rights.
impl ManagementService {
    async fn invitation_action_checked(
        &self,
        actor: &Actor,
        member_id: Uuid,
        action: InvitationAction,
        client: IpAddr,
    ) -> Result<(ActionDone, Option<CopiedLink>), AppError> {
        let person = self.person(actor, member_id).await?;
        if !may_invite_into(&actor.permissions, person.roles.iter().copied()) {
            return Err(AppError::Denied(
                "You can only manage invitations into groups whose rights you hold yourself".into(),
            ));
        }
        if !action.applies_to(person.state) {
            return Err(AppError::Conflict(
                action.refusal(&person.name(), person.state),
            ));
        }
        let invitation = person.invitation.as_ref().ok_or_else(changed)?;
        let mut tx = self.begin().await?;
        let mut copied = None;
        if action == InvitationAction::Revoke {
            if !store::revoke(&mut tx, invitation, self.now())
                .await
                .map_err(db_error)?
            {
                return Err(changed());
            }
            store::cancel_queued_mail(&mut tx, &invitation.invitation_id)
                .await
                .map_err(db_error)?;
        } else {
            if action.sends_email() {
                self.check_email_allowance(&mut tx, &person).await?;
            }
            let (link, expires_at) = self
                .reissue(&mut tx, actor, &person, &person.email, action.sends_email())
                .await?;
            if action == InvitationAction::CopyLink {
                copied = Some(CopiedLink {
                    member_id,
                    name: person.name(),
                    link,
                    expires: time_in_words(expires_at),
                });
            }
        }
        self.audit(
            &mut tx,
            actor,
            action.audit_action(),
            &invitation.invitation_id,
            client,
        )
        .await?;
        tx.commit().await.map_err(db_error)?;
        self.invitations.mail_wakeup.notify_one();
        let done = ActionDone {
            message: action.done(&person.name()),
        };
        Ok((done, copied))
    }

    async fn member_action_checked(
        &self,
        actor: &Actor,
        member_id: Uuid,
        action: MemberAction,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let person = self.person(actor, member_id).await?;
        if member_id == actor.member_id && action != MemberAction::Reactivate {
            return Err(AppError::Denied(format!(
                "You cannot {} yourself. Ask another Owner or Admin",
                action.label().to_lowercase().trim_end_matches(" user")
            )));
        }
        check_outranks(actor, &person)?;
        if !action.applies_to(person.state) {
            return Err(AppError::Conflict(action.refusal(&person.name())));
        }
        let workspace_id = actor.workspace_id.to_string();
        let now = self.now();
        let mut tx = self.begin().await?;
        store::lock_workspace(&mut tx, &workspace_id)
            .await
            .map_err(db_error)?;
        let applied = match action {
            MemberAction::Deactivate => {
                store::set_state(&mut tx, &person.member_id, "active", "deactivated", now).await
            }
            MemberAction::Reactivate => {
                store::set_state(&mut tx, &person.member_id, "deactivated", "active", now).await
            }
            MemberAction::Remove => store::delete_member(&mut tx, &person.member_id).await,
        }
        .map_err(db_error)?;
        if !applied {
            return Err(changed());
        }
        if action != MemberAction::Reactivate {
            self.keep_an_owner(&mut tx, actor, &person).await?;
            self.rights_shrank(&mut tx, actor, &person, &Default::default(), client)
                .await?;
        }
        self.audit(
            &mut tx,
            actor,
            action.audit_action(),
            &person.member_id,
            client,
        )
        .await?;
        tx.commit().await.map_err(db_error)?;
        Ok(ActionDone {
            message: action.done(&person.name()),
        })
    }

    async fn edit_checked(
        &self,
        actor: &Actor,
        member_id: Uuid,
        edit: MemberEdit,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let person = self.person(actor, member_id).await?;
        check_outranks(actor, &person)?;
        let email_editable =
            !matches!(person.state, MemberState::Active | MemberState::Deactivated);
        let mut form = FormCheck::default();
        let first_name = form.field(
            "first_name",
            PersonName::parse(&edit.first_name, "a first name"),
        );
        let last_name = form.field(
            "last_name",
            PersonName::parse(&edit.last_name, "a last name"),
        );
        let email = if email_editable {
            form.field("email", EmailAddress::parse(&edit.email))
                .map(|email| email.as_str().to_owned())
        } else {
            Some(person.email.clone())
        };
        let phone = form.field("phone", PhoneNumber::parse(&edit.country, &edit.phone));
        let (Some(first_name), Some(last_name), Some(email), Some(phone)) =
            (first_name, last_name, email, phone)
        else {
            return Err(form.into_error());
        };
        let new_address = email != person.email;
        let profile = Profile {
            first_name: first_name.as_str(),
            last_name: last_name.as_str(),
            email: &email,
            country_code: phone.as_ref().map(|p| p.country.as_str()),
            phone: phone.as_ref().map(|p| p.e164.as_str()),
        };
        let mut tx = self.begin().await?;
        match store::update_profile(&mut tx, &person.member_id, &profile, self.now()).await {
            Err(error) if is_unique_violation(&error) => {
                return Err(invalid(
                    "email",
                    "Someone with this email address is already in the workspace",
                ));
            }
            other => other.map_err(db_error)?,
        }
        if new_address && person.invitation.is_some() {
            // The old address's link must not create an account with the new address: it
            // dies, and a pending invitation goes to the new address at once.
            let resend = person.state == MemberState::Invited;
            self.reissue(&mut tx, actor, &person, &email, resend)
                .await?;
            if resend {
                let invitation_id = &person
                    .invitation
                    .as_ref()
                    .ok_or_else(changed)?
                    .invitation_id;
                self.audit(
                    &mut tx,
                    actor,
                    InvitationAction::Resend.audit_action(),
                    invitation_id,
                    client,
                )
                .await?;
            }
        }
        self.audit(&mut tx, actor, "member.edited", &person.member_id, client)
            .await?;
        tx.commit().await.map_err(db_error)?;
        self.invitations.mail_wakeup.notify_one();
        let name = format!("{} {}", first_name.as_str(), last_name.as_str());
        Ok(ActionDone {
            message: if new_address && person.state == MemberState::Invited {
                format!(
                    "Details of {name} saved. Their invitation went to the new address; the earlier link no longer works."
                )
            } else {
                format!("Details of {name} saved.")
            },
        })
    }

    async fn change_groups_checked(
        &self,
        actor: &Actor,
        member_id: Uuid,
        group_ids: Vec<Uuid>,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let person = self.person(actor, member_id).await?;
        check_outranks(actor, &person)?;
        let groups = self.invitations.groups(actor.workspace_id).await?;
        let chosen: Vec<&GroupSummary> = groups
            .iter()
            .filter(|group| group_ids.contains(&group.group_id))
            .collect();
        let distinct: std::collections::HashSet<&Uuid> = group_ids.iter().collect();
        if chosen.is_empty() || chosen.len() != distinct.len() {
            return Err(invalid("groups", "Select groups from the list"));
        }
        let new_roles: Vec<_> = chosen
            .iter()
            .flat_map(|g| g.roles.iter().copied())
            .collect();
        if !may_grant(&actor.permissions, new_roles.iter().copied()) {
            return Err(AppError::Denied(
                "You can only grant groups whose rights you hold yourself".into(),
            ));
        }
        let ids: Vec<String> = chosen.iter().map(|g| g.group_id.to_string()).collect();
        let mut tx = self.begin().await?;
        store::lock_workspace(&mut tx, &actor.workspace_id.to_string())
            .await
            .map_err(db_error)?;
        store::replace_groups(&mut tx, &person.member_id, &ids)
            .await
            .map_err(db_error)?;
        if person.invitation.is_some() {
            store::adopt_invitation(&mut tx, &person.member_id, &actor.account_id.to_string())
                .await
                .map_err(db_error)?;
        }
        self.keep_an_owner(&mut tx, actor, &person).await?;
        let before = permissions_of(person.roles.iter().copied());
        let after = permissions_of(new_roles);
        if !before.is_subset(&after) {
            self.rights_shrank(&mut tx, actor, &person, &after, client)
                .await?;
        }
        self.audit(
            &mut tx,
            actor,
            "member.groups_changed",
            &person.member_id,
            client,
        )
        .await?;
        tx.commit().await.map_err(db_error)?;
        let names: Vec<&str> = chosen.iter().map(|g| g.name.as_str()).collect();
        Ok(ActionDone {
            message: format!("{} is now in {}.", person.name(), names.join(", ")),
        })
    }
}

#[async_trait]
impl Management for ManagementService {
    async fn details(&self, actor: &Actor, member_id: Uuid) -> Result<MemberDetails, AppError> {
        let person = self.person(actor, member_id).await?;
        self.history(&person, actor).await
    }

    async fn invitation_action(
        &self,
        actor: &Actor,
        member_id: Uuid,
        action: InvitationAction,
        client: IpAddr,
    ) -> Result<(ActionDone, Option<CopiedLink>), AppError> {
        let result = self
            .invitation_action_checked(actor, member_id, action, client)
            .await;
        self.record_denial(actor, member_id, client, result).await
    }

    async fn member_action(
        &self,
        actor: &Actor,
        member_id: Uuid,
        action: MemberAction,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let result = self
            .member_action_checked(actor, member_id, action, client)
            .await;
        self.record_denial(actor, member_id, client, result).await
    }

    async fn edit(
        &self,
        actor: &Actor,
        member_id: Uuid,
        edit: MemberEdit,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let result = self.edit_checked(actor, member_id, edit, client).await;
        self.record_denial(actor, member_id, client, result).await
    }

    async fn change_groups(
        &self,
        actor: &Actor,
        member_id: Uuid,
        group_ids: Vec<Uuid>,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let result = self
            .change_groups_checked(actor, member_id, group_ids, client)
            .await;
        self.record_denial(actor, member_id, client, result).await
    }
}
