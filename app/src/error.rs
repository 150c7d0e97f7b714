//! One error type for every server function: what the client may see, and nothing more.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Sign in to continue")]
    Unauthenticated,
    /// The same answer for an unknown email and a wrong password (docs/security.md §20).
    #[error("The email address or password is incorrect")]
    InvalidCredentials,
    #[error("You do not have permission to do that")]
    Forbidden,
    /// Forbidden, with the reason the person can act on.
    #[error("{0}")]
    Denied(String),
    #[error("That page or item does not exist")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("There is a problem")]
    Invalid(FieldErrors),
    #[error("Too many attempts. Wait a few minutes, then try again")]
    TooManyRequests,
    /// A limit of this one thing, with when it can be done again.
    #[error("{0}")]
    TooSoon(String),
    #[error("The request was malformed: {0}")]
    BadRequest(String),
    /// More than the server takes in one request.
    #[error("{0}")]
    TooLarge(String),
    /// A body in an encoding or character set the server does not read.
    #[error("{0}")]
    UnsupportedEncoding(String),
    #[error("Portico could not be reached. Check your connection and try again")]
    Unreachable,
    /// Database and other internal failures: logged on the server, never described here.
    #[error("Something went wrong on our side. Try again in a moment")]
    Unexpected,
}

impl AppError {
    /// The HTTP status a JSON client receives for this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials => 401,
            AppError::Forbidden | AppError::Denied(_) => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::Invalid(_) => 422,
            AppError::TooManyRequests | AppError::TooSoon(_) => 429,
            AppError::BadRequest(_) => 400,
            AppError::TooLarge(_) => 413,
            AppError::UnsupportedEncoding(_) => 415,
            AppError::Unreachable => 503,
            AppError::Unexpected => 500,
        }
    }

    /// A refusal of one field.
    pub fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid(FieldErrors(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }]))
    }

    /// The message to show beside `field`, if this error concerns it.
    pub fn message_for(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid(errors) => errors.message_for(field).map(str::to_owned),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(reason) | ServerFnErrorErr::MissingArg(reason) => {
                AppError::BadRequest(bounded(&reason))
            }
            ServerFnErrorErr::Request(_) => AppError::Unreachable,
            _ => AppError::Unexpected,
        }
    }
}

/// The decoder's reason quotes the input it could not read, which may be long: the client
/// gets the beginning, enough to see which field it was.
fn bounded(reason: &str) -> String {
    const SHOWN_CHARS: usize = 200;
    if reason.chars().count() <= SHOWN_CHARS {
        return reason.to_owned();
    }
    let shown: String = reason.chars().take(SHOWN_CHARS).collect();
    format!("{shown}…")
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form input's `name`, which is also its `id`.
    pub field: String,
    pub message: String,
}

/// Field errors in form order, for the error summary and the inline messages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.message.as_str())
    }
}

/// Collects the outcome of parsing each field of a form, so that all problems are reported at
/// once:
///
/// ```text
/// let mut form = FormCheck::default();
/// let email = form.field("email", EmailAddress::parse(&email));
/// let (Some(email),) = (email,) else { return Err(form.into_error()) };
/// ```
#[derive(Default)]
pub struct FormCheck {
    errors: Vec<FieldError>,
}

impl FormCheck {
    pub fn field<T, E: Into<String>>(&mut self, field: &str, parsed: Result<T, E>) -> Option<T> {
        parsed
            .map_err(|message| {
                self.errors.push(FieldError {
                    field: field.to_owned(),
                    message: message.into(),
                })
            })
            .ok()
    }

    pub fn into_error(self) -> AppError {
        AppError::Invalid(FieldErrors(self.errors))
    }
}

/// The field as given, or `message` when it is empty (passwords are never trimmed).
#[cfg(feature = "ssr")]
pub(crate) fn non_empty<'a>(
    value: &'a str,
    message: &'static str,
) -> Result<&'a str, &'static str> {
    if value.is_empty() {
        Err(message)
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_check_reports_every_failed_field_in_order() {
        let mut form = FormCheck::default();
        let a: Option<u8> = form.field("first", Err("Enter a first name"));
        let b = form.field("second", Ok::<_, String>(2));
        let c: Option<u8> = form.field("third", Err("Enter a last name"));
        assert_eq!((a, b, c), (None, Some(2), None));
        let error = form.into_error();
        assert_eq!(
            error.message_for("first").as_deref(),
            Some("Enter a first name")
        );
        assert_eq!(
            error.message_for("third").as_deref(),
            Some("Enter a last name")
        );
        assert_eq!(error.message_for("second"), None);
    }

    #[test]
    fn malformed_arguments_are_a_client_error_not_a_server_error() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Args("missing field".into()));
        assert_eq!(error.status(), 400);
        let long = format!("invalid value: {}", "a".repeat(70_000));
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Args(long));
        assert!(
            error.to_string().chars().count() < 300,
            "the reason is bounded"
        );
        let error = AppError::from_server_fn_error(ServerFnErrorErr::ServerError("db".into()));
        assert_eq!(error, AppError::Unexpected);
        assert!(!error.to_string().contains("db"));
    }
}
