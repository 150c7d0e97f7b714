//! Accepts: 500 invitees open their links and join as new people, 8 at a time, through the real
//! HTTP endpoints (each one's own browser session; the password hashed with Argon2id). Prints
//! throughput, latency and the process's memory at its peak and after the burst; asserts
//! nothing about speed.
//!
//! `scripts/bench.sh` runs it on SQLite, and on PostgreSQL when one is reachable.

mod support;

use futures::StreamExt;
use std::time::{Duration, Instant};

const INVITEES: usize = 500;
const CONCURRENCY: usize = 8;
/// People per invitation request while preparing.
const PER_REQUEST: usize = 50;
const PASSWORD: &str = "violet stapler orbits a quiet fjord";

#[tokio::main]
async fn main() {
    println!("{INVITEES} accepts as new people, concurrency {CONCURRENCY}");
    for (name, url, dir) in support::databases().await {
        run(name, &url, dir.path()).await;
    }
}

async fn run(name: &str, database_url: &str, dir: &std::path::Path) {
    let running = support::start_with_owner(database_url, dir, None).await;
    let base = format!("http://{}", running.addr);
    let owner = support::owner_client(&base, 1).await;
    let tokens = invite_everyone(&owner, &base).await;
    let before = support::rss_mb();
    support::reset_peak_rss();

    let started = Instant::now();
    let mut latencies: Vec<Duration> = futures::stream::iter(tokens)
        .map(|token| {
            let base = base.clone();
            async move {
                let sent = Instant::now();
                accept(&base, &token).await;
                sent.elapsed()
            }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let elapsed = started.elapsed();
    let peak = support::peak_rss_mb();
    let right_after = support::rss_mb();
    // What stays once the burst is over (the allocator returns freed memory after a delay).
    tokio::time::sleep(Duration::from_secs(3)).await;
    let settled = support::rss_mb();

    latencies.sort();
    println!(
        "{name:<10} {:>6.0} accepts/s  latency p50 {:>6.1} ms  p99 {:>6.1} ms",
        INVITEES as f64 / elapsed.as_secs_f64(),
        support::percentile_ms(&latencies, 0.50),
        support::percentile_ms(&latencies, 0.99),
    );
    println!(
        "{:<10} RSS before {before:.0} MB, peak {peak:.0} MB, right after {right_after:.0} MB, 3 s later {settled:.0} MB",
        ""
    );
    running.serving.abort();
}

/// Invites `INVITEES` people into Developers; returns their links' tokens.
async fn invite_everyone(owner: &reqwest::Client, base: &str) -> Vec<String> {
    let developers = support::group_id(owner, base, "Developers").await;
    let mut tokens = Vec::with_capacity(INVITEES);
    for start in (0..INVITEES).step_by(PER_REQUEST) {
        let mut form = vec![("group_ids[0]".to_owned(), developers.clone())];
        for (row, n) in (start..start + PER_REQUEST).enumerate() {
            form.push((format!("people[{row}][first_name]"), "Bench".to_owned()));
            form.push((format!("people[{row}][last_name]"), format!("Invitee {n}")));
            form.push((
                format!("people[{row}][email]"),
                format!("invitee{n}@example.com"),
            ));
        }
        let response = owner
            .post(format!("{base}/api/invite_people"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let created: Vec<serde_json::Value> = response.json().await.unwrap();
        tokens.extend(created.iter().map(|invitation| {
            let link = invitation["link"].as_str().unwrap();
            link.split("token=").nth(1).unwrap().to_owned()
        }));
    }
    tokens
}

/// One invitee's browser: opens the link (which moves the token into its cookie), then joins.
async fn accept(base: &str, token: &str) {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("sec-fetch-site", "same-origin".parse().unwrap());
    let browser = reqwest::Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let opened = browser
        .get(format!("{base}/join?token={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), 303);
    let joined = browser
        .post(format!("{base}/api/join/accept_invitation"))
        .form(&[
            ("display_name", "Bench Invitee"),
            ("password", PASSWORD),
            ("confirm_password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(joined.status().is_success(), "{}", joined.status());
}
