//! Optional phone numbers, validated for the chosen country with libphonenumber's metadata (the
//! `phonenumber` crate). Its metadata and regexes would add hundreds of KiB to the browser
//! bundle, so the check runs on the server only; the browser pre-checks names and email.

use serde::{Deserialize, Serialize};

/// A valid number in E.164 form, with the country it was entered for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber {
    pub country: String,
    pub e164: String,
}

#[cfg(feature = "ssr")]
impl PhoneNumber {
    /// Both empty: no phone. A number needs a country; the country alone is ignored.
    pub fn parse(country: &str, number: &str) -> Result<Option<Self>, String> {
        let (country, number) = (country.trim(), number.trim());
        if number.is_empty() {
            return Ok(None);
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
        Ok(Some(PhoneNumber {
            country: country.code.to_owned(),
            e164,
        }))
    }
}

#[cfg(not(feature = "ssr"))]
impl PhoneNumber {
    /// In the browser the number is left to the server's check (see the module comment).
    pub fn parse(_country: &str, _number: &str) -> Result<Option<Self>, String> {
        Ok(None)
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn an_empty_number_is_no_phone_whatever_the_country() {
        assert_eq!(PhoneNumber::parse("GB", "  "), Ok(None));
        assert_eq!(PhoneNumber::parse("", ""), Ok(None));
    }

    #[test]
    fn numbers_are_validated_for_their_country_and_kept_in_e164() {
        let uk = PhoneNumber::parse("GB", "020 7946 0958").unwrap().unwrap();
        assert_eq!(uk.e164, "+442079460958");
        let us = PhoneNumber::parse("US", "(201) 555-0123").unwrap().unwrap();
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
