//! The audit log as admins read it: what each recorded action is called, and the filters and
//! pages of Settings > Audit log.

use serde::{Deserialize, Serialize};

/// Every action Portico records, by its stored key, with the words a person reads.
pub const ACTIONS: [(&str, &str); 40] = [
    ("workspace.created", "Workspace created"),
    (
        "workspace.two_factor_required",
        "Two-factor authentication required",
    ),
    (
        "workspace.two_factor_not_required",
        "Two-factor authentication no longer required",
    ),
    ("sign_in.succeeded", "Signed in"),
    ("sign_in.failed", "Sign-in failed"),
    (
        "sign_in.password_accepted",
        "Password accepted, code asked for",
    ),
    (
        "sign_in.second_factor_succeeded",
        "Signed in with a two-factor code",
    ),
    ("sign_in.second_factor_failed", "Two-factor code refused"),
    ("sign_in.recovery_code_used", "Recovery code used"),
    ("password_reset.requested", "Password reset requested"),
    ("password_reset.completed", "Password reset"),
    ("account.renamed", "Display name changed"),
    ("account.password_changed", "Password changed"),
    ("account.sessions_ended", "Signed out elsewhere"),
    (
        "two_factor.turned_on",
        "Two-factor authentication turned on",
    ),
    (
        "two_factor.turned_off",
        "Two-factor authentication turned off",
    ),
    ("two_factor.recovery_codes_replaced", "New recovery codes"),
    ("email_change.requested", "New sign-in address requested"),
    ("email_change.confirmed", "Sign-in address changed"),
    ("invitation.created", "Invited"),
    ("invitation.resent", "Invitation resent"),
    ("invitation.link_copied", "New invite link copied"),
    ("invitation.regenerated", "New invitation generated"),
    ("invitation.revoked", "Invitation revoked"),
    ("invitation.accepted", "Invitation accepted"),
    ("invitation.declined", "Invitation declined"),
    (
        "invitation.accept_failed",
        "An attempt to accept the invitation failed",
    ),
    ("invitation.new_link_requested", "Asked for a new link"),
    ("member.edited", "Details edited"),
    ("member.groups_changed", "Groups changed"),
    ("member.deactivated", "Deactivated"),
    ("member.reactivated", "Reactivated"),
    ("member.removed", "Removed"),
    ("group.created", "Group created"),
    ("group.renamed", "Group renamed"),
    ("group.roles_changed", "Group's roles changed"),
    ("group.deleted", "Group deleted"),
    ("access.denied", "Refused for want of rights"),
    ("email.queued", "Invitation email queued"),
    ("email.sent", "Invitation email sent"),
];

/// The words for a stored action key (the key itself for one this build does not know).
pub fn action_label(key: &str) -> &str {
    ACTIONS
        .iter()
        .find(|(known, _)| *known == key)
        .map_or(key, |(_, label)| label)
}

/// An audit action or an email's state (`email.sent`...) about a person, in words; `actor` is
/// who did it, when someone signed in did.
pub fn describe_event(action: &str, actor: Option<&str>, detail: Option<&str>) -> String {
    match (action, actor) {
        ("email.failed", _) => format!(
            "Invitation email failed: {}",
            detail.unwrap_or("no reason given")
        ),
        ("access.denied", actor) => format!(
            "Refused a change {} had no right to make",
            actor.unwrap_or("someone")
        ),
        // The invitee accepts; their new account is not "who did it" in words.
        ("invitation.accepted", _) | (_, None) => action_label(action).to_owned(),
        (_, Some(actor)) => format!("{} by {actor}", action_label(action)),
    }
}

/// How many events one page of the audit log shows.
pub const AUDIT_PAGE_SIZE: u32 = 50;

/// What the audit log page asks for, from its URL. Empty values filter nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    /// An account id.
    #[serde(default)]
    pub actor: String,
    /// An action key.
    #[serde(default)]
    pub action: String,
    /// `YYYY-MM-DD`, from the start of that day (UTC).
    #[serde(default)]
    pub from: String,
    /// `YYYY-MM-DD`, to the end of that day (UTC).
    #[serde(default)]
    pub to: String,
    /// From 1.
    #[serde(default)]
    pub page: u32,
}

impl AuditQuery {
    pub fn page(&self) -> u32 {
        self.page.max(1)
    }

    pub fn to_query_string(&self, page: u32) -> String {
        let filters = [
            ("actor", self.actor.as_str()),
            ("action", self.action.as_str()),
            ("from", self.from.as_str()),
            ("to", self.to.as_str()),
        ];
        crate::routes::query_string(&filters, page)
    }
}

/// One recorded event, as the log shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub action: String,
    /// Who did it, if someone signed in did.
    pub actor: Option<String>,
    /// The person it concerned, while they are in the workspace.
    pub subject: Option<String>,
    pub client: Option<String>,
}

/// Someone who appears in the log, to filter by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditActor {
    pub account_id: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditEntry>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    pub actors: Vec<AuditActor>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_read_as_sentences() {
        assert_eq!(
            describe_event("invitation.resent", Some("Ada Owner"), None),
            "Invitation resent by Ada Owner"
        );
        assert_eq!(
            describe_event("email.failed", None, Some("550 no such user")),
            "Invitation email failed: 550 no such user"
        );
        assert_eq!(
            describe_event("invitation.accepted", Some("Grace"), None),
            "Invitation accepted"
        );
        assert_eq!(action_label("made.up"), "made.up");
    }

    #[test]
    fn action_keys_are_listed_once() {
        let mut keys: Vec<&str> = ACTIONS.iter().map(|(key, _)| *key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), ACTIONS.len());
    }
}
