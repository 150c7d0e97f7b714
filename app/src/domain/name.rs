//! Names people and workspaces are known by.

use serde::{Deserialize, Serialize};

const MAX_NAME_CHARS: usize = 100;

/// A person's first, last or display name: trimmed, 1–100 characters, no control characters
/// (names end up in email headers and subjects).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName(String);

impl PersonName {
    /// `what` names the field in messages, e.g. "a first name" gives "Enter a first name".
    pub fn parse(input: &str, what: &str) -> Result<Self, String> {
        parse_label(input, what).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name of a workspace, shown in emails and the shell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceName(String);

impl WorkspaceName {
    pub fn parse(input: &str) -> Result<Self, String> {
        parse_label(input, "a workspace name").map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A group's name: the same rules as a workspace's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupName(String);

impl GroupName {
    pub fn parse(input: &str) -> Result<Self, String> {
        parse_label(input, "a group name").map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn parse_label(input: &str, what: &str) -> Result<String, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(format!("Enter {what}"));
    }
    if trimmed.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "{} must be {MAX_NAME_CHARS} characters or fewer",
            capitalise(what)
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(format!(
            "{} must not contain control characters",
            capitalise(what)
        ));
    }
    Ok(trimmed.to_owned())
}

/// "a first name" → "First name".
fn capitalise(what: &str) -> String {
    let noun = what
        .strip_prefix("a ")
        .or_else(|| what.strip_prefix("an "))
        .unwrap_or(what);
    let mut chars = noun.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_are_trimmed() {
        assert_eq!(
            PersonName::parse("  Ada ", "a first name")
                .unwrap()
                .as_str(),
            "Ada"
        );
    }

    #[test]
    fn missing_names_say_which_field() {
        assert_eq!(
            PersonName::parse(" ", "a last name"),
            Err("Enter a last name".into())
        );
        assert_eq!(
            WorkspaceName::parse(""),
            Err("Enter a workspace name".into())
        );
    }

    #[test]
    fn long_names_and_control_characters_are_refused_with_the_field_name() {
        let long = "x".repeat(101);
        assert_eq!(
            PersonName::parse(&long, "a first name"),
            Err("First name must be 100 characters or fewer".into())
        );
        assert_eq!(
            PersonName::parse("Ada\r\nBcc: x", "a display name"),
            Err("Display name must not contain control characters".into())
        );
    }

    proptest! {
        #[test]
        fn accepted_names_are_trimmed_and_bounded(input in "\\PC{0,120}") {
            if let Ok(name) = PersonName::parse(&input, "a name") {
                prop_assert_eq!(name.as_str(), name.as_str().trim());
                prop_assert!(!name.as_str().is_empty());
                prop_assert!(name.as_str().chars().count() <= MAX_NAME_CHARS);
            }
        }
    }
}
