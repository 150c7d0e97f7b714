//! The account page's port: the signed-in actor's own name, password and sessions. Every query
//! is bound to the actor's account, so nobody reaches another person's sessions here.

use super::queries::{self, StoredSession};
use crate::audit::queries as audit;
use crate::auth::throttle::LoginThrottle;
use crate::auth::{accounts, passwords};
use crate::clock::Clock;
use crate::mail::password_reset::PasswordChangedPayload;
use crate::store::{Db, OrDbError};
use app::account::port::OwnAccount;
use app::account::{AccountView, SessionView};
use app::domain::{ActionDone, Actor, PersonName};
use app::error::{AppError, FieldError, FieldErrors};
use async_trait::async_trait;
use std::net::IpAddr;
use std::sync::Arc;
use tokio::sync::Notify;
use url::Url;

pub struct AccountService {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    /// The sign-in throttle: a wrong current password counts as a failed sign-in.
    pub throttle: Arc<LoginThrottle>,
    pub base_url: Url,
    pub mail_wakeup: Arc<Notify>,
}

impl AccountService {
    async fn sessions(&self, actor: &Actor) -> Result<Vec<StoredSession>, AppError> {
        queries::of_account(&self.db, actor.account_id, self.clock.now())
            .await
            .or_db_error()
    }

    /// Ends sessions of the actor's account (`which`, inside the transaction) and records it.
    async fn end(&self, actor: &Actor, which: Ending<'_>, client: IpAddr) -> Result<u64, AppError> {
        let mut tx = self.db.begin_write().await.or_db_error()?;
        let ended = match which {
            Ending::One(key) => queries::end(&mut tx, actor.account_id, key).await,
            Ending::AllBut(handle) => queries::end_all_but(&mut tx, actor.account_id, handle).await,
        }
        .or_db_error()?;
        let subject = actor.account_id.to_string();
        let (action, now) = ("account.sessions_ended", self.clock.now());
        audit::record_by(&mut tx, actor, action, &subject, client, now)
            .await
            .or_db_error()?;
        tx.commit().await.or_db_error()?;
        Ok(ended)
    }
}

pub fn done(message: &str) -> ActionDone {
    ActionDone {
        message: message.to_owned(),
        opens_page: false,
    }
}

/// Which sessions to end: one, by its key, or all but the one a handle names.
enum Ending<'a> {
    One(&'a str),
    AllBut(&'a str),
}

/// Checks the signed-in person's password before a change that needs it (a new password, a new
/// sign-in address): throttled with sign-in (docs/security.md §20); a wrong one is the error
/// of the form's `field`.
pub async fn confirm_current_password(
    db: &Db,
    throttle: &LoginThrottle,
    actor: &Actor,
    (field, password): (&str, &str),
    client: IpAddr,
) -> Result<(), AppError> {
    if !throttle.allow(&actor.email, client) {
        return Err(AppError::TooManyRequests);
    }
    let stored = queries::password_hash(db, actor.account_id)
        .await
        .or_db_error()?;
    if passwords::verify(password.to_owned(), stored).await {
        Ok(())
    } else {
        Err(AppError::Invalid(FieldErrors(vec![FieldError {
            field: field.into(),
            message: "The password is incorrect".into(),
        }])))
    }
}

#[async_trait]
impl OwnAccount for AccountService {
    async fn overview(&self, actor: &Actor, current_handle: &str) -> Result<AccountView, AppError> {
        let mut sessions: Vec<SessionView> = self
            .sessions(actor)
            .await?
            .into_iter()
            .map(|session| SessionView {
                current: session.handle == current_handle,
                handle: session.handle,
                device: session
                    .auth
                    .device
                    .unwrap_or_else(|| "Unknown browser".to_owned()),
                address: session
                    .auth
                    .client_addr
                    .map_or_else(|| "Unknown".to_owned(), |addr| addr.to_string()),
                started: session.auth.signed_in_at,
                last_seen: session.last_seen,
                workspace: session.workspace,
            })
            .collect();
        // Stable: the others stay most recently seen first.
        sessions.sort_by_key(|session| !session.current);
        Ok(AccountView {
            display_name: actor.display_name.clone(),
            email: actor.email.clone(),
            sessions,
        })
    }

    async fn rename(
        &self,
        actor: &Actor,
        display_name: PersonName,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let now = self.clock.now();
        let mut tx = self.db.begin_write().await.or_db_error()?;
        queries::rename(&mut tx, actor.account_id, display_name.as_str(), now)
            .await
            .or_db_error()?;
        let subject = actor.account_id.to_string();
        audit::record_by(&mut tx, actor, "account.renamed", &subject, client, now)
            .await
            .or_db_error()?;
        tx.commit().await.or_db_error()?;
        Ok(done(&format!(
            "Your display name is now {}",
            display_name.as_str()
        )))
    }

    async fn change_password(
        &self,
        actor: &Actor,
        current_password: &str,
        new_password: &str,
        current_handle: &str,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let current = ("current_password", current_password);
        confirm_current_password(&self.db, &self.throttle, actor, current, client).await?;
        let personal = [actor.display_name.as_str(), actor.email.as_str()];
        let password_hash = passwords::hash_new(new_password, &personal).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin_write().await.or_db_error()?;
        accounts::set_password(&mut tx, actor.account_id, &password_hash, now)
            .await
            .or_db_error()?;
        queries::end_all_but(&mut tx, actor.account_id, current_handle)
            .await
            .or_db_error()?;
        let (name, email) = (&actor.display_name, &actor.email);
        PasswordChangedPayload::queue(&mut tx, name, email, &self.base_url, now)
            .await
            .or_db_error()?;
        let subject = actor.account_id.to_string();
        let action = "account.password_changed";
        audit::record_by(&mut tx, actor, action, &subject, client, now)
            .await
            .or_db_error()?;
        tx.commit().await.or_db_error()?;
        self.mail_wakeup.notify_one();
        Ok(done(
            "Your password was changed, and you were signed out everywhere else",
        ))
    }

    async fn end_session(
        &self,
        actor: &Actor,
        handle: &str,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let sessions = self.sessions(actor).await?;
        let Some(session) = sessions.iter().find(|session| session.handle == handle) else {
            return Err(AppError::NotFound);
        };
        self.end(actor, Ending::One(&session.key), client).await?;
        let device = session.auth.device.as_deref().unwrap_or("Unknown browser");
        Ok(done(&format!("{device} was signed out")))
    }

    async fn end_other_sessions(
        &self,
        actor: &Actor,
        current_handle: &str,
        client: IpAddr,
    ) -> Result<ActionDone, AppError> {
        let ended = self
            .end(actor, Ending::AllBut(current_handle), client)
            .await?;
        Ok(done(&match ended {
            0 => "You were signed in nowhere else".to_owned(),
            1 => "You were signed out of 1 other session".to_owned(),
            n => format!("You were signed out of {n} other sessions"),
        }))
    }
}
