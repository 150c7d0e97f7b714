//! The sign-in port: throttle, then verify against the stored hash, or against a dummy hash when
//! there is no such account, so both failures take the same time and give the same answer.

use super::passwords;
use super::throttle::LoginThrottle;
use crate::audit::queries as audit;
use crate::audit::queries::AuditEvent;
use crate::auth::accounts;
use crate::clock::Clock;
use crate::store::Db;
use app::auth::port::{Authenticator, Verified};
use app::domain::EmailAddress;
use app::error::AppError;
use async_trait::async_trait;
use std::net::IpAddr;
use std::sync::Arc;

pub struct PasswordAuthenticator {
    db: Db,
    throttle: Arc<LoginThrottle>,
    clock: Arc<dyn Clock>,
    /// A hash of a random password, verified when the account does not exist.
    dummy_hash: String,
}

impl PasswordAuthenticator {
    pub async fn new(
        db: Db,
        throttle: Arc<LoginThrottle>,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let dummy_hash = passwords::hash(uuid::Uuid::new_v4().to_string()).await?;
        Ok(Self {
            db,
            throttle,
            clock,
            dummy_hash,
        })
    }

    /// Records a sign-in attempt about `account` (with its workspace); the account is the
    /// actor only when the attempt succeeded.
    async fn audit(
        &self,
        action: &str,
        account: Option<Verified>,
        succeeded: bool,
        client: IpAddr,
    ) -> Result<(), sqlx::Error> {
        let workspace_id = account
            .and_then(|v| v.workspace_id)
            .map(|id| id.to_string());
        let account_id = account.map(|v| v.account_id.to_string());
        let mut tx = self.db.begin_write().await?;
        let event = AuditEvent {
            workspace_id: workspace_id.as_deref(),
            actor_account_id: account_id.as_deref().filter(|_| succeeded),
            action,
            subject: account_id.as_deref(),
            client_addr: Some(client),
            at: self.clock.now(),
        };
        audit::record(&mut tx, event).await?;
        tx.commit().await
    }
}

#[async_trait]
impl Authenticator for PasswordAuthenticator {
    async fn verify(
        &self,
        email: &EmailAddress,
        password: &str,
        client: IpAddr,
    ) -> Result<Verified, AppError> {
        if !self.throttle.allow(email.as_str(), client) {
            tracing::warn!(%client, "sign-in throttled");
            return Err(AppError::TooManyRequests);
        }
        let credentials = accounts::credentials(&self.db, email.as_str())
            .await
            .map_err(internal)?;
        let hash = credentials
            .as_ref()
            .map_or(&self.dummy_hash, |c| &c.password_hash)
            .clone();
        let matches = passwords::verify(password.to_owned(), hash).await;
        let verified = match credentials {
            Some(Credentials {
                account_id,
                workspace_id,
                ..
            }) if matches => Some(Verified {
                account_id,
                workspace_id,
            }),
            _ => None,
        };
        // A failed attempt on a known account is shown in that account's workspace, about
        // the account and by no one; an unknown address belongs to no workspace.
        // With two-factor authentication on, the password is only the first step.
        let (action, about) = match (verified, &credentials) {
            (Some(verified), Some(known)) if known.two_factor => {
                ("sign_in.password_accepted", Some(verified))
            }
            (Some(verified), _) => ("sign_in.succeeded", Some(verified)),
            (None, Some(known)) => (
                "sign_in.failed",
                Some(Verified {
                    account_id: known.account_id,
                    workspace_id: known.workspace_id,
                }),
            ),
            (None, None) => ("sign_in.failed", None),
        };
        // A password accepted is no sign-in yet: nobody acted until the code is given.
        let signed_in = verified.is_some() && action == "sign_in.succeeded";
        self.audit(action, about, signed_in, client)
            .await
            .map_err(internal)?;
        verified.ok_or(AppError::InvalidCredentials)
    }
}

use accounts::Credentials;

fn internal(error: sqlx::Error) -> AppError {
    tracing::error!(%error, "sign-in failed on the database");
    AppError::Unexpected
}
