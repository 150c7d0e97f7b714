//! Roles are fixed; groups bind them; a member's rights are the union of their groups' roles.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Permission {
    ViewMembers,
    InviteMembers,
    ManageMembers,
    ManageGroups,
    ViewAuditLog,
    ManageWorkspace,
}

impl Permission {
    pub const ALL: [Permission; 6] = [
        Permission::ViewMembers,
        Permission::InviteMembers,
        Permission::ManageMembers,
        Permission::ManageGroups,
        Permission::ViewAuditLog,
        Permission::ManageWorkspace,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Permission::ViewMembers => "See the people in the workspace",
            Permission::InviteMembers => "Invite people",
            Permission::ManageMembers => "Edit, deactivate and remove people",
            Permission::ManageGroups => "Manage groups and their roles",
            Permission::ViewAuditLog => "Read the audit log",
            Permission::ManageWorkspace => "Manage the workspace and its Owners",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    Owner,
    Admin,
    SecurityEngineer,
    Developer,
    Guest,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Owner,
        Role::Admin,
        Role::SecurityEngineer,
        Role::Developer,
        Role::Guest,
    ];

    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::Owner => &[
                ViewMembers,
                InviteMembers,
                ManageMembers,
                ManageGroups,
                ViewAuditLog,
                ManageWorkspace,
            ],
            Role::Admin => &[
                ViewMembers,
                InviteMembers,
                ManageMembers,
                ManageGroups,
                ViewAuditLog,
            ],
            Role::SecurityEngineer => &[ViewMembers, ViewAuditLog],
            Role::Developer => &[ViewMembers],
            Role::Guest => &[],
        }
    }

    /// The stable name stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::SecurityEngineer => "security_engineer",
            Role::Developer => "developer",
            Role::Guest => "guest",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.key() == key)
    }

    /// Owner and Admin rights deserve a second look before they are granted.
    pub fn is_privileged(self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Owner => "Owner",
            Role::Admin => "Admin",
            Role::SecurityEngineer => "Security Engineer",
            Role::Developer => "Developer",
            Role::Guest => "Guest",
        }
    }
}

/// The roles' labels, in order, joined with ", " (empty for no role).
pub fn role_names(roles: &[Role]) -> String {
    let labels: Vec<&str> = roles.iter().map(|role| role.label()).collect();
    labels.join(", ")
}

/// The rights a set of roles grants.
pub fn permissions_of(roles: impl IntoIterator<Item = Role>) -> BTreeSet<Permission> {
    roles
        .into_iter()
        .flat_map(|role| role.permissions().iter().copied())
        .collect()
}

/// An inviter may grant only what they hold themselves (docs/security.md §13).
pub fn may_grant(own: &BTreeSet<Permission>, granted: impl IntoIterator<Item = Role>) -> bool {
    permissions_of(granted).is_subset(own)
}

/// Whether someone holding `own` may invite people into groups binding `granted`: they must
/// hold the right to invite, and every right they would grant. Checked when inviting, when an
/// invitation is accepted, and when an inviter's rights shrink (docs/security.md §13, §15).
pub fn may_invite_into(
    own: &BTreeSet<Permission>,
    granted: impl IntoIterator<Item = Role>,
) -> bool {
    own.contains(&Permission::InviteMembers) && may_grant(own, granted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_permission_is_listed_once() {
        let listed: BTreeSet<Permission> = Permission::ALL.into_iter().collect();
        assert_eq!(listed.len(), Permission::ALL.len());
        assert_eq!(
            listed,
            permissions_of(Role::ALL),
            "and each is granted by some role"
        );
    }

    #[test]
    fn role_keys_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_key(role.key()), Some(role));
        }
        assert_eq!(Role::from_key("superuser"), None);
    }

    #[test]
    fn rights_are_the_union_of_roles() {
        let rights = permissions_of([Role::Developer, Role::SecurityEngineer]);
        assert!(rights.contains(&Permission::ViewAuditLog));
        assert!(!rights.contains(&Permission::InviteMembers));
    }

    #[test]
    fn an_admin_may_grant_admin_but_not_owner() {
        let admin = permissions_of([Role::Admin]);
        assert!(may_grant(&admin, [Role::Admin, Role::Developer]));
        assert!(!may_grant(&admin, [Role::Owner]));
    }

    #[test]
    fn only_those_who_may_invite_invite_even_into_groups_without_rights() {
        assert!(!may_invite_into(
            &permissions_of([Role::Developer]),
            [Role::Guest]
        ));
        assert!(may_invite_into(
            &permissions_of([Role::Admin]),
            [Role::Guest]
        ));
    }

    #[test]
    fn each_role_holds_a_subset_of_the_owners_rights() {
        let owner = permissions_of([Role::Owner]);
        for role in Role::ALL {
            assert!(may_grant(&owner, [role]), "{role:?}");
        }
    }
}
