//! The joining port: what an invitation link's holder may see and do. Every call is throttled
//! per client and finds the invitation by its token's hash only.

use crate::auth::passwords;
use crate::auth::throttle::ClientThrottle;
use crate::clock::Clock;
use crate::joining::acceptance::{Accepted, Found, Joiner, LinkState};
use crate::joining::{acceptance, declining};
use crate::mail::link_request::NewLinkRequestPayload;
use crate::mail::outbox::NewMessage;
use crate::store::{Db, OrDbError, parse_id};
use crate::tokens;
use app::domain::{EmailAddress, PersonName, SignedIn};
use app::error::AppError;
use app::joining::port::Joining;
use app::joining::{GrantView, InvitationView, JoinPreview};
use app::words::moment;
use async_trait::async_trait;
use std::net::IpAddr;
use std::sync::Arc;
use tokio::sync::Notify;
use url::Url;
use uuid::Uuid;

/// One note to the inviter per invitation per day, however often the invitee asks.
const NEW_LINK_QUIET: chrono::Duration = chrono::Duration::hours(24);

pub struct JoiningService {
    pub db: Db,
    pub base_url: Url,
    pub clock: Arc<dyn Clock>,
    pub throttle: Arc<ClientThrottle>,
    pub mail_wakeup: Arc<Notify>,
    /// Told when an invitation is accepted or declined, for the open Users pages.
    pub live: crate::live::LiveUpdates,
}

impl JoiningService {
    /// The invitation behind `token`, after counting the look-up against the client.
    async fn find(&self, token: &str, client: IpAddr) -> Result<Option<Found>, AppError> {
        self.throttle.admit(client, "invitation look-ups")?;
        acceptance::find(&self.db, &tokens::hash(token), self.clock.now())
            .await
            .or_db_error()
    }

    /// The invitation, if its link can still be used; the reason it cannot otherwise.
    async fn find_open(&self, token: &str, client: IpAddr) -> Result<Found, AppError> {
        match self.find(token, client).await? {
            Some(found) if found.state == LinkState::Open => Ok(found),
            Some(found) if found.state == LinkState::Expired => Err(expired(&found)),
            _ => Err(unavailable()),
        }
    }

    async fn accept(
        &self,
        token: &str,
        found: &Found,
        joiner: Joiner<'_>,
        client: IpAddr,
    ) -> Result<SignedIn, AppError> {
        let now = self.clock.now();
        let outcome = acceptance::accept(&self.db, &tokens::hash(token), joiner, client, now)
            .await
            .or_db_error()?;
        let refusal = match outcome {
            Accepted::Joined {
                account_id,
                workspace_id,
            } => {
                let workspace_id = parse_id(&workspace_id).or_db_error()?;
                self.live.members_changed(workspace_id);
                return Ok(SignedIn {
                    account_id: parse_id(&account_id).or_db_error()?,
                    workspace_id,
                });
            }
            // Expired between the look-up and now (the clock is read again at POST time).
            Accepted::NotOpen if found.expires_at <= now => expired(found),
            Accepted::NotOpen => unavailable(),
            Accepted::InviterCannotGrant { .. } => AppError::Denied(
                "This invitation is no longer valid: the person who sent it can no longer grant \
                 its groups. Ask them, or another admin, for a new invitation"
                    .into(),
            ),
            Accepted::AccountExists => account_exists(),
            Accepted::OtherAccount => other_account(),
        };
        declining::record_failed_accept(&self.db, found, client, now)
            .await
            .or_db_error()?;
        Err(refusal)
    }
}

fn unavailable() -> AppError {
    AppError::Conflict("This invitation link can no longer be used".into())
}

fn expired(found: &Found) -> AppError {
    AppError::Conflict(format!(
        "This invitation expired on {}. Ask for a new link",
        moment(found.expires_at)
    ))
}

fn account_exists() -> AppError {
    AppError::Conflict("An account with this email address already exists. Sign in to join".into())
}

fn other_account() -> AppError {
    AppError::Denied(
        "You are signed in with a different account than the one this invitation is for. \
         Sign out, then open the invitation again"
            .into(),
    )
}

fn view(found: Found, groups: Vec<(String, Vec<app::domain::Role>)>) -> InvitationView {
    InvitationView {
        workspace: found.workspace_name,
        inviter: found.inviter_name,
        groups: groups
            .into_iter()
            .map(|(group, roles)| GrantView { group, roles })
            .collect(),
        expires: moment(found.expires_at),
        suggested_display_name: format!("{} {}", found.first_name, found.last_name)
            .trim()
            .to_owned(),
        email: found.email,
        has_account: found.has_account,
        signed_in_as: None,
    }
}

#[async_trait]
impl Joining for JoiningService {
    async fn preview(&self, token: &str, client: IpAddr) -> Result<JoinPreview, AppError> {
        let Some(found) = self.find(token, client).await? else {
            return Ok(JoinPreview::Unavailable);
        };
        Ok(match found.state {
            LinkState::Open => {
                let groups = acceptance::granted_groups(&self.db, &found.member_id)
                    .await
                    .or_db_error()?;
                JoinPreview::Open(Box::new(view(found, groups)))
            }
            LinkState::Expired => JoinPreview::Expired,
            LinkState::Ended => JoinPreview::Unavailable,
        })
    }

    async fn accept_new_account(
        &self,
        token: &str,
        display_name: PersonName,
        password: &str,
        client: IpAddr,
    ) -> Result<SignedIn, AppError> {
        let found = self.find_open(token, client).await?;
        if found.has_account {
            declining::record_failed_accept(&self.db, &found, client, self.clock.now())
                .await
                .or_db_error()?;
            return Err(account_exists());
        }
        let personal = [
            found.email.as_str(),
            found.first_name.as_str(),
            found.last_name.as_str(),
            display_name.as_str(),
        ];
        let password_hash = passwords::hash_new(password, &personal).await?;
        let joiner = Joiner::NewAccount {
            display_name: display_name.as_str(),
            password_hash: &password_hash,
        };
        self.accept(token, &found, joiner, client).await
    }

    async fn accept_existing_account(
        &self,
        token: &str,
        account_id: Uuid,
        client: IpAddr,
    ) -> Result<SignedIn, AppError> {
        let found = self.find_open(token, client).await?;
        let account_id = account_id.to_string();
        let joiner = Joiner::Existing {
            account_id: &account_id,
        };
        self.accept(token, &found, joiner, client).await
    }

    async fn invitee_email(&self, token: &str, client: IpAddr) -> Result<EmailAddress, AppError> {
        let found = self.find_open(token, client).await?;
        EmailAddress::parse(&found.email).map_err(|_| AppError::Unexpected)
    }

    async fn decline(&self, token: &str, client: IpAddr) -> Result<(), AppError> {
        let found = self.find_open(token, client).await?;
        let now = self.clock.now();
        match declining::decline(&self.db, &tokens::hash(token), client, now)
            .await
            .or_db_error()?
        {
            Some(_) => {
                if let Ok(workspace_id) = parse_id(&found.workspace_id) {
                    self.live.members_changed(workspace_id);
                }
                Ok(())
            }
            None if found.expires_at <= now => Err(expired(&found)),
            None => Err(unavailable()),
        }
    }

    async fn request_new_link(&self, token: &str, client: IpAddr) -> Result<(), AppError> {
        let Some(found) = self.find(token, client).await? else {
            return Ok(());
        };
        if found.state != LinkState::Expired {
            return Ok(());
        }
        let member_id = parse_id(&found.member_id).or_db_error()?;
        let details_link = self
            .base_url
            .join(&app::routes::user_details(member_id))
            .map_err(|_| AppError::Unexpected)?;
        let payload = NewLinkRequestPayload {
            inviter: found.inviter_name.clone(),
            invitee: format!("{} {}", found.first_name, found.last_name)
                .trim()
                .to_owned(),
            invitee_email: found.email.clone(),
            workspace: found.workspace_name.clone(),
            details_link: details_link.to_string(),
        };
        let payload = serde_json::to_string(&payload).map_err(|_| AppError::Unexpected)?;
        let note = NewMessage {
            kind: NewLinkRequestPayload::KIND,
            recipient: &found.inviter_email,
            payload: &payload,
            invitation_id: None,
        };
        let now = self.clock.now();
        let queued =
            declining::request_new_link(&self.db, &found, note, client, now, NEW_LINK_QUIET)
                .await
                .or_db_error()?;
        if queued {
            self.mail_wakeup.notify_one();
        }
        Ok(())
    }
}
