//! What people type into a search box: bounded, so no search reaches a database limit (SQLite
//! refuses LIKE patterns past about 50,000 bytes) and no search term fills a `Location`
//! header (docs/security.md §4d, §9h).

/// The longest search term Portico takes; names and addresses are far shorter.
pub const MAX_SEARCH_CHARS: usize = 200;

/// A trimmed search term, possibly empty (no search).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchTerm(String);

impl SearchTerm {
    pub fn parse(input: &str) -> Result<Self, String> {
        let term = input.trim();
        if term.chars().count() > MAX_SEARCH_CHARS {
            return Err(format!("Search for {MAX_SEARCH_CHARS} characters or fewer"));
        }
        if term.chars().any(char::is_control) {
            return Err("Search for letters, digits, spaces and symbols only".into());
        }
        Ok(Self(term.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_trimmed_and_bounded() {
        assert_eq!(SearchTerm::parse("  ada ").unwrap().as_str(), "ada");
        assert!(SearchTerm::parse(&"é".repeat(MAX_SEARCH_CHARS)).is_ok());
        let error = SearchTerm::parse(&"a".repeat(MAX_SEARCH_CHARS + 1)).unwrap_err();
        assert!(error.contains("200 characters"), "{error}");
    }

    #[test]
    fn control_characters_are_refused() {
        for bad in ["a\u{0}b", "a\u{7}b", "a\nb"] {
            assert!(SearchTerm::parse(bad).is_err(), "{bad:?}");
        }
    }
}
