//! What an admin does to people once they were added: the actions, when each applies, and what
//! the details page shows. The browser uses these rules to offer only actions that apply; the
//! server applies the same rules again before acting.

use crate::domain::Permission;
use crate::groups::GroupSummary;
use crate::people::{MemberState, MemberSummary};
use serde::{Deserialize, Serialize};

/// What an admin can do to a person's invitation. Each one but `Revoke` issues a fresh token
/// with a fresh expiry, so every earlier link of the invitation stops working
/// (docs/security.md §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationAction {
    Resend,
    CopyLink,
    Regenerate,
    Revoke,
}

impl InvitationAction {
    pub const ALL: [InvitationAction; 4] = [
        InvitationAction::Resend,
        InvitationAction::CopyLink,
        InvitationAction::Regenerate,
        InvitationAction::Revoke,
    ];
    /// What may be done to several invitations at once.
    pub const BULK: [InvitationAction; 2] = [InvitationAction::Resend, InvitationAction::Revoke];

    pub fn key(self) -> &'static str {
        match self {
            InvitationAction::Resend => "resend",
            InvitationAction::CopyLink => "copy_link",
            InvitationAction::Regenerate => "regenerate",
            InvitationAction::Revoke => "revoke",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            InvitationAction::Resend => "Resend invitation",
            InvitationAction::CopyLink => "Copy invite link",
            InvitationAction::Regenerate => "Generate new invitation",
            InvitationAction::Revoke => "Revoke invitation",
        }
    }

    /// Pending invitations can be resent, copied and revoked; ended ones (expired, declined,
    /// revoked) start again with a new invitation; a member who joined has none.
    pub fn applies_to(self, state: MemberState) -> bool {
        use MemberState::*;
        match self {
            InvitationAction::Resend => state == Invited,
            InvitationAction::CopyLink | InvitationAction::Revoke => {
                matches!(state, Invited | Expired)
            }
            InvitationAction::Regenerate => matches!(state, Expired | Declined | Revoked),
        }
    }

    /// Why the action does not apply to someone in `state`, in words they can act on.
    pub fn refusal(self, name: &str, state: MemberState) -> String {
        use MemberState::*;
        match (self, state) {
            (_, Active | Deactivated) => {
                format!("{name} has already joined, so there is no invitation to change")
            }
            (InvitationAction::Resend, Expired) => {
                "This invitation has expired. Generate a new invitation instead".to_owned()
            }
            (InvitationAction::Regenerate, Invited) => {
                "This invitation is still valid. Resend it instead".to_owned()
            }
            (_, ended) => format!(
                "This invitation was {}. Generate a new invitation instead",
                ended.label().to_lowercase()
            ),
        }
    }

    /// Whether it emails the invitee (and so is limited per invitation).
    pub fn sends_email(self) -> bool {
        matches!(
            self,
            InvitationAction::Resend | InvitationAction::Regenerate
        )
    }

    /// The audit log's name for it (docs/security.md §29).
    pub fn audit_action(self) -> &'static str {
        match self {
            InvitationAction::Resend => "invitation.resent",
            InvitationAction::CopyLink => "invitation.link_copied",
            InvitationAction::Regenerate => "invitation.regenerated",
            InvitationAction::Revoke => "invitation.revoked",
        }
    }

    /// What happened, for the person who asked.
    pub fn done(self, name: &str) -> String {
        match self {
            InvitationAction::Resend => format!("Invitation resent to {name}."),
            InvitationAction::CopyLink => format!("New invite link created for {name}."),
            InvitationAction::Regenerate => format!("New invitation sent to {name}."),
            InvitationAction::Revoke => format!("Invitation of {name} revoked."),
        }
    }

    /// Whether it asks for confirmation on a page of its own first.
    pub fn is_confirmed(self) -> bool {
        Confirmable::ALL.contains(&Confirmable::Invitation(self))
    }

    /// One of the `BULK` actions, by its key.
    pub fn bulk_from_key(key: &str) -> Option<Self> {
        Self::from_key(key).filter(|action| Self::BULK.contains(action))
    }

    /// Whether someone in `state` can be selected for a bulk action.
    pub fn any_bulk_applies_to(state: MemberState) -> bool {
        Self::BULK.iter().any(|action| action.applies_to(state))
    }

    /// A bulk action as a verb: "Resend", "Revoke".
    pub fn bulk_verb(self) -> &'static str {
        match self {
            InvitationAction::Revoke => "Revoke",
            _ => "Resend",
        }
    }

    /// What a bulk action leaves behind, for its confirmation page.
    pub fn bulk_consequence(self) -> &'static str {
        match self {
            InvitationAction::Revoke => "Their links stop working at once.",
            _ => "Each gets a new email with a new link; their earlier links stop working.",
        }
    }

    /// "2 invitations revoked.", and who was not, with why.
    pub fn bulk_done(self, done: usize, skipped: &[String]) -> String {
        let verb = match self {
            InvitationAction::Revoke => "revoked",
            _ => "resent",
        };
        let noun = crate::words::plural(done, "invitation", "invitations");
        let mut message = format!("{done} {noun} {verb}.");
        if !skipped.is_empty() {
            message.push_str(&format!(" Not {verb}: {}.", skipped.join("; ")));
        }
        message
    }
}

/// What an admin can do to a person's membership.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberAction {
    Deactivate,
    Reactivate,
    Remove,
}

impl MemberAction {
    /// Whether it asks for confirmation on a page of its own first.
    pub fn is_confirmed(self) -> bool {
        Confirmable::ALL.contains(&Confirmable::Member(self))
    }

    pub const ALL: [MemberAction; 3] = [
        MemberAction::Deactivate,
        MemberAction::Reactivate,
        MemberAction::Remove,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MemberAction::Deactivate => "deactivate",
            MemberAction::Reactivate => "reactivate",
            MemberAction::Remove => "remove",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            MemberAction::Deactivate => "Deactivate",
            MemberAction::Reactivate => "Reactivate",
            MemberAction::Remove => "Remove user",
        }
    }

    /// Anyone can be removed; only those who joined are deactivated and reactivated.
    pub fn applies_to(self, state: MemberState) -> bool {
        match self {
            MemberAction::Deactivate => state == MemberState::Active,
            MemberAction::Reactivate => state == MemberState::Deactivated,
            MemberAction::Remove => true,
        }
    }

    pub fn refusal(self, name: &str) -> String {
        match self {
            MemberAction::Deactivate => format!("{name} is not active, so cannot be deactivated"),
            MemberAction::Reactivate => {
                format!("{name} is not deactivated, so cannot be reactivated")
            }
            MemberAction::Remove => format!("{name} cannot be removed"),
        }
    }

    pub fn audit_action(self) -> &'static str {
        match self {
            MemberAction::Deactivate => "member.deactivated",
            MemberAction::Reactivate => "member.reactivated",
            MemberAction::Remove => "member.removed",
        }
    }

    pub fn done(self, name: &str) -> String {
        match self {
            MemberAction::Deactivate => {
                format!("{name} is deactivated and signed out of this workspace.")
            }
            MemberAction::Reactivate => format!("{name} is active again."),
            MemberAction::Remove => format!("{name} was removed from the workspace."),
        }
    }
}

/// A destructive action, confirmed on its own page before it is posted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confirmable {
    Invitation(InvitationAction),
    Member(MemberAction),
}

impl Confirmable {
    pub const ALL: [Confirmable; 3] = [
        Confirmable::Invitation(InvitationAction::Revoke),
        Confirmable::Member(MemberAction::Deactivate),
        Confirmable::Member(MemberAction::Remove),
    ];

    pub fn key(self) -> &'static str {
        match self {
            Confirmable::Invitation(action) => action.key(),
            Confirmable::Member(action) => action.key(),
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Confirmable::Invitation(action) => action.label(),
            Confirmable::Member(action) => action.label(),
        }
    }

    /// The confirmation page's question and what follows from it.
    pub fn question(self, name: &str) -> (String, &'static str) {
        match self {
            Confirmable::Invitation(_) => (
                format!("Revoke the invitation of {name}?"),
                "The link stops working at once. You can invite them again later.",
            ),
            Confirmable::Member(MemberAction::Deactivate) => (
                format!("Deactivate {name}?"),
                "They are signed out of this workspace at once and cannot sign in to it until reactivated. Invitations they sent that are still pending are revoked.",
            ),
            Confirmable::Member(_) => (
                format!("Remove {name} from the workspace?"),
                "Their membership ends and they are signed out of this workspace. Invitations they sent that are still pending are revoked. You can invite them again later.",
            ),
        }
    }
}

/// One line of a person's history: when, and what happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: String,
    pub what: String,
}

/// Everything the details page shows about one person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDetails {
    pub summary: MemberSummary,
    pub first_name: String,
    pub last_name: String,
    /// ISO 3166 alpha-2, or empty.
    pub country: String,
    /// In the one form numbers are shown in (`domain::phone::shown`), or empty. The edit form
    /// starts from it too: it parses back to the same number.
    pub phone: String,
    pub groups: Vec<GroupSummary>,
    /// What their groups' roles allow.
    pub permissions: Vec<Permission>,
    /// When they were added, and when they joined, in words.
    pub added: String,
    pub joined: Option<String>,
    /// Their invitation's emails, links and outcome, oldest first.
    pub invitation_history: Vec<HistoryEntry>,
    /// Recent audit events about them, newest first; `None` for a viewer who may not read the
    /// audit log.
    pub activity: Option<Vec<HistoryEntry>>,
    /// The viewer is looking at themselves.
    pub is_self: bool,
}

impl MemberDetails {
    /// The email address can change only until the person has joined.
    pub fn email_editable(&self) -> bool {
        self.summary.state.email_editable()
    }
}

/// The edit form: a wizard row's fields, parsed by the same `NewPerson` rules. Its email is
/// left out, and ignored, once the person has joined.
pub type MemberEdit = crate::domain::PersonInput;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for action in InvitationAction::ALL {
            assert_eq!(InvitationAction::from_key(action.key()), Some(action));
        }
        for action in MemberAction::ALL {
            assert_eq!(MemberAction::from_key(action.key()), Some(action));
        }
        for action in Confirmable::ALL {
            assert_eq!(Confirmable::from_key(action.key()), Some(action));
        }
        assert_eq!(Confirmable::from_key("resend"), None);
    }

    #[test]
    fn nothing_touches_the_invitation_of_someone_who_joined() {
        for action in InvitationAction::ALL {
            assert!(!action.applies_to(MemberState::Active));
            assert!(!action.applies_to(MemberState::Deactivated));
        }
    }

    #[test]
    fn ended_invitations_start_again_and_pending_ones_are_resent() {
        use InvitationAction::*;
        assert!(Resend.applies_to(MemberState::Invited));
        assert!(!Resend.applies_to(MemberState::Expired));
        assert!(Regenerate.applies_to(MemberState::Expired));
        assert!(Regenerate.applies_to(MemberState::Declined));
        assert!(!Regenerate.applies_to(MemberState::Invited));
        assert!(Revoke.applies_to(MemberState::Expired));
        assert!(!Revoke.applies_to(MemberState::Revoked));
        assert_eq!(
            Resend.refusal("Ada", MemberState::Expired),
            "This invitation has expired. Generate a new invitation instead"
        );
        assert_eq!(
            Revoke.refusal("Ada", MemberState::Declined),
            "This invitation was declined. Generate a new invitation instead"
        );
    }
}
