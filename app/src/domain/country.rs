//! Countries with their calling codes, for the wizard's `Country code` list (server only: the
//! list reaches the browser inside the rendered page).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name: String,
    pub calling_code: u16,
}

impl Country {
    pub fn label(&self) -> String {
        format!("{} (+{})", self.name, self.calling_code)
    }
}

/// Every ISO country libphonenumber knows a calling code for, by name.
#[cfg(feature = "ssr")]
pub fn all() -> &'static [Country] {
    use std::sync::OnceLock;
    static COUNTRIES: OnceLock<Vec<Country>> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        let mut countries: Vec<Country> = isocountry::CountryCode::iter()
            .filter_map(|country| {
                let metadata = phonenumber::metadata::DATABASE.by_id(country.alpha2())?;
                Some(Country {
                    code: country.alpha2().to_owned(),
                    name: country.name().to_owned(),
                    calling_code: metadata.country_code(),
                })
            })
            .collect();
        countries.sort_by(|a, b| a.name.cmp(&b.name));
        countries
    })
}

#[cfg(feature = "ssr")]
pub fn by_code(code: &str) -> Option<&'static Country> {
    all()
        .iter()
        .find(|country| country.code.eq_ignore_ascii_case(code))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_calling_codes_and_is_sorted_by_name() {
        let countries = all();
        assert!(countries.len() > 200, "{}", countries.len());
        assert!(
            countries
                .windows(2)
                .all(|pair| pair[0].name <= pair[1].name)
        );
        assert_eq!(by_code("fr").unwrap().calling_code, 33);
        assert_eq!(
            by_code("GB").unwrap().label(),
            "United Kingdom of Great Britain and Northern Ireland (+44)"
        );
    }
}
