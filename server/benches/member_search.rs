//! The Users page at 10,000 and at 100,000 people: searches, filters and pages through the real
//! HTTP server function, eight at a time, after seeding the workspace in the database (half
//! active, half invited with an invitation each). Prints figures; asserts nothing about speed.
//!
//! `scripts/bench.sh` runs it on SQLite, and on PostgreSQL when one is reachable.

mod support;

use futures::StreamExt;
use std::time::{Duration, Instant};

const SIZES: [usize; 2] = [10_000, 100_000];
const SEARCHES: usize = 1_000;
const CONCURRENCY: usize = 8;
const BATCH: usize = 500;

#[tokio::main]
async fn main() {
    println!("people in one workspace, {SEARCHES} requests, {CONCURRENCY} at a time");
    for (name, url, dir) in support::databases().await {
        run(name, &url, dir.path()).await;
    }
}

async fn run(name: &str, database_url: &str, dir: &std::path::Path) {
    support::reset_peak_rss();
    let running = support::start_with_owner(database_url, dir, None).await;
    let base = format!("http://{}", running.addr);
    let client = support::owner_client(&base, CONCURRENCY).await;
    let mut seeded_so_far = 0;
    for people in SIZES {
        seed(&running.state.db, seeded_so_far..people).await;
        seeded_so_far = people;
        measure(name, &base, &client, people).await;
    }
    println!(
        "{:<10} peak RSS {:.0} MB; at the end {:.0} MB, of which the process's own {:.0} MB",
        "",
        support::peak_rss_mb(),
        support::rss_mb(),
        support::own_rss_mb()
    );
    running.serving.abort();
}

/// `SEARCHES` requests of five kinds, `CONCURRENCY` at a time: typed searches, state filters,
/// later pages, other orders.
async fn measure(name: &str, base: &str, client: &reqwest::Client, people: usize) {
    let queries: Vec<(usize, Vec<(&str, String)>)> = (0..SEARCHES)
        .map(|i| {
            let form = match i % 5 {
                0 => vec![("query[q]", format!("family{}", i % 97))],
                1 => vec![("query[q]", format!("p{:05}@", i * 397 % people))],
                2 => vec![
                    ("query[state]", "invited".to_owned()),
                    ("query[page]", (i % 40 + 1).to_string()),
                ],
                3 => vec![
                    ("query[sort]", "newest".to_owned()),
                    ("query[page]", (i % 200 + 1).to_string()),
                ],
                _ => vec![
                    ("query[q]", "person 1".to_owned()),
                    ("query[state]", "active".to_owned()),
                ],
            };
            (i % 5, form)
        })
        .collect();
    let started = Instant::now();
    let timed: Vec<(usize, Duration)> = futures::stream::iter(queries)
        .map(|(kind, form)| async move {
            let sent = Instant::now();
            let response = client
                .post(format!("{base}/api/list_members"))
                .form(&form)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            let page: serde_json::Value = response.json().await.unwrap();
            assert!(page["rows"].is_array());
            (kind, sent.elapsed())
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let elapsed = started.elapsed();
    let mut slowest_by_kind = [Duration::ZERO; 5];
    for (kind, latency) in &timed {
        slowest_by_kind[*kind] = slowest_by_kind[*kind].max(*latency);
    }
    let mut latencies: Vec<Duration> = timed.into_iter().map(|(_, latency)| latency).collect();
    latencies.sort();
    println!(
        "{name:<10} {people:>7} people  {:>5.0} req/s  latency p50 {:>6.1} ms  p95 {:>6.1} ms  max {:>6.1} ms",
        SEARCHES as f64 / elapsed.as_secs_f64(),
        support::percentile_ms(&latencies, 0.50),
        support::percentile_ms(&latencies, 0.95),
        latencies[latencies.len() - 1].as_secs_f64() * 1000.0,
    );
    let kinds = [
        "name search",
        "email search",
        "invited, paged",
        "newest, paged",
        "search + active",
    ];
    let slowest: Vec<String> = kinds
        .iter()
        .zip(slowest_by_kind)
        .map(|(kind, slowest)| format!("{kind} {:.0} ms", slowest.as_secs_f64() * 1000.0))
        .collect();
    println!("{:<10} slowest of each kind: {}", "", slowest.join(", "));
}

/// Members `people` of the Owner's workspace in Developers; every odd one invited, with an
/// invitation (some expired), in batches of multi-row inserts.
async fn seed(db: &server::store::Db, people: std::ops::Range<usize>) {
    let (workspace, owner): (String, String) =
        sqlx::query_as("select workspace_id, account_id from member where account_id is not null")
            .fetch_one(db.pool())
            .await
            .unwrap();
    let developers: String =
        sqlx::query_scalar("select group_id from user_group where name = 'Developers'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    let now = chrono::Utc::now();
    let mut tx = db.pool().begin().await.unwrap();
    let end = people.end;
    for start in people.step_by(BATCH) {
        let people: Vec<usize> = (start..(start + BATCH).min(end)).collect();
        let ids: Vec<String> = people.iter().map(|_| server::store::new_id()).collect();
        let rows = |width: usize| {
            (0..people.len())
                .map(|row| format!("({})", server::store::placeholders(row * width + 1, width)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let sql = format!(
            "insert into member (member_id, workspace_id, email, first_name, last_name, state, created_at, updated_at) values {}",
            rows(8)
        );
        let mut insert = sqlx::query(&sql);
        for (i, id) in people.iter().zip(&ids) {
            let at = server::store::timestamp(now + chrono::Duration::milliseconds(*i as i64));
            insert = insert
                .bind(id.clone())
                .bind(workspace.clone())
                .bind(format!("p{i:05}@example.com"))
                .bind(format!("Person {i}"))
                .bind(format!("Family{}", i % 97))
                .bind(if i % 2 == 0 { "active" } else { "invited" })
                .bind(at.clone())
                .bind(at);
        }
        insert.execute(&mut *tx).await.unwrap();

        let sql = format!(
            "insert into group_member (group_id, member_id) values {}",
            rows(2)
        );
        let mut insert = sqlx::query(&sql);
        for id in &ids {
            insert = insert.bind(developers.clone()).bind(id.clone());
        }
        insert.execute(&mut *tx).await.unwrap();

        let invited: Vec<(&usize, &String)> = people
            .iter()
            .zip(&ids)
            .filter(|(i, _)| *i % 2 == 1)
            .collect();
        let sql = format!(
            "insert into invitation (invitation_id, workspace_id, member_id, email, invited_by, token_hash, created_at, expires_at) values {}",
            (0..invited.len())
                .map(|row| format!("({})", server::store::placeholders(row * 8 + 1, 8)))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut insert = sqlx::query(&sql);
        for (i, id) in invited {
            let expires = now + chrono::Duration::days(if i % 3 == 0 { -1 } else { 7 });
            insert = insert
                .bind(server::store::new_id())
                .bind(workspace.clone())
                .bind(id.clone())
                .bind(format!("p{i:05}@example.com"))
                .bind(owner.clone())
                .bind(server::tokens::generate().1)
                .bind(server::store::timestamp(now))
                .bind(server::store::timestamp(expires));
        }
        insert.execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    // Fresh statistics, as a database that grew to this size over time would have.
    sqlx::query("analyze").execute(db.pool()).await.unwrap();
}
