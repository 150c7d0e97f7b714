//! The password strength hint shown as a password is typed, computed on the server (zxcvbn's
//! dictionaries would triple the browser bundle). Advice only: the rules are in `password`.

use serde::{Deserialize, Serialize};

/// A live estimate shown beside the password as it is typed: advice, never a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordHint {
    /// 0 (guessed at once) to 4 (very hard to guess), zxcvbn's scale.
    pub score: u8,
    pub text: String,
    /// Whether the password rules, checked as the server checks them at submission, take it.
    pub accepted: bool,
}

#[cfg(feature = "ssr")]
pub fn hint(password: &str, personal: &[&str]) -> PasswordHint {
    use super::guessability::{advice, estimate};
    use zxcvbn::Score;

    let chars = password.chars().count();
    if chars < super::password::MIN_CHARS {
        let missing = super::password::MIN_CHARS - chars;
        return PasswordHint {
            score: 0,
            text: format!("Too short: {missing} more characters needed"),
            accepted: false,
        };
    }
    let accepted = super::Password::parse(password, personal).is_ok();
    let entropy = estimate(password, personal);
    let score = u8::from(entropy.score());
    let verdict = match entropy.score() {
        Score::Zero | Score::One => "Weak: easy to guess",
        Score::Two => "Fair: could be stronger",
        Score::Three => "Good",
        _ => "Strong",
    };
    let text = match advice(&entropy) {
        Some(advice) if score < 3 => format!("{verdict}. {advice}"),
        _ => verdict.to_owned(),
    };
    PasswordHint {
        score,
        text,
        accepted,
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_told_how_many_characters_are_missing() {
        assert_eq!(
            hint("abc", &[]).text,
            "Too short: 12 more characters needed"
        );
    }

    #[test]
    fn repeated_patterns_are_weak_and_random_passphrases_strong() {
        assert!(hint("aaaaaaaaaaaaaaaaaaaa", &[]).score <= 1);
        assert_eq!(hint("violet stapler orbits a quiet fjord", &[]).score, 4);
    }

    #[test]
    fn the_users_own_name_weakens_the_estimate() {
        let plain = hint("gracehopper1906", &[]).score;
        let personal = hint("gracehopper1906", &["grace", "hopper"]).score;
        assert!(personal <= plain);
    }
}
