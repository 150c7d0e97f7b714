//! The email change port. Asking needs the current password and answers the same whether or not
//! the new address belongs to another account (which then gets no link); the link is used by
//! one conditional statement; the old address is told once the change is made.

use super::links;
use crate::account::{confirm_current_password, done};
use crate::audit::queries as audit;
use crate::auth::throttle::{ClientThrottle, LoginThrottle};
use crate::clock::Clock;
use crate::mail::email_change::{EmailChangePayload, EmailChangedPayload};
use crate::mail::outbox;
use crate::secrets::Sealer;
use crate::store::{Db, OrDbError, is_unique_violation};
use crate::tokens;
use app::domain::{ActionDone, Actor, EmailAddress};
use app::email_change::EmailChangeLink;
use app::email_change::api::link_gone;
use app::email_change::port::EmailChanges;
use app::error::AppError;
use app::words::moment;
use async_trait::async_trait;
use std::net::IpAddr;
use std::sync::Arc;
use tokio::sync::Notify;
use url::Url;

/// How long the link to a new address works: long enough to open another mailbox.
const LINK_TTL: chrono::Duration = chrono::Duration::hours(24);

pub struct EmailChangeService {
    pub db: Db,
    pub sealer: Sealer,
    pub base_url: Url,
    pub clock: Arc<dyn Clock>,
    /// The sign-in throttle, for the current password.
    pub password_throttle: Arc<LoginThrottle>,
    /// Look-ups and uses of a link, per client.
    pub link_throttle: ClientThrottle,
    pub mail_wakeup: Arc<Notify>,
}

impl EmailChangeService {
    fn link(&self, token: &str) -> Result<String, AppError> {
        tokens::link(&self.base_url, app::routes::EMAIL_CHANGE_CONFIRM, token)
            .map_err(|_| AppError::Unexpected)
    }

    async fn find(&self, token: &str, client: IpAddr) -> Result<Option<links::Found>, AppError> {
        self.link_throttle.admit(client, "email change links")?;
        links::find(&self.db, &tokens::hash(token))
            .await
            .or_db_error()
    }
}

fn address_taken() -> AppError {
    AppError::Conflict(
        "That address can no longer be yours: another account, or an invitation in one of your \
         workspaces, uses it now"
            .into(),
    )
}

#[async_trait]
impl EmailChanges for EmailChangeService {
    async fn request(
        &self,
        actor: &Actor,
        new_email: &EmailAddress,
        current_password: &str,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let throttle = &self.password_throttle;
        let current = ("email_password", current_password);
        confirm_current_password(&self.db, throttle, actor, current, client).await?;
        let sent = done(&format!(
            "We sent a link to {}. Follow it to make it your sign-in address",
            new_email.as_str()
        ));
        // Another account's address gets no link, and neither the answer nor the audit log
        // says so: the request is recorded the same way, in the same kind of transaction.
        let taken = links::address_taken(&self.db, new_email.as_str())
            .await
            .or_db_error()?;
        let (token, token_hash) = tokens::generate();
        let now = self.clock.now();
        let expires_at = now + LINK_TTL;
        let payload = EmailChangePayload {
            display_name: actor.display_name.clone(),
            new_email: new_email.as_str().to_owned(),
            expires_at,
            sealed_link: Some(self.sealer.seal(&self.link(&token)?)),
        };
        let mut tx = self.db.begin_write().await.or_db_error()?;
        if !taken {
            let address = new_email.as_str();
            links::replace(
                &mut tx,
                actor.account_id,
                address,
                &token_hash,
                now,
                expires_at,
            )
            .await
            .or_db_error()?;
            outbox::enqueue_json(&mut tx, EmailChangePayload::KIND, address, &payload, now)
                .await
                .or_db_error()?;
        }
        let subject = actor.account_id.to_string();
        let action = "email_change.requested";
        audit::record_by(&mut tx, actor, action, &subject, client, now)
            .await
            .or_db_error()?;
        tx.commit().await.or_db_error()?;
        self.mail_wakeup.notify_one();
        Ok(sent)
    }

    async fn preview(&self, token: &str, client: IpAddr) -> Result<EmailChangeLink, AppError> {
        Ok(match self.find(token, client).await? {
            Some(found) if found.used => EmailChangeLink::Unavailable,
            Some(found) if found.expires_at <= self.clock.now() => EmailChangeLink::Expired,
            Some(found) => EmailChangeLink::Open {
                new_email: found.new_email,
            },
            None => EmailChangeLink::Unavailable,
        })
    }

    async fn confirm(&self, token: &str, client: IpAddr) -> Result<(), AppError> {
        let found = match self.find(token, client).await? {
            Some(found) if !found.used => found,
            _ => return Err(link_gone()),
        };
        let now = self.clock.now();
        let expired = || {
            AppError::Conflict(format!(
                "This confirmation link expired on {}. Ask for a new one from your account page",
                moment(found.expires_at)
            ))
        };
        let mut tx = self.db.begin_write().await.or_db_error()?;
        let Some((account_id, new_email)) = links::use_open(&mut tx, &tokens::hash(token), now)
            .await
            .or_db_error()?
        else {
            // Used or expired between the look-up and now.
            return Err(if found.expires_at <= now {
                expired()
            } else {
                link_gone()
            });
        };
        let (old_email, display_name) =
            match links::move_address(&mut tx, account_id, &new_email, now).await {
                Ok(old) => old,
                // Dropping the transaction undoes the link's use too: it works again once the
                // address is free.
                Err(error) if is_unique_violation(&error) => return Err(address_taken()),
                Err(error) => return Err(error).or_db_error(),
            };
        let notice = EmailChangedPayload {
            display_name,
            new_email: new_email.clone(),
            changed_at: now,
        };
        outbox::enqueue_json(&mut tx, EmailChangedPayload::KIND, &old_email, &notice, now)
            .await
            .or_db_error()?;
        let action = "email_change.confirmed";
        audit::record_by_link_holder(&mut tx, account_id, action, client, now)
            .await
            .or_db_error()?;
        tx.commit().await.or_db_error()?;
        self.mail_wakeup.notify_one();
        Ok(())
    }
}
