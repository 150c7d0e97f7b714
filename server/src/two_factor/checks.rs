//! What the two-factor port checks before it acts: the account's factor, a code given for it
//! (accepted once, inside the transaction of the change it allows), the password, and the
//! throttle every attempt counts in (docs/security.md §20, §38).

use super::codes::{self, WRONG_CODE};
use super::queries::{self, StoredFactor};
use super::service::TwoFactorService;
use crate::account::confirm_current_password;
use crate::store::{OrDbError, Tx};
use app::domain::Actor;
use app::error::AppError;
use std::net::IpAddr;
use uuid::Uuid;

/// Which kind of code was accepted: a recovery code is recorded as such.
pub(super) enum Accepted {
    AppCode,
    RecoveryCode,
}

impl TwoFactorService {
    pub(super) async fn factor(&self, account_id: Uuid) -> Result<Option<StoredFactor>, AppError> {
        queries::factor(&self.db, account_id).await.or_db_error()
    }

    /// The confirmed factor's secret, opened; `None` while two-factor authentication is off.
    pub(super) async fn confirmed_secret(
        &self,
        account_id: Uuid,
    ) -> Result<Option<String>, AppError> {
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
    pub(super) fn admit(&self, account_id: Uuid, client: IpAddr) -> Result<(), AppError> {
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
    pub(super) async fn accept(
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

    /// The password (as the form's field) and a current code or recovery code (likewise),
    /// before a change to a factor that is on: the transaction the change goes in, with the
    /// code already spent in it, so a refused change spends nothing.
    pub(super) async fn checked(
        &self,
        actor: &Actor,
        password: (&str, &str),
        (code_field, code): (&str, &str),
        client: IpAddr,
    ) -> Result<Tx, AppError> {
        confirm_current_password(&self.db, &self.throttle, actor, password, client).await?;
        self.admit(actor.account_id, client)?;
        let secret = self
            .confirmed_secret(actor.account_id)
            .await?
            .ok_or_else(|| AppError::Conflict("Two-factor authentication is off".into()))?;
        let mut tx = self.db.begin_write().await.or_db_error()?;
        if self
            .accept(&mut tx, actor.account_id, &secret, code)
            .await?
            .is_none()
        {
            return Err(AppError::invalid_field(code_field, WRONG_CODE));
        }
        Ok(tx)
    }
}
