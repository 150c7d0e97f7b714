//! The notice that two-factor authentication was turned on or off for an account: someone who
//! took over a session could otherwise add their own app, or remove the owner's, unseen. It
//! holds no secret.

use super::message::Rendered;
use askama::Template;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TwoFactorChangedPayload {
    pub display_name: String,
    pub turned_on: bool,
    pub changed_at: DateTime<Utc>,
    /// Where to start over if it was not them.
    pub reset_link: String,
}

/// The HTML body says what the text body says (`body`), under the subject.
#[derive(Template)]
#[template(path = "two_factor_changed.html")]
struct TwoFactorChangedHtml<'a> {
    subject: &'a str,
    body: TwoFactorChangedText<'a>,
}

#[derive(Template)]
#[template(path = "two_factor_changed.txt")]
struct TwoFactorChangedText<'a> {
    display_name: &'a str,
    what: &'a str,
    changed: &'a str,
    reset_link: &'a str,
}

impl TwoFactorChangedPayload {
    /// The outbox `kind` of the notice.
    pub const KIND: &'static str = "two_factor_changed";

    /// Queues the notice to the account's address, in the transaction that made the change.
    pub async fn queue(
        tx: &mut crate::store::Tx,
        actor: &app::domain::Actor,
        turned_on: bool,
        base_url: &url::Url,
        now: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        let notice = TwoFactorChangedPayload {
            display_name: actor.display_name.clone(),
            turned_on,
            changed_at: now,
            reset_link: super::message::reset_link(base_url),
        };
        super::outbox::enqueue_json(tx, Self::KIND, &actor.email, &notice, now).await?;
        Ok(())
    }

    pub fn render(&self) -> Result<Rendered, askama::Error> {
        let (subject, what) = if self.turned_on {
            ("Two-factor authentication was turned on", "turned on")
        } else {
            ("Two-factor authentication was turned off", "turned off")
        };
        let subject = format!("{subject} for your Portico account");
        let changed = app::words::moment(self.changed_at);
        let body = || TwoFactorChangedText {
            display_name: &self.display_name,
            what,
            changed: &changed,
            reset_link: &self.reset_link,
        };
        let html = TwoFactorChangedHtml {
            subject: &subject,
            body: body(),
        };
        Rendered::of(&subject, html, body())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_says_what_changed_and_escapes_the_name() {
        let notice = TwoFactorChangedPayload {
            display_name: "<b>Grace</b>".into(),
            turned_on: false,
            changed_at: "2026-12-07T18:05:00Z".parse().unwrap(),
            reset_link: "https://portico.example/password-reset".into(),
        };
        let rendered = notice.render().unwrap();
        assert!(
            rendered.subject.contains("turned off"),
            "{}",
            rendered.subject
        );
        assert!(rendered.html.contains("Grace") && !rendered.html.contains("<b>Grace"));
        assert!(
            rendered
                .text
                .contains("https://portico.example/password-reset")
        );
    }
}
