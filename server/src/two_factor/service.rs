//! The two-factor port (docs/security.md §38). Codes are judged by the injected clock; every
//! code is accepted by one conditional statement (a step that moves forward, a recovery code
//! not yet used), so none works twice; wrong codes count in the sign-in throttle (§20).

use super::codes::{self, WRONG_CODE, WRONG_FIRST_CODE};
use super::queries::{self, StoredFactor};
use crate::account::{confirm_current_password, done};
use crate::audit::queries::{self as audit, AuditEvent};
use crate::auth::throttle::LoginThrottle;
use crate::clock::Clock;
use crate::mail::two_factor::TwoFactorChangedPayload;
use crate::secrets::Sealer;
use crate::store::{Db, OrDbError, Tx};
use app::domain::{ActionDone, Actor};
use app::error::AppError;
use app::two_factor::port::TwoFactor;
use app::two_factor::{RECOVERY_CODE_COUNT, TotpSetup, TwoFactorView};
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

/// Which kind of code was accepted: a recovery code is recorded as such.
enum Accepted {
    AppCode,
    RecoveryCode,
}

impl TwoFactorService {
    async fn factor(&self, account_id: Uuid) -> Result<Option<StoredFactor>, AppError> {
        queries::factor(&self.db, account_id).await.or_db_error()
    }

    /// The confirmed factor's secret, opened; `None` while two-factor authentication is off.
    async fn confirmed_secret(&self, account_id: Uuid) -> Result<Option<String>, AppError> {
        match self.factor(account_id).await? {
            Some(factor) if factor.confirmed_at.is_some() => self.open(&factor).map(Some),
            _ => Ok(None),
        }
    }

    fn open(&self, factor: &StoredFactor) -> Result<String, AppError> {
        self.sealer.open(&factor.sealed_secret).ok_or_else(|| {
            tracing::error!("a two-factor secret does not open with the key file");
            AppError::Unexpected
        })
    }

    /// Counts an attempt at a code for the account in the sign-in throttle.
    fn admit(&self, account_id: Uuid, client: IpAddr) -> Result<(), AppError> {
        if self
            .throttle
            .allow(&format!("second-factor:{account_id}"), client)
        {
            Ok(())
        } else {
            tracing::warn!(%client, "second factor throttled");
            Err(AppError::TooManyRequests)
        }
    }

    /// Accepts `code` for a confirmed factor, inside `tx`: a code from the app of a step after
    /// the last one used, or an unused recovery code.
    async fn accept(
        &self,
        tx: &mut Tx,
        account_id: Uuid,
        secret: &str,
        code: &str,
    ) -> Result<Option<Accepted>, AppError> {
        let now = self.clock.now();
        if codes::looks_like_app_code(code) {
            let Some(step) = codes::step_of(secret, code, now) else {
                return Ok(None);
            };
            let accepted = queries::accept_step(tx, account_id, step)
                .await
                .or_db_error()?;
            Ok(accepted.then_some(Accepted::AppCode))
        } else {
            let hash = codes::recovery_code_hash(code);
            let used = queries::use_recovery_code(tx, account_id, &hash, now)
                .await
                .or_db_error()?;
            Ok(used.then_some(Accepted::RecoveryCode))
        }
    }
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
        let recovery_codes: Vec<String> = (0..RECOVERY_CODE_COUNT)
            .map(|_| codes::new_recovery_code())
            .collect();
        let hashes: Vec<String> = recovery_codes
            .iter()
            .map(|code| codes::recovery_code_hash(code))
            .collect();
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
        let password = ("off_password", password);
        confirm_current_password(&self.db, &self.throttle, actor, password, client).await?;
        self.admit(actor.account_id, client)?;
        let secret = self
            .confirmed_secret(actor.account_id)
            .await?
            .ok_or_else(|| AppError::Conflict("Two-factor authentication is already off".into()))?;
        let mut tx = self.db.begin_write().await.or_db_error()?;
        if self
            .accept(&mut tx, actor.account_id, &secret, code)
            .await?
            .is_none()
        {
            return Err(AppError::invalid_field("off_code", WRONG_CODE));
        }
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
