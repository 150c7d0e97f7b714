//! What the wizard's buttons ask for. A step's form is posted with the pressed button's
//! `intent`; these are its only values, written and read here alone.

use std::fmt;
use std::str::FromStr;

/// Larger lists belong to a CSV import. The wizard holds at most this many rows, and
/// `invite_people` invites at most this many people at once.
pub const MAX_PEOPLE_AT_ONCE: usize = 50;

/// User details: add a row, remove the row with this key, or check the rows and go to Groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeopleIntent {
    Add,
    Remove(u32),
    Next,
}

/// Groups: back to User details, search the groups (without JavaScript), or go to Overview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupsIntent {
    Back,
    Search,
    Next,
}

/// The refusal of a form posted with no intent this step knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownIntent;

impl fmt::Display for PeopleIntent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Add => f.write_str("add"),
            Self::Remove(key) => write!(f, "remove-{key}"),
            Self::Next => f.write_str("next"),
        }
    }
}

impl FromStr for PeopleIntent {
    type Err = UnknownIntent;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "add" => Ok(Self::Add),
            "next" => Ok(Self::Next),
            _ => text
                .strip_prefix("remove-")
                .and_then(|key| key.parse().ok())
                .map(Self::Remove)
                .ok_or(UnknownIntent),
        }
    }
}

impl GroupsIntent {
    const ALL: [Self; 3] = [Self::Back, Self::Search, Self::Next];
}

impl fmt::Display for GroupsIntent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Back => "back",
            Self::Search => "search",
            Self::Next => "next",
        })
    }
}

impl FromStr for GroupsIntent {
    type Err = UnknownIntent;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|intent| intent.to_string() == text)
            .ok_or(UnknownIntent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_intent_reads_back_as_written() {
        for intent in [
            PeopleIntent::Add,
            PeopleIntent::Remove(7),
            PeopleIntent::Next,
        ] {
            assert_eq!(intent.to_string().parse(), Ok(intent));
        }
        for intent in [GroupsIntent::Back, GroupsIntent::Search, GroupsIntent::Next] {
            assert_eq!(intent.to_string().parse(), Ok(intent));
        }
    }

    #[test]
    fn unknown_intents_are_refused() {
        for text in ["", "remove-", "remove-x", "remove--1", "Next", "search"] {
            assert_eq!(text.parse::<PeopleIntent>(), Err(UnknownIntent), "{text}");
        }
        assert_eq!("add".parse::<GroupsIntent>(), Err(UnknownIntent));
    }
}
