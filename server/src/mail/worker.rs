//! The delivery worker: claims due outbox messages under a lease, renders and sends each, then
//! marks it sent, schedules a retry (exponential backoff with jitter) or gives up as failed
//! (docs/security.md §27). At least once: a crash after the server accepted a message and before it
//! was marked sent delivers it once more, with the same link.

use super::email_change::{EmailChangePayload, EmailChangedPayload};
use super::link_request::NewLinkRequestPayload;
use super::message::{self, InvitationPayload, Rendered, SealedLinkPayload};
use super::password_reset::{PasswordChangedPayload, PasswordResetPayload};
use super::transport::{SendFailure, Transport};
use super::two_factor::TwoFactorChangedPayload;
use crate::clock::Clock;
use crate::mail::outbox;
use crate::mail::outbox::{Claimed, Outcome};
use crate::secrets::Sealer;
use crate::store::Db;
use chrono::Duration;
use futures::StreamExt;
use lettre::message::Mailbox;
use rand::Rng;
use std::sync::Arc;
use tokio::sync::Notify;

/// How long a claimed message is ours before another worker may take it.
const LEASE: Duration = Duration::minutes(2);
/// Messages claimed per round, per message sent at a time: enough that the senders rarely wait
/// for the round's slowest message, few enough that a lease never outlives its messages.
const BATCH_PER_SENDER: usize = 4;
const MAX_ATTEMPTS: i64 = 8;
const MAX_AGE: Duration = Duration::hours(24);
const FIRST_RETRY: Duration = Duration::seconds(30);
const LONGEST_RETRY: Duration = Duration::hours(1);
/// How often the worker looks for due retries when nobody wakes it.
const POLL: std::time::Duration = std::time::Duration::from_secs(2);

#[derive(Clone)]
pub struct Mailer {
    pub db: Db,
    pub transport: Transport,
    pub sealer: Sealer,
    pub from: Mailbox,
    pub clock: Arc<dyn Clock>,
    /// Notified after a commit that enqueued mail, so it goes out at once.
    pub wakeup: Arc<Notify>,
    /// Told when an invitation email's state changes, for the open Users pages.
    pub live: crate::live::LiveUpdates,
    /// Messages sent at once (`MAIL_CONCURRENCY`): each waits mostly on the SMTP server, so
    /// sending one at a time would leave the worker idle for most of each message.
    pub concurrency: usize,
}

impl Mailer {
    pub async fn run(self) {
        loop {
            match self.deliver_due().await {
                // A full batch: there may be more waiting.
                Ok(count) if count == self.batch() => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "outbox: could not claim messages"),
            }
            tokio::select! {
                _ = self.wakeup.notified() => {}
                _ = tokio::time::sleep(POLL) => {}
            }
        }
    }

    fn batch(&self) -> usize {
        self.concurrency.max(1) * BATCH_PER_SENDER
    }

    /// Delivers what is due now, `concurrency` messages at a time; returns how many it claimed.
    /// Outcomes are recorded as they come, each write taking all that finished while the one
    /// before it ran (a group commit): few writes, and no sender waits for them.
    pub async fn deliver_due(&self) -> Result<usize, sqlx::Error> {
        let claimed =
            outbox::claim_due(&self.db, self.clock.now(), LEASE, self.batch() as i64).await?;
        let count = claimed.len();
        let (finished, mut to_record) = tokio::sync::mpsc::unbounded_channel();
        let sending = futures::stream::iter(claimed)
            .map(|message| async move {
                let outcome = self.attempt(&message).await;
                (message.message_id, outcome)
            })
            .buffer_unordered(self.concurrency.max(1))
            .for_each(move |outcome| {
                let _ = finished.send(outcome);
                async {}
            });
        let recording = async {
            while let Some(first) = to_record.recv().await {
                let mut group = vec![first];
                while let Ok(more) = to_record.try_recv() {
                    group.push(more);
                }
                self.record(&group).await;
            }
        };
        futures::join!(sending, recording);
        Ok(count)
    }

    /// Records a group of outcomes in one write, then tells the Users pages of their workspaces,
    /// once per write, so each page shows the group as it is recorded.
    async fn record(&self, group: &[(String, Outcome)]) {
        if let Err(error) = outbox::record(&self.db, group).await {
            // One by one, so one message that cannot be recorded does not send the rest of its
            // group again when their lease ends.
            tracing::warn!(%error, messages = group.len(), "outbox: recording one by one");
            for outcome in group {
                if let Err(error) = outbox::record(&self.db, std::slice::from_ref(outcome)).await {
                    tracing::warn!(%error, message_id = %outcome.0, "outbox: could not record the outcome");
                }
            }
        }
        let ids: Vec<String> = group.iter().map(|(id, _)| id.clone()).collect();
        match outbox::workspaces_of(&self.db, &ids).await {
            Ok(workspaces) => workspaces
                .into_iter()
                .for_each(|workspace_id| self.live.members_changed(workspace_id)),
            Err(error) => tracing::warn!(%error, "outbox: could not tell the Users pages"),
        }
    }

    /// Renders a claimed message: the email, and its payload as it may stay in the database.
    /// A payload that carries a link has it sealed, and is scrubbed of it once sent.
    fn render(&self, claimed: &Claimed) -> Result<(Rendered, String), Unrenderable> {
        match claimed.kind.as_str() {
            "invitation" => self.with_link::<InvitationPayload>(claimed),
            PasswordResetPayload::KIND => self.with_link::<PasswordResetPayload>(claimed),
            EmailChangePayload::KIND => self.with_link::<EmailChangePayload>(claimed),
            NewLinkRequestPayload::KIND => without_link(claimed, NewLinkRequestPayload::render),
            PasswordChangedPayload::KIND => without_link(claimed, PasswordChangedPayload::render),
            EmailChangedPayload::KIND => without_link(claimed, EmailChangedPayload::render),
            TwoFactorChangedPayload::KIND => without_link(claimed, TwoFactorChangedPayload::render),
            _ => Err(("unreadable message", "{}".to_owned())),
        }
    }

    /// Renders an email whose link waits sealed in its payload.
    fn with_link<P: SealedLinkPayload + serde::de::DeserializeOwned>(
        &self,
        claimed: &Claimed,
    ) -> Result<(Rendered, String), Unrenderable> {
        let payload: P = read(claimed)?;
        let scrubbed = payload.scrubbed();
        let link = self.unseal(payload.sealed_link(), &scrubbed)?;
        let rendered = payload
            .render_with(&link)
            .map_err(|_| ("the message could not be rendered", scrubbed.clone()))?;
        Ok((rendered, scrubbed))
    }

    /// The link a payload carries sealed. `None` when it was sealed with another key
    /// (SECRET_KEY_FILE changed): there is no link to send.
    fn unseal(&self, sealed: Option<&str>, scrubbed: &str) -> Result<String, Unrenderable> {
        sealed
            .and_then(|sealed| self.sealer.open(sealed))
            .ok_or(("the link cannot be unsealed", scrubbed.to_owned()))
    }

    /// Renders and sends one claimed message, and decides what becomes of it.
    async fn attempt(&self, claimed: &Claimed) -> Outcome {
        let (rendered, scrubbed) = match self.render(claimed) {
            Ok(rendered) => rendered,
            Err((reason, scrubbed)) => {
                return Outcome::Failed {
                    error: reason.to_owned(),
                    scrubbed_payload: scrubbed,
                };
            }
        };
        let sent = match message::build(&self.from, &claimed.recipient, &rendered) {
            Err(reason) => Err(SendFailure {
                permanent: true,
                reason,
            }),
            Ok(email) => {
                let now = self.clock.now();
                self.transport
                    .send(&self.db, &claimed.message_id, email, &rendered, now)
                    .await
            }
        };
        let now = self.clock.now();
        match sent {
            Ok(()) => {
                tracing::info!(message_id = %claimed.message_id, attempts = claimed.attempts, "outbox: sent");
                Outcome::Sent {
                    scrubbed_payload: scrubbed,
                    at: now,
                }
            }
            Err(failure) => {
                let too_old = now - claimed.created_at > MAX_AGE;
                if failure.permanent || claimed.attempts >= MAX_ATTEMPTS || too_old {
                    tracing::warn!(message_id = %claimed.message_id, reason = %failure.reason, "outbox: failed");
                    Outcome::Failed {
                        error: failure.reason,
                        scrubbed_payload: scrubbed,
                    }
                } else {
                    let retry_at = now + backoff(claimed.attempts);
                    tracing::info!(message_id = %claimed.message_id, reason = %failure.reason, %retry_at, "outbox: will retry");
                    Outcome::Retry {
                        error: failure.reason,
                        at: retry_at,
                    }
                }
            }
        }
    }
}

/// Why a message cannot be rendered, and its payload as it may stay in the database.
type Unrenderable = (&'static str, String);

/// Renders an email that holds no secret: its payload stays as it is.
fn without_link<P: serde::de::DeserializeOwned>(
    claimed: &Claimed,
    render: fn(&P) -> Result<Rendered, askama::Error>,
) -> Result<(Rendered, String), Unrenderable> {
    let payload: P = read(claimed)?;
    let rendered = render(&payload)
        .map_err(|_| ("the message could not be rendered", claimed.payload.clone()))?;
    Ok((rendered, claimed.payload.clone()))
}

fn read<T: serde::de::DeserializeOwned>(claimed: &Claimed) -> Result<T, Unrenderable> {
    serde_json::from_str(&claimed.payload).map_err(|_| ("unreadable message", "{}".to_owned()))
}

/// 30 s, 1 min, 2 min ... up to an hour, each ±20 % so retries of one outage spread out.
pub fn backoff(attempts: i64) -> Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(u32::MAX)
        .min(16);
    let base = (FIRST_RETRY * 2i32.saturating_pow(exponent)).min(LONGEST_RETRY);
    let jitter = rand::rng().random_range(0.8..1.2);
    Duration::milliseconds((base.num_milliseconds() as f64 * jitter) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_exponentially_with_jitter_and_a_ceiling() {
        let first = backoff(1);
        assert!(
            first >= Duration::seconds(24) && first <= Duration::seconds(36),
            "{first}"
        );
        let third = backoff(3);
        assert!(
            third >= Duration::seconds(96) && third <= Duration::seconds(144),
            "{third}"
        );
        let late = backoff(40);
        assert!(
            late <= Duration::minutes(72) && late >= Duration::minutes(48),
            "{late}"
        );
    }
}
