//! Secret tokens for links (docs/security.md §1–2): 32 bytes from the OS CSPRNG, base64url;
//! only their SHA-256 is ever stored.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::TryRngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};

/// A fresh token and the hash to store for it.
pub fn generate() -> (String, String) {
    let mut bytes = [0u8; 32];
    OsRng
        .try_fill_bytes(&mut bytes)
        .expect("the operating system's random source is available");
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash(&token);
    (token, hash)
}

/// The link a person follows: `path` under the configured base URL (docs/security.md §10), with
/// the token as `?token=`.
pub fn link(base_url: &url::Url, path: &str, token: &str) -> Result<String, url::ParseError> {
    let mut link = base_url.join(path)?;
    link.query_pairs_mut().append_pair("token", token);
    Ok(link.to_string())
}

pub fn hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_256_bits_and_differ_each_time() {
        let (a, hash_a) = generate();
        let (b, _) = generate();
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).unwrap().len(), 32);
        assert_ne!(a, b);
        assert_eq!(hash_a, hash(&a));
        assert_ne!(hash_a, a);
        assert_eq!(hash_a.len(), 64);
    }
}
