//! Invitations as the wizard, the Users page and the confirmation page see them.

use crate::domain::PersonInput;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What the wizard has collected so far; kept on the server between steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WizardDraft {
    pub people: Vec<PersonInput>,
    pub group_ids: Vec<Uuid>,
}

impl Default for WizardDraft {
    fn default() -> Self {
        let mut draft = Self {
            people: vec![PersonInput::default()],
            group_ids: Vec::new(),
        };
        draft.key_rows();
        draft
    }
}

impl WizardDraft {
    /// Gives each row without a key of its own (new, or sent twice) one no other row has.
    pub fn key_rows(&mut self) {
        let highest = self
            .people
            .iter()
            .map(|person| person.key)
            .max()
            .unwrap_or(0);
        // Keys come back from the browser: one posted near the top of the range would leave
        // no room above it, so the rows are numbered afresh.
        if highest > u32::MAX / 2 {
            for (person, key) in self.people.iter_mut().zip(1..) {
                person.key = key;
            }
            return;
        }
        let mut next = highest + 1;
        let mut seen = std::collections::HashSet::new();
        for person in &mut self.people {
            if person.key == 0 || !seen.insert(person.key) {
                person.key = next;
                seen.insert(next);
                next += 1;
            }
        }
    }

    /// Adds an empty row, keyed.
    pub fn add_row(&mut self) {
        self.people.push(PersonInput::default());
        self.key_rows();
    }

    /// Removes the row with this key, unless it is the last one left.
    pub fn remove_row(&mut self, key: u32) {
        if self.people.len() > 1 {
            self.people.retain(|person| person.key != key);
        }
    }

    /// Whether anything was typed or chosen: a draft worth telling the person about.
    pub fn has_input(&self) -> bool {
        !self.group_ids.is_empty()
            || self.people.iter().any(|person| {
                [
                    &person.first_name,
                    &person.last_name,
                    &person.email,
                    &person.phone,
                ]
                .iter()
                .any(|text| !text.trim().is_empty())
            })
    }
}

/// The Overview's view of a draft: each person as the details page will show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftPreview {
    pub people: Vec<PersonPreview>,
    pub group_ids: Vec<Uuid>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonPreview {
    pub name: String,
    pub email: String,
    /// In the one form numbers are shown in (`domain::phone::shown`), or empty.
    pub phone: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(key: u32, first_name: &str) -> PersonInput {
        PersonInput {
            key,
            first_name: first_name.into(),
            ..PersonInput::default()
        }
    }

    #[test]
    fn rows_without_a_key_or_with_a_taken_one_get_a_fresh_key() {
        let mut draft = WizardDraft {
            people: vec![
                named(0, "Ada"),
                named(4, "Grace"),
                named(4, "Alan"),
                named(0, "Edsger"),
            ],
            group_ids: Vec::new(),
        };
        draft.key_rows();
        let keys: Vec<u32> = draft.people.iter().map(|person| person.key).collect();
        assert_eq!(keys, vec![5, 4, 6, 7]);
    }

    #[test]
    fn the_largest_key_a_browser_can_post_does_not_overflow() {
        let mut draft = WizardDraft {
            people: vec![named(u32::MAX, "Ada"), named(0, "Grace")],
            group_ids: Vec::new(),
        };
        draft.key_rows();
        let keys: Vec<u32> = draft.people.iter().map(|person| person.key).collect();
        assert_eq!(keys, vec![1, 2]);
    }

    #[test]
    fn remove_takes_the_person_with_that_key_and_keeps_the_last_row() {
        let mut draft = WizardDraft {
            people: vec![
                named(1, "Ada"),
                named(2, "Grace"),
                named(3, "Alan"),
                named(4, "Edsger"),
            ],
            group_ids: Vec::new(),
        };
        draft.remove_row(3);
        let names: Vec<&str> = draft.people.iter().map(|p| p.first_name.as_str()).collect();
        assert_eq!(names, vec!["Ada", "Grace", "Edsger"]);

        let mut last = WizardDraft::default();
        let key = last.people[0].key;
        last.remove_row(key);
        assert_eq!(last.people.len(), 1);
    }

    #[test]
    fn an_untouched_draft_has_no_input_and_a_typed_name_has() {
        let mut draft = WizardDraft::default();
        assert!(!draft.has_input());
        draft.people[0].last_name = "Lovelace".into();
        assert!(draft.has_input());
    }
}
