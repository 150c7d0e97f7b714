//! The password policy of NIST SP 800-63B rev 4 for a single factor (SECURITY.md 17).

/// Fewer than this many code points is refused.
pub const MIN_CHARS: usize = 15;
/// Long enough for any passphrase; bounded so hashing cost stays bounded. Never truncated.
pub const MAX_CHARS: usize = 1024;

const PRODUCT_NAME: &str = "portico";

pub const POLICY: &str = "Use at least 15 characters. Spaces, symbols and any language are welcome; \
a few unrelated words make a strong password.";

/// A password that meets the policy. Deliberately neither `Serialize` nor `Debug`-printable.
pub struct Password(String);

impl Password {
    /// `personal` holds words that must not be the password (the user's name or email).
    pub fn parse(input: &str, personal: &[&str]) -> Result<Self, String> {
        let chars = input.chars().count();
        if chars < MIN_CHARS {
            return Err(format!("Password must be at least {MIN_CHARS} characters"));
        }
        if chars > MAX_CHARS {
            return Err(format!("Password must be {MAX_CHARS} characters or fewer"));
        }
        let folded = input.trim().to_lowercase();
        let reuses_personal = personal
            .iter()
            .map(|word| word.trim().to_lowercase())
            .any(|word| !word.is_empty() && folded == word);
        if reuses_personal {
            return Err("Password must not be your name or your email address".into());
        }
        // "Portico2026!Portico" is a guess any attacker tries first.
        if folded.contains(PRODUCT_NAME) && folded.replace(PRODUCT_NAME, "").chars().count() < 8 {
            return Err("Password must not be based on the product's name".into());
        }
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
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
    fn passwords_built_on_the_product_name_are_refused() {
        assert!(Password::parse("Portico Portico 2026", &[]).is_err());
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
