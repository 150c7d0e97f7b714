//! The note an inviter gets when their invitee asks for a new link to an expired invitation.
//! It holds no secret: the inviter generates the new link in Portico.

use super::message::Rendered;
use askama::Template;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NewLinkRequestPayload {
    pub inviter: String,
    pub invitee: String,
    pub invitee_email: String,
    pub workspace: String,
    pub details_link: String,
}

#[derive(Template)]
#[template(path = "new_link_request.html")]
struct NewLinkRequestHtml<'a> {
    subject: &'a str,
    inviter: &'a str,
    invitee: &'a str,
    invitee_email: &'a str,
    workspace: &'a str,
    details_link: &'a str,
}

#[derive(Template)]
#[template(path = "new_link_request.txt")]
struct NewLinkRequestText<'a> {
    inviter: &'a str,
    invitee: &'a str,
    invitee_email: &'a str,
    workspace: &'a str,
    details_link: &'a str,
}

impl NewLinkRequestPayload {
    /// The outbox `kind` of these notes.
    pub const KIND: &'static str = "new_link_request";

    pub fn render(&self) -> Result<Rendered, askama::Error> {
        let subject = format!(
            "{} asked for a new invitation link to {}",
            self.invitee, self.workspace
        );
        let html = NewLinkRequestHtml {
            subject: &subject,
            inviter: &self.inviter,
            invitee: &self.invitee,
            invitee_email: &self.invitee_email,
            workspace: &self.workspace,
            details_link: &self.details_link,
        };
        let text = NewLinkRequestText {
            inviter: &self.inviter,
            invitee: &self.invitee,
            invitee_email: &self.invitee_email,
            workspace: &self.workspace,
            details_link: &self.details_link,
        };
        Rendered::of(&subject, html, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_names_the_invitee_and_links_to_their_details() {
        let payload = NewLinkRequestPayload {
            inviter: "Ada".into(),
            invitee: "<b>Grace</b> Hopper".into(),
            invitee_email: "grace@example.com".into(),
            workspace: "Acme".into(),
            details_link: "https://portico.example/settings/users/42".into(),
        };
        let rendered = payload.render().unwrap();
        assert_eq!(
            rendered.subject,
            "<b>Grace</b> Hopper asked for a new invitation link to Acme"
        );
        for body in [&rendered.html, &rendered.text] {
            assert!(body.contains("https://portico.example/settings/users/42"));
            assert!(body.contains("grace@example.com"));
        }
        assert!(!rendered.html.contains("<b>Grace"));
    }
}
