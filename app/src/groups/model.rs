//! Groups as Settings > Groups shows and edits them.

use crate::domain::Role;
use crate::domain::role::role_names;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Whether a group's name or one of its roles contains `query` (case folded): the search of
/// Settings > Groups and of the wizard's groups step.
pub fn matches_query(name: &str, roles: &[Role], query: &str) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty()
        || name.to_lowercase().contains(&query)
        || roles
            .iter()
            .any(|role| role.label().to_lowercase().contains(&query))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupView {
    pub group_id: Uuid,
    pub name: String,
    pub roles: Vec<Role>,
    /// How many people (members and invitations) are in it.
    pub members: u64,
}

impl GroupView {
    pub fn matches(&self, query: &str) -> bool {
        matches_query(&self.name, &self.roles, query)
    }

    pub fn role_labels(&self) -> String {
        if self.roles.is_empty() {
            "No role".to_owned()
        } else {
            role_names(&self.roles)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_found_by_name_or_role() {
        let group = GroupView {
            group_id: Uuid::nil(),
            name: "Platform team".into(),
            roles: vec![Role::SecurityEngineer],
            members: 0,
        };
        assert!(group.matches("PLATFORM"));
        assert!(group.matches("security"));
        assert!(group.matches(" "));
        assert!(!group.matches("owner"));
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSummary {
    pub group_id: Uuid,
    pub name: String,
    pub roles: Vec<Role>,
}
