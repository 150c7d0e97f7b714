//! The password strength hint (zxcvbn), computed on the server: its dictionaries would triple
//! the browser bundle. Advice only: the rules are in `password`.

use crate::joining::PasswordHint;
use zxcvbn::Score;

/// zxcvbn's cost grows quickly with length; past this, every password is long enough.
const ESTIMATED_CHARS: usize = 64;

/// zxcvbn's estimate of how guessable `password` is, for the hint and for the password rule.
pub fn estimate(password: &str, personal: &[&str]) -> zxcvbn::Entropy {
    let estimated: String = password.chars().take(ESTIMATED_CHARS).collect();
    zxcvbn::zxcvbn(&estimated, personal)
}

/// zxcvbn's advice for a weak password: its warning, or else its first suggestion.
pub fn advice(entropy: &zxcvbn::Entropy) -> Option<String> {
    entropy.feedback().and_then(|feedback| {
        feedback
            .warning()
            .map(|warning| warning.to_string())
            .or_else(|| feedback.suggestions().first().map(ToString::to_string))
    })
}

pub fn hint(password: &str, personal: &[&str]) -> PasswordHint {
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

#[cfg(test)]
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
