//! Configuration from environment variables (and an optional `.env`). Bad configuration stops
//! start-up with a message that names the variable.

use lettre::message::Mailbox;
use parse::{invalid, number, parse_base_url, parse_smtp_url, parse_trusted_proxies};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;
use url::Url;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/portico.db?mode=rwc";

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    /// Every link Portico builds starts here, never from the request's `Host`
    /// (docs/security.md §10).
    pub base_url: Url,
    pub listen_addr: SocketAddr,
    /// `None`: mail goes to the development mailbox.
    pub smtp_url: Option<String>,
    /// How many messages the delivery worker sends at once, each over its own pooled SMTP
    /// connection.
    pub mail_concurrency: u32,
    pub mail_from: Mailbox,
    pub site_root: PathBuf,
    /// The key that seals invitation links while they wait in the outbox; outside the database.
    pub secret_key_file: PathBuf,
    pub invitation_ttl: Duration,
    pub login_attempts_per_account: u32,
    pub login_attempts_per_client: u32,
    /// Look-ups and uses of invitation links per client address, per 15 minutes.
    pub invitation_attempts_per_client: u32,
    /// How long a password reset link works.
    pub password_reset_ttl: Duration,
    /// Requests for a reset link per address, and per client (which also counts the link's
    /// look-ups and uses), per 15 minutes.
    pub password_reset_attempts_per_address: u32,
    pub password_reset_attempts_per_client: u32,
    /// Reverse proxies whose `X-Forwarded-For` is believed; nobody else's is.
    pub trusted_proxies: Vec<IpAddr>,
    pub bootstrap: Option<Bootstrap>,
    pub log_format: LogFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, thiserror::Error)]
#[error("configuration: {variable}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

impl Config {
    /// Reads the process environment, after loading `.env` if there is one.
    pub fn from_env() -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_vars(&std::env::vars().collect())
    }

    pub fn from_vars(vars: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let get = |name: &str| vars.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
        let database_url = get("DATABASE_URL")
            .unwrap_or(DEFAULT_DATABASE_URL)
            .to_owned();
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
            return Err(invalid(
                "DATABASE_URL",
                "must start with sqlite: or postgres://",
            ));
        }
        let base_url = parse_base_url(get("APP_BASE_URL").unwrap_or("http://127.0.0.1:3000"))?;
        let listen_addr = get("LISTEN_ADDR")
            .unwrap_or("127.0.0.1:3000")
            .parse()
            .map_err(|_| {
                invalid(
                    "LISTEN_ADDR",
                    "must be an address and port, e.g. 127.0.0.1:3000",
                )
            })?;
        let smtp_url = get("SMTP_URL").map(parse_smtp_url).transpose()?;
        let mail_from = get("MAIL_FROM")
            .unwrap_or("Portico <portico@localhost>")
            .parse()
            .map_err(|_| {
                invalid(
                    "MAIL_FROM",
                    "must be an address such as Portico <portico@example.com>",
                )
            })?;
        let invitation_ttl_days =
            number(get("INVITATION_TTL_DAYS"), "INVITATION_TTL_DAYS", 7, 1..=90)?;
        let bootstrap = bootstrap::from_vars(vars, get)?;
        let log_format = match get("LOG_FORMAT").unwrap_or("pretty") {
            "pretty" => LogFormat::Pretty,
            "json" => LogFormat::Json,
            _ => return Err(invalid("LOG_FORMAT", "must be pretty or json")),
        };
        Ok(Config {
            database_url,
            base_url,
            listen_addr,
            smtp_url,
            mail_concurrency: number(get("MAIL_CONCURRENCY"), "MAIL_CONCURRENCY", 32, 1..=256)?,
            mail_from,
            site_root: get("SITE_ROOT").unwrap_or("target/site").into(),
            secret_key_file: get("SECRET_KEY_FILE").unwrap_or("data/secret.key").into(),
            invitation_ttl: match get("INVITATION_TTL_SECONDS") {
                // For end-to-end tests of expired links; not for production use.
                Some(seconds) => Duration::from_secs(u64::from(number(
                    Some(seconds),
                    "INVITATION_TTL_SECONDS",
                    0,
                    1..=7_776_000,
                )?)),
                None => Duration::from_secs(u64::from(invitation_ttl_days) * 24 * 3600),
            },
            login_attempts_per_account: number(
                get("LOGIN_ATTEMPTS_PER_ACCOUNT"),
                "LOGIN_ATTEMPTS_PER_ACCOUNT",
                10,
                1..=10_000,
            )?,
            login_attempts_per_client: number(
                get("LOGIN_ATTEMPTS_PER_CLIENT"),
                "LOGIN_ATTEMPTS_PER_CLIENT",
                100,
                1..=100_000,
            )?,
            invitation_attempts_per_client: number(
                get("INVITATION_ATTEMPTS_PER_CLIENT"),
                "INVITATION_ATTEMPTS_PER_CLIENT",
                60,
                1..=100_000,
            )?,
            password_reset_ttl: Duration::from_secs(
                60 * u64::from(number(
                    get("PASSWORD_RESET_TTL_MINUTES"),
                    "PASSWORD_RESET_TTL_MINUTES",
                    60,
                    5..=1440,
                )?),
            ),
            password_reset_attempts_per_address: number(
                get("PASSWORD_RESET_ATTEMPTS_PER_ADDRESS"),
                "PASSWORD_RESET_ATTEMPTS_PER_ADDRESS",
                5,
                1..=10_000,
            )?,
            password_reset_attempts_per_client: number(
                get("PASSWORD_RESET_ATTEMPTS_PER_CLIENT"),
                "PASSWORD_RESET_ATTEMPTS_PER_CLIENT",
                30,
                1..=100_000,
            )?,
            trusted_proxies: parse_trusted_proxies(get("TRUSTED_PROXIES"))?,
            bootstrap,
            log_format,
        })
    }

    /// Cookies get the `__Host-` prefix and `Secure` only where the browser will keep them.
    pub fn is_https(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// `name`, with the `__Host-` prefix that binds a cookie to this exact origin where browsers
    /// accept it (over HTTPS only).
    pub fn cookie_name(&self, name: &str) -> String {
        if self.is_https() {
            format!("__Host-{name}")
        } else {
            name.to_owned()
        }
    }

    /// `scheme://host[:port]`, as browsers send it in `Origin`.
    pub fn origin(&self) -> String {
        self.base_url.origin().ascii_serialization()
    }
}

mod bootstrap;
mod parse;

pub use bootstrap::Bootstrap;

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_run_on_embedded_sqlite_with_the_development_mailbox() {
        let config = Config::from_vars(&HashMap::new()).unwrap();
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
        assert!(config.smtp_url.is_none());
        assert_eq!(config.listen_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.invitation_ttl, Duration::from_secs(7 * 24 * 3600));
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        for (name, value) in [
            ("DATABASE_URL", "mysql://x"),
            ("APP_BASE_URL", "not a url"),
            ("APP_BASE_URL", "ftp://example.com"),
            ("LISTEN_ADDR", "localhost"),
            ("SMTP_URL", "http://example.com"),
            ("MAIL_FROM", "not an address"),
            ("INVITATION_TTL_DAYS", "0"),
            ("LOG_FORMAT", "xml"),
            ("TRUSTED_PROXIES", "10.0.0.1,proxy.internal"),
            ("INVITATION_ATTEMPTS_PER_CLIENT", "0"),
        ] {
            let error = Config::from_vars(&vars(&[(name, value)])).unwrap_err();
            assert_eq!(error.variable, name, "{value}");
            assert!(error.to_string().contains(name));
        }
    }

    #[test]
    fn trusted_proxies_are_a_list_of_addresses_and_none_by_default() {
        assert!(
            Config::from_vars(&HashMap::new())
                .unwrap()
                .trusted_proxies
                .is_empty()
        );
        let config = Config::from_vars(&vars(&[("TRUSTED_PROXIES", "10.0.0.1, ::1")])).unwrap();
        assert_eq!(
            config.trusted_proxies,
            vec![
                "10.0.0.1".parse::<IpAddr>().unwrap(),
                "::1".parse().unwrap()
            ]
        );
    }

    #[test]
    fn bootstrap_needs_both_email_and_password() {
        let error =
            Config::from_vars(&vars(&[("PORTICO_BOOTSTRAP_EMAIL", "a@example.com")])).unwrap_err();
        assert_eq!(error.variable, "PORTICO_BOOTSTRAP_PASSWORD");
    }

    #[test]
    fn https_base_urls_switch_on_secure_cookies() {
        let config =
            Config::from_vars(&vars(&[("APP_BASE_URL", "https://portico.example.com/")])).unwrap();
        assert!(config.is_https());
        assert_eq!(config.origin(), "https://portico.example.com");
    }
}
