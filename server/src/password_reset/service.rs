//! The password reset port (docs/security.md §36–37). Asking for a link answers the same, in the
//! same time, whether or not the address has an account; the link is used by one conditional
//! statement; a new password ends every session of the account and kills its other links.

use super::links;
use crate::audit::queries::{self as audit, AuditEvent};
use crate::auth::throttle::{ClientThrottle, LoginThrottle};
use crate::auth::{accounts, passwords, sessions};
use crate::clock::Clock;
use crate::mail::outbox;
use crate::mail::password_reset::{PasswordChangedPayload, PasswordResetPayload};
use crate::secrets::Sealer;
use crate::store::{Db, OrDbError};
use crate::tokens;
use app::domain::EmailAddress;
use app::error::AppError;
use app::password_reset::ResetPreview;
use app::password_reset::api::link_gone;
use app::password_reset::port::PasswordResets;
use app::words::moment;
use async_trait::async_trait;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use url::Url;

/// Every request for a link takes at least this long, so the time does not tell whether the
/// address has an account: the work for one (a write, sealing a link) is a few milliseconds.
const ANSWER_AFTER: Duration = Duration::from_millis(300);

pub struct PasswordResetService {
    pub db: Db,
    pub sealer: Sealer,
    pub base_url: Url,
    pub ttl: chrono::Duration,
    pub clock: Arc<dyn Clock>,
    /// Requests for a link, per address and per client.
    pub request_throttle: LoginThrottle,
    /// Look-ups and uses of a link, per client.
    pub link_throttle: ClientThrottle,
    pub mail_wakeup: Arc<Notify>,
}

impl PasswordResetService {
    /// Records the request and, for an account, its link and email, in one transaction.
    async fn record_request(&self, email: &EmailAddress, client: IpAddr) -> Result<(), AppError> {
        let account = accounts::credentials(&self.db, email.as_str())
            .await
            .or_db_error()?;
        let now = self.clock.now();
        let mut tx = self.db.begin_write().await.or_db_error()?;
        let account_id = account.as_ref().map(|a| a.account_id.to_string());
        let workspace_id = account
            .as_ref()
            .and_then(|a| a.workspace_id)
            .map(|id| id.to_string());
        if let Some(account) = &account {
            let (token, token_hash) = tokens::generate();
            let expires_at = now + self.ttl;
            links::insert(&mut tx, account.account_id, &token_hash, now, expires_at)
                .await
                .or_db_error()?;
            let payload = PasswordResetPayload {
                display_name: account.display_name.clone(),
                expires_at,
                sealed_link: Some(self.sealer.seal(&self.link(&token)?)),
            };
            let kind = PasswordResetPayload::KIND;
            outbox::enqueue_json(&mut tx, kind, email.as_str(), &payload, now)
                .await
                .or_db_error()?;
        }
        // Unknown addresses are recorded too, in no workspace: the same write either way.
        let event = AuditEvent {
            workspace_id: workspace_id.as_deref(),
            actor_account_id: None,
            action: "password_reset.requested",
            subject: account_id.as_deref(),
            client_addr: Some(client),
            at: now,
        };
        audit::record(&mut tx, event).await.or_db_error()?;
        tx.commit().await.or_db_error()?;
        if account.is_some() {
            self.mail_wakeup.notify_one();
        }
        Ok(())
    }

    fn link(&self, token: &str) -> Result<String, AppError> {
        tokens::link(&self.base_url, app::routes::PASSWORD_RESET_NEW, token)
            .map_err(|_| AppError::Unexpected)
    }

    /// The link behind `token`, after counting the look-up against the client.
    async fn find(&self, token: &str, client: IpAddr) -> Result<Option<links::Found>, AppError> {
        self.link_throttle.admit(client, "password reset links")?;
        links::find(&self.db, &tokens::hash(token))
            .await
            .or_db_error()
    }

    /// Sets the password, uses the link and ends what the old password opened, in one
    /// transaction; `false` when the link was used or expired meanwhile.
    async fn apply(
        &self,
        token_hash: &str,
        found: &links::Found,
        password_hash: &str,
        client: IpAddr,
    ) -> Result<bool, AppError> {
        let now = self.clock.now();
        let mut tx = self.db.begin_write().await.or_db_error()?;
        let Some(account_id) = links::use_open(&mut tx, token_hash, now)
            .await
            .or_db_error()?
        else {
            return Ok(false);
        };
        accounts::set_password(&mut tx, account_id, password_hash, now)
            .await
            .or_db_error()?;
        let account = account_id.to_string();
        sessions::end_everywhere(&mut tx, &account)
            .await
            .or_db_error()?;
        PasswordChangedPayload::queue(
            &mut tx,
            &found.display_name,
            &found.email,
            &self.base_url,
            now,
        )
        .await
        .or_db_error()?;
        let action = "password_reset.completed";
        audit::record_by_link_holder(&mut tx, account_id, action, client, now)
            .await
            .or_db_error()?;
        tx.commit().await.or_db_error()?;
        self.mail_wakeup.notify_one();
        Ok(true)
    }
}

fn expired(found: &links::Found) -> AppError {
    AppError::Conflict(format!(
        "This reset link expired on {}. Ask for a new one",
        moment(found.expires_at)
    ))
}

#[async_trait]
impl PasswordResets for PasswordResetService {
    async fn request(&self, email: &EmailAddress, client: IpAddr) -> Result<(), AppError> {
        let answer_at = tokio::time::Instant::now() + ANSWER_AFTER;
        // Counted per address whether or not it has an account: the limit tells nothing either.
        if !self.request_throttle.allow(email.as_str(), client) {
            tracing::warn!(%client, "password reset requests throttled");
            return Err(AppError::TooManyRequests);
        }
        let recorded = self.record_request(email, client).await;
        tokio::time::sleep_until(answer_at).await;
        recorded
    }

    async fn preview(&self, token: &str, client: IpAddr) -> Result<ResetPreview, AppError> {
        Ok(match self.find(token, client).await? {
            Some(found) if found.used => ResetPreview::Unavailable,
            Some(found) if found.expires_at <= self.clock.now() => ResetPreview::Expired,
            Some(found) => ResetPreview::Open { email: found.email },
            None => ResetPreview::Unavailable,
        })
    }

    async fn complete(&self, token: &str, password: &str, client: IpAddr) -> Result<(), AppError> {
        let found = match self.find(token, client).await? {
            Some(found) if !found.used => found,
            _ => return Err(link_gone()),
        };
        if found.expires_at <= self.clock.now() {
            return Err(expired(&found));
        }
        let personal = [found.email.as_str(), found.display_name.as_str()];
        let password_hash = passwords::hash_new(password, &personal).await?;
        let token_hash = tokens::hash(token);
        if self
            .apply(&token_hash, &found, &password_hash, client)
            .await?
        {
            return Ok(());
        }
        // Used or expired between the look-up and now: the clock is read again at POST time.
        if found.expires_at <= self.clock.now() {
            Err(expired(&found))
        } else {
            Err(link_gone())
        }
    }
}
