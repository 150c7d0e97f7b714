//! The emails of a change of sign-in address: the link to the new address (sealed while it
//! waits in the outbox), and the notice to the old one once it is followed, which holds no
//! secret.

use super::message::Rendered;
use askama::Template;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EmailChangePayload {
    pub display_name: String,
    pub new_email: String,
    pub expires_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed_link: Option<String>,
}

#[derive(Template)]
#[template(path = "email_change.html")]
struct EmailChangeHtml<'a> {
    subject: &'a str,
    display_name: &'a str,
    new_email: &'a str,
    link: &'a str,
    expires: &'a str,
}

#[derive(Template)]
#[template(path = "email_change.txt")]
struct EmailChangeText<'a> {
    display_name: &'a str,
    new_email: &'a str,
    link: &'a str,
    expires: &'a str,
}

impl EmailChangePayload {
    /// The outbox `kind` of the link.
    pub const KIND: &'static str = "email_change";

    pub fn render(&self, link: &str) -> Result<Rendered, askama::Error> {
        let subject = "Confirm your new Portico sign-in address";
        let expires = app::words::moment(self.expires_at);
        let (display_name, new_email) = (self.display_name.as_str(), self.new_email.as_str());
        let html = EmailChangeHtml {
            subject,
            display_name,
            new_email,
            link,
            expires: &expires,
        };
        let text = EmailChangeText {
            display_name,
            new_email,
            link,
            expires: &expires,
        };
        Rendered::of(subject, html, text)
    }
}

super::message::sealed_link_payload!(EmailChangePayload);

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EmailChangedPayload {
    pub display_name: String,
    pub new_email: String,
    pub changed_at: DateTime<Utc>,
}

#[derive(Template)]
#[template(path = "email_changed.html")]
struct EmailChangedHtml<'a> {
    subject: &'a str,
    display_name: &'a str,
    new_email: &'a str,
    changed: &'a str,
}

#[derive(Template)]
#[template(path = "email_changed.txt")]
struct EmailChangedText<'a> {
    display_name: &'a str,
    new_email: &'a str,
    changed: &'a str,
}

impl EmailChangedPayload {
    /// The outbox `kind` of the notice to the old address.
    pub const KIND: &'static str = "email_changed";

    pub fn render(&self) -> Result<Rendered, askama::Error> {
        let subject = "Your Portico sign-in address was changed";
        let changed = app::words::moment(self.changed_at);
        let (display_name, new_email) = (self.display_name.as_str(), self.new_email.as_str());
        let html = EmailChangedHtml {
            subject,
            display_name,
            new_email,
            changed: &changed,
        };
        let text = EmailChangedText {
            display_name,
            new_email,
            changed: &changed,
        };
        Rendered::of(subject, html, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::message::SealedLinkPayload;

    #[test]
    fn the_link_goes_to_the_new_address_and_the_notice_names_it() {
        let payload = EmailChangePayload {
            display_name: "Grace".into(),
            new_email: "grace@new.example".into(),
            expires_at: "2026-12-05T18:05:00Z".parse().unwrap(),
            sealed_link: Some("sealed".into()),
        };
        let rendered = payload
            .render("https://portico.example/email-change/confirm?token=abc")
            .unwrap();
        for body in [&rendered.html, &rendered.text] {
            assert!(body.contains("https://portico.example/email-change/confirm?token=abc"));
            assert!(body.contains("grace@new.example"));
        }
        assert!(!payload.scrubbed().contains("sealed"));
        let notice = EmailChangedPayload {
            display_name: "Grace".into(),
            new_email: "grace@new.example".into(),
            changed_at: "2026-12-05T18:05:00Z".parse().unwrap(),
        }
        .render()
        .unwrap();
        assert!(
            notice.text.contains("grace@new.example") && notice.text.contains("If it was not you")
        );
    }
}
