//! What an admin does to people once they were added: the actions, and when each applies. The
//! browser uses these rules to offer only actions that apply; the
//! server applies the same rules again before acting.

use crate::people::MemberState;
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
