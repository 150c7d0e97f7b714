//! The first workspace and Owner, from `PORTICO_BOOTSTRAP_*`.

use super::ConfigError;
use super::parse::invalid;
use std::collections::HashMap;

/// The first workspace and Owner, created non-interactively on an empty database.
#[derive(Clone)]
pub struct Bootstrap {
    pub email: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    pub workspace_name: String,
}

impl std::fmt::Debug for Bootstrap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bootstrap")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// `None` unless both the address and the password are given; one without the other is refused.
pub(super) fn from_vars<'a>(
    vars: &'a HashMap<String, String>,
    get: impl Fn(&str) -> Option<&'a str>,
) -> Result<Option<Bootstrap>, ConfigError> {
    Ok(
        match (
            get("PORTICO_BOOTSTRAP_EMAIL"),
            get("PORTICO_BOOTSTRAP_PASSWORD"),
        ) {
            (None, None) => None,
            (Some(email), Some(_)) => Some(Bootstrap {
                email: email.to_owned(),
                // Passwords are taken whole: spaces are part of them.
                password: vars["PORTICO_BOOTSTRAP_PASSWORD"].clone(),
                first_name: get("PORTICO_BOOTSTRAP_FIRST_NAME")
                    .unwrap_or("Workspace")
                    .to_owned(),
                last_name: get("PORTICO_BOOTSTRAP_LAST_NAME")
                    .unwrap_or("Owner")
                    .to_owned(),
                workspace_name: get("PORTICO_BOOTSTRAP_WORKSPACE")
                    .unwrap_or("Portico")
                    .to_owned(),
            }),
            (None, Some(_)) => {
                return Err(invalid(
                    "PORTICO_BOOTSTRAP_EMAIL",
                    "is required with PORTICO_BOOTSTRAP_PASSWORD",
                ));
            }
            (Some(_), None) => {
                return Err(invalid(
                    "PORTICO_BOOTSTRAP_PASSWORD",
                    "is required with PORTICO_BOOTSTRAP_EMAIL",
                ));
            }
        },
    )
}
