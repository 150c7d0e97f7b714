//! The two-factor port (docs/security.md §38). Codes are judged by the injected clock; every
//! code is accepted by one conditional statement (a step that moves forward, a recovery code
//! not yet used), so none works twice; wrong codes count in the sign-in throttle (§20).

use super::checks::Accepted;
use super::codes::{self, WRONG_CODE, WRONG_FIRST_CODE};
use super::queries;
use crate::account::{confirm_current_password, done};
use crate::audit::queries::{self as audit, AuditEvent};
use crate::auth::throttle::LoginThrottle;
use crate::clock::Clock;
use crate::mail::two_factor::TwoFactorChangedPayload;
use crate::secrets::Sealer;
use crate::store::{Db, OrDbError};
use app::domain::{ActionDone, Actor};
use app::error::AppError;
use app::two_factor::port::TwoFactor;
use app::two_factor::{TotpSetup, TwoFactorView};
use async_trait::async_trait;
use std::net::IpAddr;
use std::sync::Arc;
use uuid::Uuid;

pub struct TwoFactorService {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub sealer: Sealer,
    /// The sign-in throttle: a wrong password or code here counts as a failed sign-in.
    pub throttle: Arc<LoginThrottle>,
    /// For the notice of a change, with a link to start over.
    pub base_url: url::Url,
    pub mail_wakeup: Arc<tokio::sync::Notify>,
}

fn already_on() -> AppError {
    AppError::Conflict("Two-factor authentication is already on".into())
}

#[async_trait]
impl TwoFactor for TwoFactorService {
    async fn status(&self, actor: &Actor) -> Result<TwoFactorView, AppError> {
        let on_since = self
            .factor(actor.account_id)
            .await?
            .and_then(|factor| factor.confirmed_at);
        let recovery_codes_left = queries::recovery_codes_left(&self.db, actor.account_id)
            .await
            .or_db_error()?;
        Ok(TwoFactorView {
            on_since,
            recovery_codes_left,
            required_by: actor
                .two_factor_required
                .then(|| actor.workspace_name.clone()),
        })
    }

    async fn begin_setup(
        &self,
        actor: &Actor,
        password: &str,
        client: IpAddr,
    ) -> Result<String, AppError> {
        let password = ("setup_password", password);
        confirm_current_password(&self.db, &self.throttle, actor, password, client).await?;
        if self.is_on(actor.account_id).await? {
            return Err(already_on());
        }
        Ok(codes::new_secret())
    }

    async fn setup(&self, actor: &Actor, secret: &str) -> Result<TotpSetup, AppError> {
        let qr_svg = codes::qr_svg(secret, &actor.email).ok_or(AppError::Unexpected)?;
        Ok(TotpSetup {
            key: codes::typed_key(secret),
            qr_svg,
        })
    }

    async fn confirm_setup(
        &self,
        actor: &Actor,
        secret: &str,
        code: &str,
        client: IpAddr,
    ) -> Result<Vec<String>, AppError> {
        self.admit(actor.account_id, client)?;
        let now = self.clock.now();
        let wrong = || AppError::invalid_field("code", WRONG_FIRST_CODE);
        let step = codes::step_of(secret, code, now).ok_or_else(wrong)?;
        let (recovery_codes, hashes) = codes::new_recovery_codes();
        let sealed = self.sealer.seal(secret);
        let mut tx = self.db.begin_write().await.or_db_error()?;
        let turned_on = queries::turn_on(&mut tx, actor.account_id, &sealed, step, now)
            .await
            .or_db_error()?;
        if !turned_on {
            return Err(already_on());
        }
        queries::replace_recovery_codes(&mut tx, actor.account_id, &hashes)
            .await
            .or_db_error()?;
        let subject = actor.account_id.to_string();
        audit::record_by(
            &mut tx,
            actor,
            "two_factor.turned_on",
            &subject,
            client,
            now,
        )
        .await
        .or_db_error()?;
        TwoFactorChangedPayload::queue(&mut tx, actor, true, &self.base_url, now)
            .await
            .or_db_error()?;
        tx.commit().await.or_db_error()?;
        self.mail_wakeup.notify_one();
        Ok(recovery_codes)
    }

    async fn turn_off(
        &self,
        actor: &Actor,
        password: &str,
        code: &str,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        if actor.two_factor_required {
            return Err(AppError::Conflict(format!(
                "{} requires two-factor authentication, so it stays on",
                actor.workspace_name
            )));
        }
        let mut tx = self
            .checked(
                actor,
                ("off_password", password),
                ("off_code", code),
                client,
            )
            .await?;
        queries::remove(&mut tx, actor.account_id)
            .await
            .or_db_error()?;
        let (subject, now) = (actor.account_id.to_string(), self.clock.now());
        audit::record_by(
            &mut tx,
            actor,
            "two_factor.turned_off",
            &subject,
            client,
            now,
        )
        .await
        .or_db_error()?;
        TwoFactorChangedPayload::queue(&mut tx, actor, false, &self.base_url, now)
            .await
            .or_db_error()?;
        tx.commit().await.or_db_error()?;
        self.mail_wakeup.notify_one();
        Ok(done("Two-factor authentication is off"))
    }

    async fn replace_recovery_codes(
        &self,
        actor: &Actor,
        password: &str,
        code: &str,
        client: IpAddr,
    ) -> Result<Vec<String>, AppError> {
        let mut tx = self
            .checked(
                actor,
                ("codes_password", password),
                ("codes_code", code),
                client,
            )
            .await?;
        let (fresh, hashes) = codes::new_recovery_codes();
        queries::replace_recovery_codes(&mut tx, actor.account_id, &hashes)
            .await
            .or_db_error()?;
        let (subject, now) = (actor.account_id.to_string(), self.clock.now());
        let action = "two_factor.recovery_codes_replaced";
        audit::record_by(&mut tx, actor, action, &subject, client, now)
            .await
            .or_db_error()?;
        tx.commit().await.or_db_error()?;
        Ok(fresh)
    }

    async fn is_on(&self, account_id: Uuid) -> Result<bool, AppError> {
        Ok(self
            .factor(account_id)
            .await?
            .is_some_and(|factor| factor.confirmed_at.is_some()))
    }

    async fn verify_sign_in(
        &self,
        account_id: Uuid,
        workspace_id: Option<Uuid>,
        code: &str,
        client: IpAddr,
    ) -> Result<(), AppError> {
        self.admit(account_id, client)?;
        // Turned off since the password: the password alone signs in again.
        let secret = self
            .confirmed_secret(account_id)
            .await?
            .ok_or_else(|| AppError::Conflict(app::two_factor::api::SIGN_IN_AGAIN.into()))?;
        let mut tx = self.db.begin_write().await.or_db_error()?;
        let accepted = self.accept(&mut tx, account_id, &secret, code).await?;
        // A wrong code is shown in the workspace, about the account and by no one (as a wrong
        // password is); a recovery code used is recorded as the account's own act.
        let action = match accepted {
            None => "sign_in.second_factor_failed",
            Some(Accepted::RecoveryCode) => "sign_in.recovery_code_used",
            Some(Accepted::AppCode) => "sign_in.second_factor_succeeded",
        };
        let (account, workspace) = (
            account_id.to_string(),
            workspace_id.map(|id| id.to_string()),
        );
        let event = AuditEvent {
            workspace_id: workspace.as_deref(),
            actor_account_id: accepted.is_some().then_some(account.as_str()),
            action,
            subject: Some(&account),
            client_addr: Some(client),
            at: self.clock.now(),
        };
        audit::record(&mut tx, event).await.or_db_error()?;
        tx.commit().await.or_db_error()?;
        match accepted {
            Some(_) => Ok(()),
            None => Err(AppError::invalid_field("code", WRONG_CODE)),
        }
    }
}
