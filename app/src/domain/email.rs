//! Email addresses: one normalisation for comparison and uniqueness (SECURITY.md 24–25).

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Longest address SMTP can carry (RFC 5321 path limit minus the angle brackets).
const MAX_LEN: usize = 254;

pub const FORMAT_MESSAGE: &str = "Enter an email address in the format name@example.com";

/// A syntactically valid, normalised email address: trimmed, NFKC, lower-case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let normalised = normalise(input);
        if normalised.is_empty() {
            return Err("Enter an email address");
        }
        if normalised.chars().count() > MAX_LEN {
            return Err("Email address must be 254 characters or fewer");
        }
        // Header injection: CR, LF and other controls never reach a mail header.
        if normalised.chars().any(char::is_control)
            || !email_address::EmailAddress::is_valid(&normalised)
        {
            return Err(FORMAT_MESSAGE);
        }
        Ok(Self(normalised))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The one normalisation used everywhere addresses are compared. SQLite's NOCASE folds ASCII
/// only, so the database never folds: it stores and compares this form.
pub fn normalise(input: &str) -> String {
    input.trim().nfkc().collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_plain_address_is_accepted_and_lower_cased() {
        let email = EmailAddress::parse("  Ada.Lovelace@Example.COM ").unwrap();
        assert_eq!(email.as_str(), "ada.lovelace@example.com");
    }

    #[test]
    fn unicode_variants_of_one_address_normalise_to_the_same_value() {
        // Fullwidth letters fold to ASCII under NFKC; the Kelvin sign lower-cases to k.
        let fullwidth = EmailAddress::parse("ＡＤＡ@example.com").unwrap();
        let plain = EmailAddress::parse("ada@example.com").unwrap();
        assert_eq!(fullwidth, plain);
        assert_eq!(normalise("\u{212A}im@example.com"), "kim@example.com");
    }

    #[test]
    fn empty_and_malformed_addresses_have_specific_messages() {
        assert_eq!(EmailAddress::parse("   "), Err("Enter an email address"));
        assert_eq!(EmailAddress::parse("ada.example.com"), Err(FORMAT_MESSAGE));
        assert_eq!(EmailAddress::parse("ada@"), Err(FORMAT_MESSAGE));
    }

    #[test]
    fn control_characters_are_rejected() {
        for bad in [
            "ada@example.com\r\nBcc: eve@example.com",
            "ada\n@example.com",
            "ad\u{0}a@example.com",
        ] {
            assert_eq!(EmailAddress::parse(bad), Err(FORMAT_MESSAGE), "{bad:?}");
        }
    }

    #[test]
    fn over_long_addresses_are_rejected() {
        let long = format!("{}@example.com", "a".repeat(250));
        assert!(EmailAddress::parse(&long).is_err());
    }

    proptest! {
        #[test]
        fn parsing_never_panics_and_accepted_values_are_normalised(input in "\\PC{0,80}") {
            if let Ok(email) = EmailAddress::parse(&input) {
                prop_assert_eq!(normalise(email.as_str()), email.as_str());
                prop_assert!(!email.as_str().chars().any(char::is_control));
            }
        }

        #[test]
        fn any_control_character_inside_an_address_is_rejected(
            local in "[a-z]{1,10}", control in "[\\x00-\\x1f\\x7f]", at in 0usize..10
        ) {
            // Inside: after the first letter, up to just before '@' (edges are trimmed).
            let mut local = local;
            let at = 1 + at % local.len();
            local.insert_str(at, &control);
            let address = format!("{local}@example.com");
            prop_assert!(EmailAddress::parse(&address).is_err());
        }

        #[test]
        fn case_never_matters(local in "[a-zA-Z0-9]{1,20}", domain in "[a-zA-Z]{1,12}") {
            let lower = EmailAddress::parse(&format!("{local}@{domain}.com").to_lowercase()).unwrap();
            let mixed = EmailAddress::parse(&format!("{local}@{domain}.COM")).unwrap();
            prop_assert_eq!(lower, mixed);
        }
    }
}
