//! Email addresses: one normalisation for comparison and uniqueness (docs/security.md §24–25),
//! and one form: a bare `local@domain` whose domain is an internet host name. What is stored,
//! compared, shown and mailed is the same string (docs/security.md §24b).

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Longest address SMTP can carry (RFC 5321 path limit minus the angle brackets).
const MAX_LEN: usize = 254;
/// RFC 5321 limits.
const MAX_LOCAL_LEN: usize = 64;
const MAX_LABEL_LEN: usize = 63;

pub const FORMAT_MESSAGE: &str = "Enter an email address in the format name@example.com";
const NOT_ASCII_MESSAGE: &str = "Enter an email address that uses only the letters a to z, \
digits and . _ + - (addresses in other scripts are not supported)";
const DOMAIN_MESSAGE: &str =
    "Enter an email address whose domain is a real host name, like example.com";

/// A syntactically valid, normalised email address: trimmed, NFKC, lower-case, ASCII.
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
        if normalised.chars().any(char::is_control) {
            return Err(FORMAT_MESSAGE);
        }
        // Mail software reads non-ASCII addresses differently (SMTPUTF8, IDNA): one string
        // everywhere means ASCII only. Fullwidth letters have already folded to ASCII.
        if !normalised.is_ascii() {
            return Err(NOT_ASCII_MESSAGE);
        }
        let Some((local, domain)) = normalised.rsplit_once('@') else {
            return Err(FORMAT_MESSAGE);
        };
        if domain.is_empty() || !is_bare_local_part(local) {
            return Err(FORMAT_MESSAGE);
        }
        if !is_host_name(domain) {
            return Err(DOMAIN_MESSAGE);
        }
        if !is_rfc_address(&normalised) {
            return Err(FORMAT_MESSAGE);
        }
        Ok(Self(normalised))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }
}

/// The RFC 5322 grammar, as the `email_address` crate reads it, without the forms that let
/// the stored string differ from the mailbox: display names (`Mike <mike@…>`) and domain
/// literals (`[127.0.0.1]`).
fn is_rfc_address(address: &str) -> bool {
    let options = email_address::Options::default()
        .without_display_text()
        .without_domain_literal()
        .with_required_tld();
    email_address::EmailAddress::parse_with_options(address, options).is_ok()
}

/// An unquoted dot-atom: no quoted strings (a quoted `@` or `,` is routed elsewhere), no
/// comments, and no MIME encoded-word marker (`=?utf-8?q?…?=` is decoded by some readers).
fn is_bare_local_part(local: &str) -> bool {
    const SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~";
    !local.is_empty()
        && local.len() <= MAX_LOCAL_LEN
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local.contains("=?")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || SPECIALS.contains(c))
}

/// A host name of the internet (RFC 1123): two or more labels of letters, digits and inner
/// hyphens, the last one not all digits (so never an IP address).
fn is_host_name(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let is_label = |label: &&str| {
        !label.is_empty()
            && label.len() <= MAX_LABEL_LEN
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    labels.len() >= 2
        && labels.iter().all(is_label)
        && labels
            .last()
            .is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()))
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
    fn only_a_bare_address_is_accepted() {
        for bad in [
            "Mike <mike@example.org>",
            "<mike@example.org>",
            "\"Mike\" <mike@example.org>",
            "=?utf-8?q?mike=40evil.test?=@example.org",
            "\"mike@evil.test\"@example.org",
            "\"a,b\"@example.org",
            "mike(comment)@example.org",
            ".mike@example.org",
            "mi..ke@example.org",
            "mike.@example.org",
        ] {
            assert_eq!(EmailAddress::parse(bad), Err(FORMAT_MESSAGE), "{bad:?}");
        }
    }

    #[test]
    fn the_domain_must_be_an_internet_host_name() {
        for bad in [
            "a@b",
            "user@exam_ple.com",
            "user@-example.com",
            "user@example-.com",
            "user@example..com",
            "user@127.0.0.1",
            "user@example.123",
            "mike@[127.0.0.1]",
        ] {
            assert_eq!(EmailAddress::parse(bad), Err(DOMAIN_MESSAGE), "{bad:?}");
        }
        let ok = EmailAddress::parse("o'brien+tag@mail-1.example.co.uk").unwrap();
        assert_eq!(ok.domain(), "mail-1.example.co.uk");
    }

    #[test]
    fn addresses_outside_ascii_are_refused_with_their_own_reason() {
        assert_eq!(
            EmailAddress::parse("jürgen@example.de"),
            Err(NOT_ASCII_MESSAGE)
        );
        assert_eq!(EmailAddress::parse("ada@bücher.de"), Err(NOT_ASCII_MESSAGE));
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
        fn an_accepted_address_is_exactly_one_bare_addr_spec(input in "[ -~]{0,40}") {
            if let Ok(email) = EmailAddress::parse(&input) {
                let (local, domain) = email.as_str().rsplit_once('@').unwrap();
                prop_assert!(!local.contains('@') && !local.contains('"'));
                prop_assert!(!local.contains('<') && !local.contains(' '));
                prop_assert!(is_host_name(domain));
            }
        }

        #[test]
        fn case_never_matters(local in "[a-zA-Z0-9]{1,20}", domain in "[a-zA-Z]{1,12}") {
            let lower = EmailAddress::parse(&format!("{local}@{domain}.com").to_lowercase()).unwrap();
            let mixed = EmailAddress::parse(&format!("{local}@{domain}.COM")).unwrap();
            prop_assert_eq!(lower, mixed);
        }
    }
}
