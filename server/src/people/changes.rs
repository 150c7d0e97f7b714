//! The frame every admin change to people and groups runs in (docs/security.md §12–15): a
//! write transaction holding the workspace's lock, its audit events, the refusal recorded, and
//! what follows when someone's rights shrink. The management and group services each own one.

use crate::audit::queries as audit;
use crate::auth::sessions;
use crate::clock::Clock;
use crate::people::queries::management as store;
use crate::people::queries::membership;
use crate::store::{Db, OrDbError, Tx};
use app::domain::role::may_invite_into;
use app::domain::{Actor, Permission};
use app::error::AppError;
use app::people::InvitationAction;
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use std::net::IpAddr;
use std::sync::Arc;
use tokio::sync::Notify;
use uuid::Uuid;

/// What an admin change needs: its own database, clock and the mail worker's wake-up.
#[derive(Clone)]
pub struct Changes {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    /// Woken after a commit, for the mail the change queued.
    pub mail_wakeup: Arc<Notify>,
}

impl Changes {
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub async fn begin(&self) -> Result<Tx, AppError> {
        self.db.begin_write().await.or_db_error()
    }

    /// A write transaction holding the workspace's lock (see `ManagementService::locked`).
    pub async fn locked_workspace(&self, actor: &Actor) -> Result<Tx, AppError> {
        let mut tx = self.begin().await?;
        crate::people::queries::membership::lock_workspace(
            &mut tx,
            &actor.workspace_id.to_string(),
        )
        .await
        .or_db_error()?;
        Ok(tx)
    }

    /// Commits a change that succeeded (and wakes the mail worker for what it queued), or rolls
    /// back one that did not, at once, so the lock is free for what comes next.
    pub async fn settle<T>(&self, tx: Tx, outcome: Result<T, AppError>) -> Result<T, AppError> {
        match outcome {
            Ok(value) => {
                tx.commit().await.or_db_error()?;
                self.mail_wakeup.notify_one();
                Ok(value)
            }
            Err(error) => {
                tx.rollback().await.or_db_error()?;
                Err(error)
            }
        }
    }

    /// A refusal for want of rights is itself an audit event (docs/security.md §29), about the
    /// person or group it concerned.
    pub async fn record_denial<T>(
        &self,
        actor: &Actor,
        subject: Uuid,
        client: IpAddr,
        result: Result<T, AppError>,
    ) -> Result<T, AppError> {
        if let Err(AppError::Denied(_)) = &result {
            let subject = subject.to_string();
            audit::record_denied(&self.db, actor, &subject, client, self.now())
                .await
                .or_db_error()?;
        }
        result
    }

    pub async fn audit(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        action: &str,
        subject: &str,
        client: IpAddr,
    ) -> Result<(), AppError> {
        audit::record_by(tx, actor, action, subject, client, self.now())
            .await
            .or_db_error()
    }
    /// What follows when someone's rights shrink or end (docs/security.md §15): their sessions in
    /// this workspace end (unless it is the actor themselves, who stays signed in with what
    /// is left), and the pending invitations they sent that they could no longer send are
    /// revoked, each with its audit event.
    pub async fn rights_shrank(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        account_id: Option<&str>,
        rights_left: &BTreeSet<Permission>,
        client: IpAddr,
    ) -> Result<(), AppError> {
        let Some(account_id) = account_id else {
            return Ok(());
        };
        let workspace_id = actor.workspace_id.to_string();
        if account_id != actor.account_id.to_string() {
            sessions::end_in_workspace(tx, account_id, &workspace_id)
                .await
                .or_db_error()?;
        }
        let now = self.now();
        for (invitation_id, roles) in store::pending_sent_by(tx, &workspace_id, account_id)
            .await
            .or_db_error()?
        {
            if may_invite_into(rights_left, roles) {
                continue;
            }
            if store::revoke_pending(tx, &invitation_id, now)
                .await
                .or_db_error()?
            {
                store::cancel_queued_mail(tx, &invitation_id)
                    .await
                    .or_db_error()?;
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

    /// Refuses the change if it left the workspace without an active Owner.
    pub async fn keep_an_owner(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        refusal: &str,
    ) -> Result<(), AppError> {
        let owners = membership::active_owners(tx, &actor.workspace_id.to_string())
            .await
            .or_db_error()?;
        if owners == 0 {
            return Err(AppError::Conflict(refusal.to_owned()));
        }
        Ok(())
    }
}
