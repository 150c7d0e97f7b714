//! A person to invite: one row of the wizard as typed, and parsed.

use super::{EmailAddress, PersonName};
use crate::error::FormCheck;
use serde::{Deserialize, Serialize};

/// One row of the wizard's first step, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonInput {
    /// Names the row, not its position, so `Remove` removes the person it is next to and the
    /// browser keeps each row's inputs bound to that person (see `WizardDraft::key_rows`).
    /// 0 until the draft gives it one.
    #[serde(default)]
    pub key: u32,
    pub first_name: String,
    pub last_name: String,
    /// Empty where the form leaves it out (editing someone who has joined).
    #[serde(default)]
    pub email: String,
    /// ISO 3166 alpha-2, or empty.
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub phone: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPerson {
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: EmailAddress,
    pub phone: super::PhoneEntry,
}

/// The id of row `index`'s input for `field`: the error summary links to it.
pub fn field_id(index: usize, field: &str) -> String {
    format!("person-{index}-{field}")
}

impl NewPerson {
    /// Parses row `index`, recording each problem against its input's id.
    pub fn parse(input: &PersonInput, index: usize, form: &mut FormCheck) -> Option<Self> {
        Self::parse_fields(input, form, |field| field_id(index, field))
    }

    /// Parses one person's fields, recording each problem against the id `id(field)`.
    pub fn parse_fields(
        input: &PersonInput,
        form: &mut FormCheck,
        id: impl Fn(&str) -> String,
    ) -> Option<Self> {
        let first_name = form.field(
            &id("first_name"),
            PersonName::parse(&input.first_name, "a first name"),
        );
        let last_name = form.field(
            &id("last_name"),
            PersonName::parse(&input.last_name, "a last name"),
        );
        let email = form.field(&id("email"), EmailAddress::parse(&input.email));
        let phone = form.field(
            &id("phone"),
            super::PhoneNumber::parse(&input.country, &input.phone),
        );
        Some(NewPerson {
            first_name: first_name?,
            last_name: last_name?,
            email: email?,
            phone: phone?,
        })
    }

    /// Parses every row, recording all problems; `None` if any row has one.
    pub fn parse_all(inputs: &[PersonInput], form: &mut FormCheck) -> Option<Vec<Self>> {
        let parsed: Vec<Option<Self>> = inputs
            .iter()
            .enumerate()
            .map(|(index, input)| Self::parse(input, index, form))
            .collect();
        parsed.into_iter().collect()
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name.as_str(), self.last_name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(first: &str, last: &str, email: &str) -> PersonInput {
        PersonInput {
            first_name: first.into(),
            last_name: last.into(),
            email: email.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_row_parses() {
        let mut form = FormCheck::default();
        let person =
            NewPerson::parse(&input("Grace", "Hopper", "Grace@Navy.mil"), 0, &mut form).unwrap();
        assert_eq!(person.email.as_str(), "grace@navy.mil");
        assert_eq!(person.full_name(), "Grace Hopper");
    }

    #[test]
    fn each_problem_names_its_row_and_field() {
        let mut form = FormCheck::default();
        assert!(NewPerson::parse(&input("Grace", "", "nope"), 2, &mut form).is_none());
        let error = form.into_error();
        assert_eq!(
            error.message_for("person-2-last_name").as_deref(),
            Some("Enter a last name")
        );
        assert_eq!(
            error.message_for("person-2-email").as_deref(),
            Some("Enter an email address in the format name@example.com")
        );
        assert_eq!(error.message_for("person-2-first_name"), None);
    }
}
