//! The invitation email, rendered from askama templates (HTML escaped, plain text alongside)
//! and built with lettre's typed headers: one recipient, no header built from raw text
//! (docs/security.md §24).

use askama::Template;
use chrono::{DateTime, Utc};
use lettre::Message;
use lettre::message::{Mailbox, MultiPart};
use serde::{Deserialize, Serialize};

/// What the outbox keeps for an invitation email. `sealed_link` is removed once sent.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct InvitationPayload {
    pub first_name: String,
    pub workspace: String,
    pub inviter: String,
    /// e.g. "Developers (Developer)".
    pub grants: String,
    pub expires_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed_link: Option<String>,
}

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationHtml<'a> {
    subject: &'a str,
    first_name: &'a str,
    workspace: &'a str,
    inviter: &'a str,
    grants: &'a str,
    link: &'a str,
    expires: &'a str,
}

#[derive(Template)]
#[template(path = "invitation.txt")]
struct InvitationText<'a> {
    first_name: &'a str,
    workspace: &'a str,
    inviter: &'a str,
    grants: &'a str,
    link: &'a str,
    expires: &'a str,
}

pub struct Rendered {
    pub subject: String,
    pub html: String,
    pub text: String,
}

/// Where a notice about the account sends someone who did not make the change: choosing a new
/// password signs everyone out.
pub fn reset_link(base_url: &url::Url) -> String {
    base_url
        .join(app::routes::PASSWORD_RESET)
        .map_or_else(|_| base_url.to_string(), |link| link.to_string())
}

impl Rendered {
    /// An email from its subject and the templates of its two bodies.
    pub fn of(
        subject: &str,
        html: impl Template,
        text: impl Template,
    ) -> Result<Self, askama::Error> {
        Ok(Rendered {
            subject: subject.to_owned(),
            html: html.render()?,
            text: text.render()?,
        })
    }
}

impl InvitationPayload {
    pub fn render(&self, link: &str) -> Result<Rendered, askama::Error> {
        let subject = format!(
            "{} invited you to join {} on Portico",
            self.inviter, self.workspace
        );
        let expires = app::words::moment(self.expires_at);
        let html = InvitationHtml {
            subject: &subject,
            first_name: &self.first_name,
            workspace: &self.workspace,
            inviter: &self.inviter,
            grants: &self.grants,
            link,
            expires: &expires,
        };
        let text = InvitationText {
            first_name: &self.first_name,
            workspace: &self.workspace,
            inviter: &self.inviter,
            grants: &self.grants,
            link,
            expires: &expires,
        };
        Rendered::of(&subject, html, text)
    }
}

/// Implements `SealedLinkPayload` for a payload with a `sealed_link` field and a
/// `render(link)` method.
macro_rules! sealed_link_payload {
    ($payload:ty) => {
        impl $crate::mail::message::SealedLinkPayload for $payload {
            fn sealed_link(&self) -> Option<&str> {
                self.sealed_link.as_deref()
            }

            fn forget_link(&mut self) {
                self.sealed_link = None;
            }

            fn render_with(&self, link: &str) -> Result<Rendered, askama::Error> {
                self.render(link)
            }
        }
    };
}
pub(crate) use sealed_link_payload;

sealed_link_payload!(InvitationPayload);

/// What the outbox keeps for an email that carries a link: the link sealed (docs/security.md
/// §2), and the payload scrubbed of it once the email is sent or given up.
pub trait SealedLinkPayload: Clone + Serialize {
    fn sealed_link(&self) -> Option<&str>;
    fn forget_link(&mut self);
    fn render_with(&self, link: &str) -> Result<Rendered, askama::Error>;

    /// The payload without its secret.
    fn scrubbed(&self) -> String {
        let mut copy = self.clone();
        copy.forget_link();
        serde_json::to_string(&copy).unwrap_or_else(|_| "{}".into())
    }
}

/// The message to `recipient`, which must be a stored address: a bare `local@domain` as
/// `EmailAddress` accepts it. It is never read as a mailbox with a display name or encoded
/// words, so the envelope and the `To` header hold exactly that string (docs/security.md §24b).
pub fn build(from: &Mailbox, recipient: &str, rendered: &Rendered) -> Result<Message, String> {
    let stored = app::domain::EmailAddress::parse(recipient)
        .ok()
        .filter(|address| address.as_str() == recipient)
        .ok_or_else(|| "invalid recipient: not a stored address".to_owned())?;
    let address: lettre::Address = stored
        .as_str()
        .parse()
        .map_err(|error| format!("invalid recipient: {error}"))?;
    let to = Mailbox::new(None, address);
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(rendered.subject.clone())
        .multipart(MultiPart::alternative_plain_html(
            rendered.text.clone(),
            rendered.html.clone(),
        ))
        .map_err(|error| format!("cannot build the message: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn payload(inviter: &str) -> InvitationPayload {
        InvitationPayload {
            first_name: "Grace".into(),
            workspace: "Acme".into(),
            inviter: inviter.into(),
            grants: "Developers (Developer)".into(),
            expires_at: "2026-11-30T18:05:00Z".parse().unwrap(),
            sealed_link: Some("sealed".into()),
        }
    }

    #[test]
    fn both_bodies_carry_the_link_the_expiry_and_the_inviter() {
        let rendered = payload("Ada Lovelace")
            .render("https://portico.example/join?token=abc")
            .unwrap();
        assert_eq!(
            rendered.subject,
            "Ada Lovelace invited you to join Acme on Portico"
        );
        for body in [&rendered.html, &rendered.text] {
            assert!(body.contains("https://portico.example/join?token=abc"));
            assert!(body.contains("30 November 2026 at 18:05 UTC"));
            assert!(body.contains("Developers (Developer)"));
            assert!(body.contains("not expecting"));
        }
    }

    #[test]
    fn names_are_escaped_in_html() {
        let rendered = payload("<script>alert(1)</script>")
            .render("https://x/join?token=a")
            .unwrap();
        assert!(!rendered.html.contains("<script>alert"));
        assert!(
            rendered.html.contains("&#60;script&#62;") || rendered.html.contains("&lt;script&gt;")
        );
    }

    #[test]
    fn the_scrubbed_payload_has_no_link() {
        assert!(!payload("Ada").scrubbed().contains("sealed"));
    }

    #[test]
    fn a_recipient_with_a_header_break_is_refused() {
        let rendered = payload("Ada").render("https://x").unwrap();
        let from: Mailbox = "Portico <portico@example.com>".parse().unwrap();
        assert!(build(&from, "a@example.com\r\nBcc: eve@example.com", &rendered).is_err());
        let message = build(&from, "grace@example.com", &rendered).unwrap();
        assert_eq!(message.envelope().to().len(), 1);
    }

    #[test]
    fn a_display_name_form_is_never_mailed() {
        let rendered = payload("Ada").render("https://x").unwrap();
        let from: Mailbox = "Portico <portico@example.com>".parse().unwrap();
        for recipient in [
            "Mike <mike@example.org>",
            "MIKE@example.org",
            " mike@example.org",
        ] {
            assert!(build(&from, recipient, &rendered).is_err(), "{recipient:?}");
        }
    }

    proptest! {
        #[test]
        fn the_stored_address_is_the_envelope_recipient_and_the_to_header(
            input in prop_oneof![
                "[ -~]{0,40}",
                "[A-Za-z0-9._+'=?-]{1,20}@[a-z0-9_-]{1,12}(\\.[a-z0-9-]{1,8}){0,3}",
                "[ -~]{0,10}<[a-z]{1,8}@[a-z]{1,8}\\.[a-z]{2,4}>",
            ]
        ) {
            if let Ok(email) = app::domain::EmailAddress::parse(&input) {
                let rendered = payload("Ada").render("https://x").unwrap();
                let from: Mailbox = "Portico <portico@example.com>".parse().unwrap();
                let message = build(&from, email.as_str(), &rendered).unwrap();
                let envelope: Vec<String> =
                    message.envelope().to().iter().map(ToString::to_string).collect();
                prop_assert_eq!(envelope, vec![email.as_str().to_owned()]);
                let to = message.headers().get_raw("To").unwrap_or_default();
                prop_assert_eq!(to, email.as_str());
            }
        }
    }
}
