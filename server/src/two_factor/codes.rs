//! The codes of two-factor authentication (docs/security.md §38). TOTP is totp-rs (RFC 6238:
//! HMAC-SHA-1, 6 digits, 30-second steps, one step either side for a clock that drifts), which
//! every authenticator app reads; the QR code is drawn by `qrcode` as SVG on the server, so the
//! secret never reaches a script or another site. Recovery codes are random from the OS source
//! and kept only as their SHA-256.

use rand::TryRngCore;
use rand::rngs::OsRng;
use totp_rs::{Builder, Secret, Totp};

pub const WRONG_CODE: &str =
    "That code is not right. Type the code your authenticator app shows now, or a recovery code";
pub const WRONG_FIRST_CODE: &str = "That code is not right. Check that your phone's clock is right, and type the code the app shows now";

/// The name authenticator apps list the account under.
const ISSUER: &str = "Portico";

/// 160 bits, as RFC 4226 recommends; in base32, as apps take it and as it is sealed.
pub fn new_secret() -> String {
    Secret::from(random_bytes::<20>()).to_base32()
}

/// The account's TOTP; `None` for a secret that does not read back (a changed key file).
fn totp(secret: &str, email: &str) -> Option<Totp> {
    Builder::new()
        .with_secret(Secret::try_from_base32(secret).ok()?)
        // A colon would end the app's label early; addresses Portico accepts have none.
        .with_account_name(email.replace(':', ""))
        .with_issuer(Some(ISSUER))
        .build()
        .ok()
}

/// The 30-second step a code from the app belongs to, if it is right at `at` (within a step
/// either side). Spaces and dashes typed in the code are ignored.
pub fn step_of(secret: &str, code: &str, at: chrono::DateTime<chrono::Utc>) -> Option<i64> {
    let code = digits_typed(code);
    let unix_time = u64::try_from(at.timestamp()).ok()?;
    // The label plays no part in the code.
    let step = totp(secret, "")?.check(&code, unix_time)?;
    i64::try_from(step).ok()
}

/// What the app scans: the `otpauth://` address as an SVG of rectangles.
pub fn qr_svg(secret: &str, email: &str) -> Option<String> {
    let address = totp(secret, email)?.to_url().ok()?;
    let svg = qrcode::QrCode::new(address.as_bytes())
        .ok()?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    // The XML declaration has no place inside an HTML page.
    Some(svg[svg.find("<svg")?..].to_owned())
}

/// The secret as people type it: groups of four.
pub fn typed_key(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a code typed at sign-in is one from the app (six digits), not a recovery code.
pub fn looks_like_app_code(code: &str) -> bool {
    let typed = digits_typed(code);
    typed.len() == 6 && typed.chars().all(|c| c.is_ascii_digit())
}

/// A code without the spaces and dashes people type in it.
fn digits_typed(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// Letters and digits that cannot be mistaken for one another (no i, l, o, u).
const RECOVERY_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// A recovery code: 50 random bits as `xxxxx-xxxxx`.
fn new_recovery_code() -> String {
    let letters: String = random_bytes::<10>()
        .iter()
        .map(|byte| char::from(RECOVERY_ALPHABET[usize::from(byte % 32)]))
        .collect();
    format!("{}-{}", &letters[..5], &letters[5..])
}

/// A fresh set of recovery codes, and what is stored of them.
pub fn new_recovery_codes() -> (Vec<String>, Vec<String>) {
    let fresh: Vec<String> = (0..app::two_factor::RECOVERY_CODE_COUNT)
        .map(|_| new_recovery_code())
        .collect();
    let hashes = fresh.iter().map(|code| recovery_code_hash(code)).collect();
    (fresh, hashes)
}

/// What is stored of a recovery code, however it was typed (case, spaces, dashes).
pub fn recovery_code_hash(code: &str) -> String {
    let normalised: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    crate::tokens::hash(&format!("recovery-code:{normalised}"))
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    OsRng
        .try_fill_bytes(&mut bytes)
        .expect("the operating system's random source is available");
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: &str = "ada@example.com";

    #[test]
    fn a_code_is_right_in_its_step_and_the_steps_beside_it_only() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let at = |seconds: i64| chrono::DateTime::from_timestamp(now + seconds, 0).unwrap();
        let code = totp(&secret, EMAIL)
            .unwrap()
            .generate(now as u64)
            .to_string();
        assert_eq!(step_of(&secret, &code, at(0)), Some(now / 30));
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(step_of(&secret, &spaced, at(30)), Some(now / 30));
        assert_eq!(step_of(&secret, &code, at(90)), None);
        assert_eq!(step_of(&new_secret(), &code, at(0)), None);
    }

    #[test]
    fn the_qr_code_is_an_svg_of_the_otpauth_address() {
        let svg = qr_svg(&new_secret(), EMAIL).unwrap();
        assert!(svg.starts_with("<svg"), "{svg:.40}");
        assert!(!svg.contains(EMAIL));
    }

    #[test]
    fn recovery_codes_differ_and_read_back_however_typed() {
        let code = new_recovery_code();
        assert_eq!(code.len(), 11);
        assert_ne!(code, new_recovery_code());
        let typed = format!(" {} ", code.to_uppercase().replace('-', " "));
        assert_eq!(recovery_code_hash(&typed), recovery_code_hash(&code));
        assert!(!looks_like_app_code(&code));
        assert!(looks_like_app_code("123 456"));
        assert!(looks_like_app_code("123-456"));
    }
}
