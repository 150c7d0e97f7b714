//! Reading one variable's value, each refusal naming the variable and what it must be.

use super::ConfigError;
use std::net::IpAddr;
use url::Url;

pub(super) fn invalid(variable: &'static str, problem: &str) -> ConfigError {
    ConfigError {
        variable,
        problem: problem.to_owned(),
    }
}

pub(super) fn parse_base_url(raw: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(raw).map_err(|_| {
        invalid(
            "APP_BASE_URL",
            "must be an absolute URL such as https://portico.example.com",
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(invalid(
            "APP_BASE_URL",
            "must be an http or https URL with a host",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("APP_BASE_URL", "must not have a query or fragment"));
    }
    Ok(url)
}

pub(super) fn parse_trusted_proxies(raw: Option<&str>) -> Result<Vec<IpAddr>, ConfigError> {
    raw.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            entry.parse().map_err(|_| {
                invalid(
                    "TRUSTED_PROXIES",
                    "must be IP addresses separated by commas, e.g. 10.0.0.2,10.0.0.3",
                )
            })
        })
        .collect()
}

pub(super) fn parse_smtp_url(raw: &str) -> Result<String, ConfigError> {
    lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(raw)
        .map(|_| raw.to_owned())
        .map_err(|_| {
            invalid(
                "SMTP_URL",
                "must be an SMTP URL such as smtp://localhost:1025 or smtps://user:pass@host",
            )
        })
}

pub(super) fn number(
    raw: Option<&str>,
    variable: &'static str,
    default: u32,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, ConfigError> {
    let Some(raw) = raw else { return Ok(default) };
    raw.parse()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| ConfigError {
            variable,
            problem: format!(
                "must be a whole number from {} to {}",
                range.start(),
                range.end()
            ),
        })
}
