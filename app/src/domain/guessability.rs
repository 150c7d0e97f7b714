//! zxcvbn's estimate of how guessable a password is, and its advice, which the password rule
//! reads.

/// zxcvbn's cost grows quickly with length; past this, every password is long enough.
const ESTIMATED_CHARS: usize = 64;

/// zxcvbn's estimate of how guessable `password` is, for the password rule.
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
