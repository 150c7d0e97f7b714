//! Invitation throughput: 2,000 invitations, 16 at a time, through the real HTTP server function
//! (session, origin check, validation, one transaction per invite), while the delivery worker
//! sends the outbox to a real SMTP server (maildev): once with maildev sharing the cores, once
//! with it at the lowest CPU priority. Prints figures; asserts nothing about speed.
//!
//! `scripts/bench.sh` runs it on SQLite, and on PostgreSQL when one is reachable.

mod support;

use futures::StreamExt;
use std::time::{Duration, Instant};

const INVITATIONS: usize = 2_000;
const CONCURRENCY: usize = 16;

/// Where the SMTP server runs: maildev shares this machine's cores with Portico, where a real
/// mail server would use its own; the second round runs it at the lowest CPU priority.
#[derive(Clone, Copy, PartialEq)]
enum Sink {
    SharingTheCores,
    AtLowestPriority,
}

#[tokio::main]
async fn main() {
    println!("{INVITATIONS} invitations, concurrency {CONCURRENCY}, one person per request");
    for sink in [Sink::SharingTheCores, Sink::AtLowestPriority] {
        if sink == Sink::AtLowestPriority {
            println!("the same, with maildev at the lowest CPU priority (nice 19)");
        }
        for (name, url, dir) in support::databases().await {
            run(name, &url, dir.path(), sink).await;
        }
    }
}

/// Lowers the priority of the maildev listening on `smtp_port`, found by its command line.
fn lower_priority_of_maildev(smtp_port: u16) {
    let lowered = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "renice -n 19 -p $(pgrep -f -- '--smtp {smtp_port}( |$)') >/dev/null"
        ))
        .status()
        .expect("renice runs");
    assert!(lowered.success(), "maildev's priority could not be lowered");
}

async fn run(name: &str, database_url: &str, dir: &std::path::Path, sink: Sink) {
    support::reset_peak_rss();
    let smtp = support::smtp::MailDev::start().await;
    if sink == Sink::AtLowestPriority {
        lower_priority_of_maildev(smtp.smtp_port);
    }
    let running = support::start_with_owner(database_url, dir, Some(&smtp.smtp_url())).await;
    let base = format!("http://{}", running.addr);
    let client = support::owner_client(&base, CONCURRENCY).await;
    let developers = support::group_id(&client, &base, "Developers").await;

    let started = Instant::now();
    let mut latencies: Vec<Duration> = futures::stream::iter(0..INVITATIONS)
        .map(|i| {
            let (client, base, developers) = (client.clone(), base.clone(), developers.clone());
            async move {
                let email = format!("person{i}@example.com");
                let form = [
                    ("people[0][first_name]", "Bench"),
                    ("people[0][last_name]", "Person"),
                    ("people[0][email]", email.as_str()),
                    ("group_ids[0]", developers.as_str()),
                ];
                let sent = Instant::now();
                let response = client
                    .post(format!("{base}/api/invite_people"))
                    .form(&form)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), 200, "invite {i} failed");
                sent.elapsed()
            }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let elapsed = started.elapsed();

    let db = running.state.db.clone();
    let delivered = loop {
        let sent: i64 = sqlx::query_scalar("select count(*) from outbox where state = 'sent'")
            .fetch_one(db.pool())
            .await
            .unwrap();
        if sent as usize >= INVITATIONS || started.elapsed() > Duration::from_secs(600) {
            break started.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let count: i64 = sqlx::query_scalar("select count(*) from invitation")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(count as usize, INVITATIONS);

    latencies.sort();
    println!(
        "{name:<10} {:>7.0} invites/s  total {:>6.2} s  latency p50 {:>6.1} ms  p95 {:>6.1} ms  p99 {:>6.1} ms",
        INVITATIONS as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64(),
        support::percentile_ms(&latencies, 0.50),
        support::percentile_ms(&latencies, 0.95),
        support::percentile_ms(&latencies, 0.99),
    );
    println!(
        "{:<10} last of {INVITATIONS} emails accepted by the SMTP server {:>6.2} s after the last invitation; peak RSS {:.0} MB",
        "",
        delivered.saturating_sub(elapsed).as_secs_f64(),
        support::peak_rss_mb(),
    );
    running.serving.abort();
}
