//! The emails of a password reset: the link (sealed while it waits in the outbox, like an
//! invitation's), and the notice that the password was changed, which holds no secret.

use super::message::Rendered;
use askama::Template;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PasswordResetPayload {
    pub display_name: String,
    pub expires_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed_link: Option<String>,
}

#[derive(Template)]
#[template(path = "password_reset.html")]
struct PasswordResetHtml<'a> {
    subject: &'a str,
    display_name: &'a str,
    link: &'a str,
    expires: &'a str,
}

#[derive(Template)]
#[template(path = "password_reset.txt")]
struct PasswordResetText<'a> {
    display_name: &'a str,
    link: &'a str,
    expires: &'a str,
}

impl PasswordResetPayload {
    /// The outbox `kind` of reset links.
    pub const KIND: &'static str = "password_reset";

    pub fn render(&self, link: &str) -> Result<Rendered, askama::Error> {
        let subject = "Reset your Portico password".to_owned();
        let expires = app::words::moment(self.expires_at);
        let display_name = self.display_name.as_str();
        let html = PasswordResetHtml {
            subject: &subject,
            display_name,
            link,
            expires: &expires,
        };
        let text = PasswordResetText {
            display_name,
            link,
            expires: &expires,
        };
        Rendered::of(&subject, html, text)
    }
}

super::message::sealed_link_payload!(PasswordResetPayload);

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PasswordChangedPayload {
    pub display_name: String,
    pub changed_at: DateTime<Utc>,
    /// Where to start over if it was not them.
    pub reset_link: String,
}

#[derive(Template)]
#[template(path = "password_changed.html")]
struct PasswordChangedHtml<'a> {
    subject: &'a str,
    display_name: &'a str,
    changed: &'a str,
    reset_link: &'a str,
}

#[derive(Template)]
#[template(path = "password_changed.txt")]
struct PasswordChangedText<'a> {
    display_name: &'a str,
    changed: &'a str,
    reset_link: &'a str,
}

impl PasswordChangedPayload {
    /// The outbox `kind` of the notice.
    pub const KIND: &'static str = "password_changed";

    /// Queues the notice to the account's address, in the transaction that changed the password.
    pub async fn queue(
        tx: &mut crate::store::Tx,
        display_name: &str,
        email: &str,
        base_url: &url::Url,
        now: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        let notice = PasswordChangedPayload {
            display_name: display_name.to_owned(),
            changed_at: now,
            reset_link: super::message::reset_link(base_url),
        };
        super::outbox::enqueue_json(tx, Self::KIND, email, &notice, now).await?;
        Ok(())
    }

    pub fn render(&self) -> Result<Rendered, askama::Error> {
        let subject = "Your Portico password was changed".to_owned();
        let changed = app::words::moment(self.changed_at);
        let (display_name, reset_link) = (self.display_name.as_str(), self.reset_link.as_str());
        let html = PasswordChangedHtml {
            subject: &subject,
            display_name,
            changed: &changed,
            reset_link,
        };
        let text = PasswordChangedText {
            display_name,
            changed: &changed,
            reset_link,
        };
        Rendered::of(&subject, html, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::message::SealedLinkPayload;

    #[test]
    fn the_reset_email_carries_the_link_and_its_expiry_and_escapes_the_name() {
        let payload = PasswordResetPayload {
            display_name: "<b>Grace</b>".into(),
            expires_at: "2026-12-04T18:05:00Z".parse().unwrap(),
            sealed_link: Some("sealed".into()),
        };
        let rendered = payload
            .render("https://portico.example/password-reset/new?token=abc")
            .unwrap();
        for body in [&rendered.html, &rendered.text] {
            assert!(body.contains("https://portico.example/password-reset/new?token=abc"));
            assert!(body.contains("4 December 2026 at 18:05 UTC"));
        }
        assert!(!rendered.html.contains("<b>Grace"));
        assert!(!payload.scrubbed().contains("sealed"));
    }

    #[test]
    fn the_notice_says_what_to_do_if_it_was_not_them() {
        let rendered = PasswordChangedPayload {
            display_name: "Grace".into(),
            changed_at: "2026-12-04T18:05:00Z".parse().unwrap(),
            reset_link: "https://portico.example/password-reset".into(),
        }
        .render()
        .unwrap();
        assert_eq!(rendered.subject, "Your Portico password was changed");
        for body in [&rendered.html, &rendered.text] {
            assert!(body.contains("If it was not you"));
            assert!(body.contains("https://portico.example/password-reset"));
        }
    }
}
