//! CSV import of 10,000 new people through the real HTTP endpoints: the upload and its dry run,
//! then the background import until its last row, while the delivery worker drains the outbox.
//! Prints figures, and the process's peak memory; asserts nothing about speed.
//!
//! `scripts/bench.sh` runs it on SQLite, and on PostgreSQL when one is reachable.

mod support;

use std::time::{Duration, Instant};

const ROWS: usize = 10_000;

#[tokio::main]
async fn main() {
    println!("CSV import of {ROWS} rows, one file");
    for (name, url, dir) in support::databases().await {
        support::reset_peak_rss();
        run(name, &url, dir.path()).await;
        println!(
            "{name:<10} peak RSS of the process (server and client) {:.0} MB",
            support::peak_rss_mb()
        );
    }
}

async fn run(name: &str, database_url: &str, dir: &std::path::Path) {
    let running = support::start_with_owner(database_url, dir, None).await;
    let base = format!("http://{}", running.addr);
    let client = support::owner_client(&base, 4).await;
    let csv: String =
        std::iter::once("first name,last name,email,country code,phone,groups\n".to_owned())
            .chain((0..ROWS).map(|n| {
                format!("Bench,Person {n},person{n}@example.com,US,202 555 0143,Developers\n")
            }))
            .collect();
    let bytes = csv.len();

    let started = Instant::now();
    let form = reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("bench.csv"),
        )
        .text("text", "");
    let response = client
        .post(format!("{base}/settings/users/import/upload"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let checked = started.elapsed();
    // The client follows the redirect to the dry run's page: its address names the import.
    let batch_id = response.url().path().rsplit('/').next().unwrap().to_owned();

    let importing = Instant::now();
    let started_import = client
        .post(format!("{base}/api/start_import"))
        .form(&[("batch_id", batch_id.as_str())])
        .send()
        .await
        .unwrap();
    assert!(started_import.status().is_success(), "start failed");
    loop {
        let view = support::post_json(
            &client,
            &base,
            "load_import",
            &[("batch_id", batch_id.as_str())],
        )
        .await;
        if view["summary"]["state"] == "Done" {
            assert_eq!(view["summary"]["imported_rows"], ROWS);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let imported = importing.elapsed();
    println!(
        "{name:<10} file {:.1} MB  dry run {:>6.2} s  import {:>6.2} s ({:>5.0} rows/s)",
        bytes as f64 / 1_048_576.0,
        checked.as_secs_f64(),
        imported.as_secs_f64(),
        ROWS as f64 / imported.as_secs_f64(),
    );
    running.serving.abort();
}
