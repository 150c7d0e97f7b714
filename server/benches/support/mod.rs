//! What the benchmarks share: the databases to measure, a Portico with its Owner, a client
//! signed in as them, a real SMTP server, and the process's memory.

// Each benchmark compiles this module on its own and uses part of it.
#![allow(dead_code)]

// The tests' SMTP servers; the benchmarks use only maildev.
#[path = "../../tests/api/smtp.rs"]
pub mod smtp;

use server::config::Config;
use std::collections::HashMap;

pub const EMAIL: &str = "owner@example.com";
pub const PASSWORD: &str = "a long and quiet harbour at dawn";

/// SQLite always, PostgreSQL when `PORTICO_TEST_POSTGRES_URL` names a server: (name, database
/// URL, a directory that lives as long as the run).
pub async fn databases() -> Vec<(&'static str, String, tempfile::TempDir)> {
    let sqlite_dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}/bench.db?mode=rwc", sqlite_dir.path().display());
    let mut databases = vec![("SQLite", sqlite, sqlite_dir)];
    if let Ok(admin) = std::env::var("PORTICO_TEST_POSTGRES_URL") {
        databases.push((
            "PostgreSQL",
            fresh_postgres(&admin).await,
            tempfile::tempdir().unwrap(),
        ));
    }
    databases
}

/// Portico on `database_url`, its Owner created from the bootstrap settings, mail going to
/// `smtp_url` (the development mailbox without one). The throttles are out of the way: every
/// request of a benchmark comes from one address. `MAIL_CONCURRENCY` in the environment passes
/// through, for comparing settings.
pub async fn start_with_owner(
    database_url: &str,
    dir: &std::path::Path,
    smtp_url: Option<&str>,
) -> server::Running {
    let key = dir.join("secret.key").display().to_string();
    let concurrency = std::env::var("MAIL_CONCURRENCY").ok();
    let vars: HashMap<String, String> = [
        ("DATABASE_URL", database_url),
        ("LISTEN_ADDR", "127.0.0.1:0"),
        ("SECRET_KEY_FILE", key.as_str()),
        ("PORTICO_BOOTSTRAP_EMAIL", EMAIL),
        ("PORTICO_BOOTSTRAP_PASSWORD", PASSWORD),
        ("INVITATION_ATTEMPTS_PER_CLIENT", "100000"),
        ("LOGIN_ATTEMPTS_PER_CLIENT", "100000"),
    ]
    .into_iter()
    .chain(smtp_url.map(|url| ("SMTP_URL", url)))
    .chain(concurrency.as_deref().map(|n| ("MAIL_CONCURRENCY", n)))
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    server::start(Config::from_vars(&vars).unwrap())
        .await
        .unwrap()
}

/// A client signed in as the Owner, keeping up to `connections` idle connections.
pub async fn owner_client(base: &str, connections: usize) -> reqwest::Client {
    // Portico refuses state-changing requests that say nothing of where they come from;
    // browsers always do (docs/security.md §22).
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("sec-fetch-site", "same-origin".parse().unwrap());
    let client = reqwest::Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .pool_max_idle_per_host(connections)
        .build()
        .unwrap();
    client
        .post(format!("{base}/api/sign_in"))
        .form(&[("email", EMAIL), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    client
}

/// A new, empty database on the PostgreSQL server `admin` points at.
async fn fresh_postgres(admin: &str) -> String {
    use sqlx::Connection;
    let name = format!("portico_bench_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(admin).await.unwrap();
    sqlx::query(&format!("create database {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
    format!("{base}/{name}")
}

/// Starts measuring the process's peak memory afresh (Linux: `clear_refs` 5 resets the
/// high-water mark).
pub fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The process's resident memory at its peak since `reset_peak_rss`, in MB.
pub fn peak_rss_mb() -> f64 {
    status_kb("VmHWM:") / 1024.0
}

/// The process's resident memory now, in MB.
pub fn rss_mb() -> f64 {
    status_kb("VmRSS:") / 1024.0
}

/// The part of the resident memory that is the process's own (its heap and stacks), in MB:
/// the rest is files mapped into it, such as the SQLite database each connection maps, which
/// the system shares with its page cache and counts once per mapping.
pub fn own_rss_mb() -> f64 {
    status_kb("RssAnon:") / 1024.0
}

fn status_kb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0)
}

/// The id of the group called `name` in the workspace `client` acts in.
pub async fn group_id(client: &reqwest::Client, base: &str, name: &str) -> String {
    post_json(client, base, "list_groups", &[])
        .await
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == name)
        .unwrap()["group_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The `p` quantile (0 to 1) of `sorted`, in milliseconds.
pub fn percentile_ms(sorted: &[std::time::Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 * p) as usize).min(sorted.len() - 1);
    sorted[index].as_secs_f64() * 1000.0
}

/// The JSON answer of the server function `function` to `form`.
pub async fn post_json(
    client: &reqwest::Client,
    base: &str,
    function: &str,
    form: &[(&str, &str)],
) -> serde_json::Value {
    client
        .post(format!("{base}/api/{function}"))
        .form(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}
