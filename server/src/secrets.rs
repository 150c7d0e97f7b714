//! Sealing secrets the database must not hold in the clear (docs/security.md §2): an
//! invitation link waits in the outbox sealed with a key that lives outside the database, and
//! is scrubbed once sent. XChaCha20-Poly1305: random 192-bit nonces are safe without a counter.

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use std::path::Path;

const NONCE_LEN: usize = 24;

#[derive(Clone)]
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

impl Sealer {
    pub fn from_key(key: &[u8; 32]) -> Self {
        Self {
            cipher: XChaCha20Poly1305::new(Key::from_slice(key)),
        }
    }

    /// Reads the key file, creating it (readable by its owner only) on first start.
    pub fn from_key_file(path: &Path) -> anyhow::Result<Self> {
        if !path.exists() {
            let key = XChaCha20Poly1305::generate_key(&mut OsRng);
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)?;
            }
            write_private(path, URL_SAFE_NO_PAD.encode(key).as_bytes()).with_context(|| {
                format!(
                    "configuration: SECRET_KEY_FILE: cannot create {}",
                    path.display()
                )
            })?;
        }
        let text = std::fs::read_to_string(path).with_context(|| {
            format!(
                "configuration: SECRET_KEY_FILE: cannot read {}",
                path.display()
            )
        })?;
        let key = decode_key(text.trim())
            .context("configuration: SECRET_KEY_FILE: not a 32-byte base64url key")?;
        Ok(Self::from_key(&key))
    }

    pub fn seal(&self, plaintext: &str) -> String {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let ciphertext = self
            .cipher
            .encrypt(&nonce, plaintext.as_bytes())
            .expect("encryption cannot fail");
        let mut sealed = nonce.to_vec();
        sealed.extend(ciphertext);
        URL_SAFE_NO_PAD.encode(sealed)
    }

    /// `None` when the text was not sealed with this key, or was altered.
    pub fn open(&self, sealed: &str) -> Option<String> {
        let bytes = URL_SAFE_NO_PAD.decode(sealed).ok()?;
        if bytes.len() <= NONCE_LEN {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let plaintext = self
            .cipher
            .decrypt(XNonce::from_slice(nonce), ciphertext)
            .ok()?;
        String::from_utf8(plaintext).ok()
    }
}

pub fn decode_key(text: &str) -> Option<[u8; 32]> {
    URL_SAFE_NO_PAD.decode(text).ok()?.try_into().ok()
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents)
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_text_opens_only_with_its_key_and_unaltered() {
        let sealer = Sealer::from_key(&[7; 32]);
        let sealed = sealer.seal("https://portico.example/invitations/secret");
        assert!(!sealed.contains("secret"));
        assert_eq!(
            sealer.open(&sealed).as_deref(),
            Some("https://portico.example/invitations/secret")
        );
        assert_eq!(Sealer::from_key(&[8; 32]).open(&sealed), None);
        let mut altered = sealed.into_bytes();
        let last = altered.len() - 1;
        altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
        assert_eq!(sealer.open(&String::from_utf8(altered).unwrap()), None);
    }

    #[test]
    fn a_key_file_is_created_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/secret.key");
        let sealed = Sealer::from_key_file(&path).unwrap().seal("x");
        assert_eq!(
            Sealer::from_key_file(&path)
                .unwrap()
                .open(&sealed)
                .as_deref(),
            Some("x")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
}
