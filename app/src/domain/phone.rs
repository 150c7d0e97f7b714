//! Optional phone numbers, validated for the chosen country with libphonenumber's metadata (the
//! `phonenumber` crate). Its metadata and regexes would add hundreds of KiB to the browser
//! bundle, so the check runs on the server only; the browser pre-checks names and email, and
//! its parse says a number was "not checked here" rather than "no number", so no caller can
//! drop a number the person typed.

use serde::{Deserialize, Serialize};

/// What the phone fields of a form hold, once parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneEntry {
    /// Nothing was typed.
    Absent,
    /// A valid number for its country.
    Valid(PhoneNumber),
    /// A number was typed, and only the server can check it. The server's parse never gives
    /// this: the variant does not exist there.
    #[cfg(not(feature = "ssr"))]
    NotCheckedHere,
}

impl PhoneEntry {
    /// The valid number, if one was typed. On the server this is the whole truth.
    #[cfg(feature = "ssr")]
    pub fn checked(&self) -> Option<&PhoneNumber> {
        match self {
            PhoneEntry::Absent => None,
            PhoneEntry::Valid(number) => Some(number),
        }
    }
}

/// A valid number in E.164 form, with the country it was entered for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber {
    pub country: String,
    pub e164: String,
}

#[cfg(feature = "ssr")]
impl PhoneNumber {
    /// Both empty: no phone. A number needs a country; the country alone is ignored.
    pub fn parse(country: &str, number: &str) -> Result<PhoneEntry, String> {
        let (country, number) = (country.trim(), number.trim());
        if number.is_empty() {
            return Ok(PhoneEntry::Absent);
        }
        if number.chars().count() > 40 || number.chars().any(char::is_control) {
            return Err("Enter a phone number, like 020 7946 0958".into());
        }
        if country.is_empty() {
            return Err("Select the country code for this phone number".into());
        }
        let Some(country) = super::country::by_code(country) else {
            return Err("Select a country code from the list".into());
        };
        let id: phonenumber::country::Id = country
            .code
            .parse()
            .map_err(|_| "Select a country code from the list".to_string())?;
        let invalid = || format!("Enter a valid phone number for {}", country.name);
        let parsed = phonenumber::parse(Some(id), number).map_err(|_| invalid())?;
        if !phonenumber::is_valid(&parsed) {
            return Err(invalid());
        }
        let e164 = parsed.format().mode(phonenumber::Mode::E164).to_string();
        Ok(PhoneEntry::Valid(PhoneNumber {
            country: country.code.to_owned(),
            e164,
        }))
    }
}

/// The one form a number is shown in, on every page: international, grouped the way its
/// country writes it ("+44 20 7946 0958"), whether it was just typed (with its country) or read
/// back in E.164. What does not parse is shown as typed, trimmed.
#[cfg(feature = "ssr")]
pub fn shown(country: &str, number: &str) -> String {
    let number = number.trim();
    let country = country.trim().parse::<phonenumber::country::Id>().ok();
    match phonenumber::parse(country, number) {
        Ok(parsed) if phonenumber::is_valid(&parsed) => parsed
            .format()
            .mode(phonenumber::Mode::International)
            .to_string(),
        _ => number.to_owned(),
    }
}

#[cfg(not(feature = "ssr"))]
impl PhoneNumber {
    /// In the browser the number is left to the server's check (see the module comment).
    pub fn parse(_country: &str, number: &str) -> Result<PhoneEntry, String> {
        Ok(if number.trim().is_empty() {
            PhoneEntry::Absent
        } else {
            PhoneEntry::NotCheckedHere
        })
    }
}

#[cfg(all(test, not(feature = "ssr")))]
mod browser_tests {
    use super::*;

    #[test]
    fn the_browser_says_a_typed_number_was_not_checked_rather_than_absent() {
        assert_eq!(
            PhoneNumber::parse("GB", "020 7946 0958"),
            Ok(PhoneEntry::NotCheckedHere)
        );
        assert_eq!(PhoneNumber::parse("GB", "  "), Ok(PhoneEntry::Absent));
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn an_empty_number_is_no_phone_whatever_the_country() {
        assert_eq!(PhoneNumber::parse("GB", "  "), Ok(PhoneEntry::Absent));
        assert_eq!(PhoneNumber::parse("", ""), Ok(PhoneEntry::Absent));
    }

    #[test]
    fn a_number_is_shown_the_same_way_as_typed_or_as_stored() {
        assert_eq!(shown("GB", " 020 7946 0958 "), "+44 20 7946 0958");
        assert_eq!(shown("GB", "+442079460958"), "+44 20 7946 0958");
        assert_eq!(shown("", "+442079460958"), "+44 20 7946 0958");
        assert_eq!(shown("GB", " 123 "), "123");
    }

    #[test]
    fn numbers_are_validated_for_their_country_and_kept_in_e164() {
        let uk = PhoneNumber::parse("GB", "020 7946 0958").unwrap();
        let uk = uk.checked().unwrap();
        assert_eq!(uk.e164, "+442079460958");
        let us = PhoneNumber::parse("US", "(201) 555-0123").unwrap();
        let us = us.checked().unwrap();
        assert_eq!(us.e164, "+12015550123");
        assert_eq!(PhoneNumber::parse("GB", "123"), Err("Enter a valid phone number for United Kingdom of Great Britain and Northern Ireland".into()));
    }

    #[test]
    fn a_number_needs_a_known_country() {
        assert_eq!(
            PhoneNumber::parse("", "020 7946 0958"),
            Err("Select the country code for this phone number".into())
        );
        assert_eq!(
            PhoneNumber::parse("ZZ", "020 7946 0958"),
            Err("Select a country code from the list".into())
        );
    }
}
