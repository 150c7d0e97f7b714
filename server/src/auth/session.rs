//! The session port over tower-sessions: what a signed-in session holds, and its lifetimes
//! (docs/security.md §21): 30 minutes idle (the cookie's inactivity expiry), 12 hours absolute.

use crate::auth::sessions::AUTH_KEY;
use crate::clock::Clock;
use crate::secrets::Sealer;
use app::domain::PendingSignIn;
use app::domain::{CopiedLink, CreatedInvitation, SignedIn};
use app::error::AppError;
use app::ports::RequestSession;
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tower_sessions::Session;
use uuid::Uuid;

pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);

/// What a signed-in session stores.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SessionAuth {
    pub account_id: Uuid,
    pub workspace_id: Uuid,
    pub signed_in_at: DateTime<Utc>,
    /// "Chrome on Linux": what the account page shows of the browser that signed in (the
    /// browser's own words are not kept). Absent in sessions older than the account page.
    #[serde(default)]
    pub device: Option<String>,
    /// The client address that signed in.
    #[serde(default)]
    pub client_addr: Option<std::net::IpAddr>,
}

impl SessionAuth {
    pub fn is_current(&self, now: DateTime<Utc>) -> bool {
        now - self.signed_in_at < ABSOLUTE_TIMEOUT
    }
}

pub async fn read(session: &Session) -> Option<SessionAuth> {
    session.get::<SessionAuth>(AUTH_KEY).await.ok().flatten()
}

/// Where a session keeps the minute it was last seen in.
pub const SEEN_KEY: &str = "seen_minute";

/// Moves a signed-in session's idle deadline. The session is stored only when it changed, so
/// noting the minute (not the instant) rewrites its row at most once a minute however busy its
/// user: on SQLite every write queues for the one write lock (docs/security.md §21).
pub async fn note_activity(session: &Session, now: DateTime<Utc>) {
    let minute = now.timestamp() / 60;
    if session.get::<i64>(SEEN_KEY).await.ok().flatten() != Some(minute) {
        let _ = session.insert(SEEN_KEY, minute).await;
    }
}

pub struct TowerSession {
    pub session: Session,
    pub clock: Arc<dyn Clock>,
    /// Seals invitation links kept for the page that shows them once.
    pub sealer: Sealer,
    /// Who is asking, for the account page's list of sessions.
    pub client: Option<std::net::IpAddr>,
    pub user_agent: Option<String>,
}

const CREATED_KEY: &str = "created_invitations";
const LINK_KEY: &str = "copied_link";
const NOTICE_KEY: &str = "notice";
const IMPORT_PROBLEM_KEY: &str = "import_problem";
const TYPED_NAME_KEY: &str = "typed_display_name";
const PENDING_SIGN_IN_KEY: &str = "pending_sign_in";
const RECOVERY_CODES_KEY: &str = "recovery_codes";
const TOTP_SETUP_KEY: &str = "totp_setup";

#[async_trait]
impl RequestSession for TowerSession {
    async fn start(&self, signed_in: SignedIn) -> Result<(), AppError> {
        // A new id at sign-in: an id planted before sign-in is worthless after it.
        self.session.cycle_id().await.map_err(internal)?;
        // A sign-in that waited for its code is complete, or replaced by this one.
        let _: Option<PendingSignIn> = self
            .session
            .remove(PENDING_SIGN_IN_KEY)
            .await
            .map_err(internal)?;
        let auth = SessionAuth {
            account_id: signed_in.account_id,
            workspace_id: signed_in.workspace_id,
            signed_in_at: self.clock.now(),
            device: Some(super::device::describe(self.user_agent.as_deref())),
            client_addr: self.client,
        };
        self.session.insert(AUTH_KEY, auth).await.map_err(internal)
    }

    async fn end(&self) -> Result<(), AppError> {
        self.session.flush().await.map_err(internal)
    }

    async fn handle(&self) -> Option<String> {
        self.session
            .id()
            .map(|id| super::sessions::handle(&super::sessions::key(&id)))
    }

    async fn remember_created(&self, created: &[CreatedInvitation]) -> Result<(), AppError> {
        self.keep_sealed(CREATED_KEY, &created).await
    }

    async fn take_created(&self) -> Result<Vec<CreatedInvitation>, AppError> {
        Ok(self.take_sealed(CREATED_KEY).await?.unwrap_or_default())
    }

    async fn remember_link(&self, link: &CopiedLink) -> Result<(), AppError> {
        self.keep_sealed(LINK_KEY, link).await
    }

    async fn take_link(&self) -> Result<Option<CopiedLink>, AppError> {
        self.take_sealed(LINK_KEY).await
    }

    async fn remember_notice(&self, notice: &str) -> Result<(), AppError> {
        self.session
            .insert(NOTICE_KEY, notice)
            .await
            .map_err(internal)
    }

    async fn take_notice(&self) -> Result<Option<String>, AppError> {
        self.take(NOTICE_KEY).await
    }

    async fn remember_typed_name(&self, name: &str) -> Result<(), AppError> {
        self.session
            .insert(TYPED_NAME_KEY, name)
            .await
            .map_err(internal)
    }

    async fn typed_name(&self) -> Result<Option<String>, AppError> {
        self.session.get(TYPED_NAME_KEY).await.map_err(internal)
    }

    async fn remember_import_problem(&self, problem: &str) -> Result<(), AppError> {
        self.session
            .insert(IMPORT_PROBLEM_KEY, problem)
            .await
            .map_err(internal)
    }

    async fn take_import_problem(&self) -> Result<Option<String>, AppError> {
        self.take(IMPORT_PROBLEM_KEY).await
    }

    async fn remember_pending_sign_in(
        &self,
        account_id: Uuid,
        workspace_id: Option<Uuid>,
    ) -> Result<(), AppError> {
        // A new id once the password was right, as at sign-in.
        self.session.cycle_id().await.map_err(internal)?;
        let pending = PendingSignIn {
            account_id,
            workspace_id,
            password_at: self.clock.now(),
        };
        self.session
            .insert(PENDING_SIGN_IN_KEY, pending)
            .await
            .map_err(internal)
    }

    async fn pending_sign_in(&self) -> Result<Option<PendingSignIn>, AppError> {
        let pending: Option<PendingSignIn> = self
            .session
            .get(PENDING_SIGN_IN_KEY)
            .await
            .map_err(internal)?;
        Ok(pending.filter(|pending| pending.is_current(self.clock.now())))
    }

    async fn forget_pending_sign_in(&self) -> Result<(), AppError> {
        let _: Option<PendingSignIn> = self.take(PENDING_SIGN_IN_KEY).await?;
        Ok(())
    }

    async fn remember_totp_setup(&self, secret: &str) -> Result<(), AppError> {
        self.keep_sealed(TOTP_SETUP_KEY, &secret).await
    }

    async fn totp_setup(&self) -> Result<Option<String>, AppError> {
        let sealed: Option<String> = self.session.get(TOTP_SETUP_KEY).await.map_err(internal)?;
        Ok(sealed
            .and_then(|sealed| self.sealer.open(&sealed))
            .and_then(|json| serde_json::from_str(&json).ok()))
    }

    async fn forget_totp_setup(&self) -> Result<(), AppError> {
        let _: Option<String> = self.take(TOTP_SETUP_KEY).await?;
        Ok(())
    }

    async fn remember_recovery_codes(&self, codes: &[String]) -> Result<(), AppError> {
        self.keep_sealed(RECOVERY_CODES_KEY, &codes).await
    }

    async fn take_recovery_codes(&self) -> Result<Vec<String>, AppError> {
        Ok(self
            .take_sealed(RECOVERY_CODES_KEY)
            .await?
            .unwrap_or_default())
    }
}

impl TowerSession {
    /// Session data lives in the database, so the links in it are sealed.
    async fn keep_sealed(&self, key: &str, value: &impl Serialize) -> Result<(), AppError> {
        let json = serde_json::to_string(value).map_err(|_| AppError::Unexpected)?;
        self.session
            .insert(key, self.sealer.seal(&json))
            .await
            .map_err(internal)
    }

    /// What is kept under `key`, removed from the session and the removal stored at once. A
    /// page streams its parts after the response has started, and the session layer stores
    /// the session when the response starts: a removal left to it could be lost, and the page
    /// that says "shown once" would show it again on reload.
    async fn take<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>, AppError> {
        let value: Option<T> = self.session.remove(key).await.map_err(internal)?;
        // Nothing kept, nothing to store: most pages ask and find nothing.
        if value.is_some() {
            self.session.save().await.map_err(internal)?;
        }
        Ok(value)
    }

    /// What `keep_sealed` kept under `key`, once.
    async fn take_sealed<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<T>, AppError> {
        let sealed: Option<String> = self.take(key).await?;
        Ok(sealed
            .and_then(|sealed| self.sealer.open(&sealed))
            .and_then(|json| serde_json::from_str(&json).ok()))
    }
}

fn internal(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store failed");
    AppError::Unexpected
}
