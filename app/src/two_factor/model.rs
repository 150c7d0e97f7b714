use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many recovery codes turning two-factor authentication on gives.
pub const RECOVERY_CODE_COUNT: usize = 10;

/// What the account page shows of the account's second factor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorView {
    /// When the authenticator app was confirmed; `None` while two-factor authentication is off.
    pub on_since: Option<DateTime<Utc>>,
    pub recovery_codes_left: u32,
    /// The workspace signed in to, when it requires two-factor authentication.
    pub required_by: Option<String>,
}

/// An authenticator app being set up: what it scans or what the person types. Shown only to
/// the account's own session, and only until the first code confirms it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    /// The secret in base32, in groups of four, as apps ask for it typed.
    pub key: String,
    /// The `otpauth://` address as a QR code: an SVG the server drew (rectangles only, no text).
    pub qr_svg: String,
}
