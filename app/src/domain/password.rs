//! The password policy of NIST SP 800-63B rev 4 for a single factor (SECURITY.md 17).

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
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
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
        assert!(Password::parse(&"日".repeat(15), &[]).is_ok());
        assert!(Password::parse(&"日".repeat(14), &[]).is_err());
    }

    #[test]
    fn long_passwords_are_kept_whole() {
        let long = "x".repeat(MAX_CHARS);
        assert_eq!(
            Password::parse(&long, &[]).unwrap().expose().len(),
            MAX_CHARS
        );
        assert!(Password::parse(&"x".repeat(MAX_CHARS + 1), &[]).is_err());
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
        assert!(Password::parse("passwordpasswordx", &[]).is_ok());
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
        fn any_string_of_fifteen_to_max_code_points_without_personal_words_is_accepted(
            input in "[a-z ]{15,64}"
        ) {
            prop_assume!(!input.contains("portico"));
            prop_assert!(Password::parse(&input, &[]).is_ok());
        }
    }
}
