//! The password policy of NIST SP 800-63B rev 4 for a single factor (docs/security.md §17–18a):
//! length, no composition rules, and no password that is common, expected or built on the
//! person's own words.

/// Fewer than this many code points is refused.
pub const MIN_CHARS: usize = 15;
/// Long enough for any passphrase; bounded so hashing cost stays bounded. Never truncated.
pub const MAX_CHARS: usize = 1024;

const PRODUCT_NAME: &str = "portico";

pub const POLICY: &str = "Use at least 15 characters. Spaces, symbols and any language are welcome; \
a few unrelated words make a strong password. Commonly used passwords, and ones based on your \
name, your email address or the product's name, are refused.";

/// A password that meets the policy. Deliberately neither `Serialize` nor `Debug`-printable.
pub struct Password(String);

impl Password {
    /// `personal` holds words the password must not be built on (the user's names, email).
    /// The common-password list is checked on the server only: it is too large for the
    /// browser bundle, and the server runs this same function on every submit.
    pub fn parse(input: &str, personal: &[&str]) -> Result<Self, String> {
        let chars = input.chars().count();
        if chars < MIN_CHARS {
            return Err(format!("Password must be at least {MIN_CHARS} characters"));
        }
        if chars > MAX_CHARS {
            return Err(format!("Password must be {MAX_CHARS} characters or fewer"));
        }
        let folded = input.trim().to_lowercase();
        let mut words: Vec<String> = personal
            .iter()
            .flat_map(|word| personal_words(word))
            .collect();
        words.sort_by_key(|word| std::cmp::Reverse(word.chars().count()));
        if is_built_on(&folded, &words) {
            return Err("Password must not be based on your name or your email address".into());
        }
        // "Portico2026!Portico" is a guess any attacker tries first.
        if is_built_on(&folded, &[PRODUCT_NAME.to_owned()]) {
            return Err("Password must not be based on the product's name".into());
        }
        #[cfg(feature = "ssr")]
        if common::is_common(&folded) {
            return Err(
                "This password is on a list of commonly used passwords. Choose another one".into(),
            );
        }
        #[cfg(feature = "ssr")]
        guessable::check(input, personal)?;
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl crate::error::FormCheck {
    /// A new password typed twice: the `password` field meets the rules and the
    /// `confirm_password` field repeats it. Each failure is its field's error.
    pub fn new_password(
        &mut self,
        password: &str,
        confirm_password: &str,
        personal: &[&str],
    ) -> Option<Password> {
        let checked = self.field("password", Password::parse(password, personal));
        let repeated = if confirm_password == password {
            Ok(())
        } else {
            Err("The passwords do not match")
        };
        self.field("confirm_password", repeated)?;
        checked
    }
}

/// What little is left after removing every occurrence of `words` (and separators) leaves an
/// attacker nothing to guess.
const MIN_OWN_CHARS: usize = 8;

fn is_built_on(folded: &str, words: &[String]) -> bool {
    let mut rest = folded.to_owned();
    let mut found = false;
    for word in words.iter().filter(|word| word.chars().count() >= 3) {
        if rest.contains(word.as_str()) {
            found = true;
            rest = rest.replace(word.as_str(), "");
        }
    }
    let own = rest.chars().filter(|c| c.is_alphanumeric()).count();
    found && own < MIN_OWN_CHARS
}

/// "Ada.Lovelace@example.com" gives the whole address, "ada.lovelace", "ada" and "lovelace".
fn personal_words(input: &str) -> Vec<String> {
    let folded = input.trim().to_lowercase();
    let mut words = vec![folded.clone()];
    let local = folded.split('@').next().unwrap_or_default();
    words.push(local.to_owned());
    words.extend(
        folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|part| !part.is_empty())
            .map(str::to_owned),
    );
    words
}

#[cfg(feature = "ssr")]
mod common {
    use std::collections::HashSet;
    use std::sync::LazyLock;

    /// See app/data/README.md for where the list comes from.
    static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        include_str!("../../data/common-passwords.txt")
            .lines()
            .collect()
    });

    pub fn is_common(folded: &str) -> bool {
        COMMON.contains(folded)
    }

    #[cfg(test)]
    pub fn size() -> usize {
        COMMON.len()
    }
}

/// "Expected" passwords (NIST's word): dictionary words with sequences or repeats, like
/// `password1234567` or `abcdefghijklmno`, which pass the list and the length. zxcvbn judges
/// them on the server (its dictionaries are too large for the browser bundle).
#[cfg(feature = "ssr")]
mod guessable {
    use crate::domain::guessability::{advice, estimate};

    /// zxcvbn's score 3 means about 10^8 guesses or more: safe against online guessing with
    /// throttling, and slow offline against Argon2id. Scores 0-2 fall to a small dictionary
    /// attack with common mutations.
    pub const MIN_SCORE: u8 = 3;

    pub fn check(input: &str, personal: &[&str]) -> Result<(), String> {
        let entropy = estimate(input, personal);
        if u8::from(entropy.score()) >= MIN_SCORE {
            return Ok(());
        }
        let reason = advice(&entropy).unwrap_or_else(|| "It follows a common pattern".into());
        let reason = reason.trim_end_matches('.');
        Err(format!(
            "This password is easy to guess ({reason}). A few unrelated words make a strong one"
        ))
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fourteen_characters_are_too_few_and_fifteen_are_enough() {
        assert!(Password::parse(&"a".repeat(14), &[]).is_err());
        assert!(Password::parse("correct horse b", &[]).is_ok());
    }

    #[test]
    fn length_counts_code_points_not_bytes() {
        // 15 code points, 45 bytes.
        let fifteen = "日月火水木金土山川田人口目耳手";
        assert!(Password::parse(fifteen, &[]).is_ok());
        let fourteen: String = fifteen.chars().take(14).collect();
        assert!(Password::parse(&fourteen, &[]).is_err());
    }

    #[test]
    fn long_passwords_are_kept_whole() {
        let phrase = "violet stapler orbits a quiet fjord ";
        let long: String = phrase.chars().cycle().take(MAX_CHARS).collect();
        assert_eq!(
            Password::parse(&long, &[]).unwrap().expose().len(),
            MAX_CHARS
        );
        let longer: String = phrase.chars().cycle().take(MAX_CHARS + 1).collect();
        assert!(Password::parse(&longer, &[]).is_err());
    }

    #[test]
    fn the_users_own_email_is_refused() {
        let email = "ada.lovelace@example.com";
        assert!(Password::parse("Ada.Lovelace@example.com", &[email]).is_err());
    }

    #[test]
    fn passwords_built_on_the_users_name_are_refused_with_the_reason() {
        let personal = ["Ada", "Lovelace", "ada.lovelace@example.com"];
        let error = Password::parse("lovelace lovelace 1815", &personal).unwrap_err();
        assert!(error.contains("your name"), "{error}");
        assert!(Password::parse("AdaLovelace!AdaLovelace", &personal).is_err());
        // The name inside a passphrase with enough of its own is fine.
        assert!(Password::parse("ada rides a purple tandem bicycle", &personal).is_ok());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert!(common::size() >= 10_000, "{}", common::size());
        let error = Password::parse("1qaz2wsx3edc4rfv", &[]).unwrap_err();
        assert!(error.contains("commonly used"), "{error}");
        assert!(Password::parse("PasswordPassword", &[]).is_err());
        // Not on the list, but no harder to guess: the guessability rule refuses it.
        let error = Password::parse("passwordpasswordx", &[]).unwrap_err();
        assert!(error.contains("easy to guess"), "{error}");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn expected_passwords_of_words_and_sequences_are_refused_with_the_reason() {
        for guessable in [
            "password1234567",
            "password12345678",
            "iloveyou1234567",
            "abcdefghijklmno",
            "sunshine98765432",
        ] {
            let error = Password::parse(guessable, &[]).unwrap_err();
            assert!(error.contains("easy to guess"), "{guessable}: {error}");
        }
        assert!(Password::parse("violet stapler orbits a quiet fjord", &[]).is_ok());
    }

    #[test]
    fn passwords_built_on_the_product_name_are_refused() {
        let error = Password::parse("Portico Portico 2026", &[]).unwrap_err();
        assert!(error.contains("product"), "{error}");
        assert!(Password::parse("portico in the sunny garden", &[]).is_ok());
    }

    #[test]
    fn debug_output_hides_the_password() {
        let password = Password::parse("a very secret passphrase", &[]).unwrap();
        assert_eq!(format!("{password:?}"), "Password(..)");
    }

    proptest! {
        #[test]
        fn fifteen_to_max_code_points_without_personal_words_fail_only_for_guessability(
            input in "[a-z ]{15,64}"
        ) {
            prop_assume!(!input.contains("portico"));
            if let Err(error) = Password::parse(&input, &[]) {
                prop_assert!(
                    error.contains("easy to guess") || error.contains("commonly used"),
                    "{input:?}: {error}"
                );
            }
        }
    }
}
