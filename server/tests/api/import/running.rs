//! The import itself: each ready row invited once, whatever runs twice, is interrupted or
//! shuts down; 10,000 rows with progress.

use super::support::*;
use crate::helpers::*;
use crate::invitee::*;
use serde_json::Value;
use server::clock::{Clock, ManualClock, SystemClock};
use std::sync::Arc;

async fn importing_the_same_file_twice_invites_nobody_twice(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let csv = format!(
        "{HEADER}Grace,Hopper,grace@example.com,,,Developers\nAlan,Turing,alan@example.com,,,Guests\n"
    );
    let first = dry_run(&app, &app.client, &csv).await;
    let (done, _) = import_all(&app, &app.client, &first).await;
    assert_eq!(done["summary"]["imported_rows"], 2);

    let second = dry_run(&app, &app.client, &csv).await;
    let checked = view(&app, &app.client, &second).await;
    assert_eq!(checked["summary"]["ready_rows"], 0);
    assert_eq!(
        verdicts(&checked),
        vec![Value::from("AlreadyInvited"), Value::from("AlreadyInvited")]
    );
    let (done, _) = import_all(&app, &app.client, &second).await;
    assert_eq!(done["summary"]["imported_rows"], 0);
    assert_eq!(app.count("select count(*) from invitation").await, 2);
    assert_eq!(audit_count(&app, "invitation.created").await, 2);

    // Starting the finished import again changes nothing: it is not claimed. Imports are
    // stopping, so a run the start might spawn could only end its lease, never finish the batch
    // again: had the start claimed it, it would read Running or Interrupted from the moment the
    // call returns, not Done.
    app.imports.stop().await;
    assert_eq!(start(&app, &app.client, &first).await.status(), 200);
    let again = view(&app, &app.client, &first).await;
    assert_eq!(again["summary"]["state"], "Done", "not claimed again");
    assert_eq!(again["summary"]["imported_rows"], 2);
    assert_eq!(app.count("select count(*) from invitation").await, 2);
    assert_eq!(audit_count(&app, "invitation.created").await, 2);
}

async fn a_row_invited_between_the_dry_run_and_the_import_is_skipped(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let csv = format!(
        "{HEADER}Grace,Hopper,grace@example.com,,,Developers\nAlan,Turing,alan@example.com,,,Developers\n"
    );
    let id = dry_run(&app, &app.client, &csv).await;
    invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let (done, _) = import_all(&app, &app.client, &id).await;
    assert_eq!(done["summary"]["imported_rows"], 1);
    assert_eq!(
        done["rows"][0]["outcome"],
        serde_json::json!({ "Skipped": "Someone with this email address already has a pending invitation" })
    );
    assert_eq!(done["rows"][1]["outcome"], "Imported");
    assert_eq!(app.count("select count(*) from invitation").await, 2);
}

async fn a_file_of_10000_rows_is_checked_and_imported_with_progress(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let rows = 10_000;
    let csv = format!(
        "{HEADER}{}",
        (0..rows)
            .map(|n| format!(
                "Person,Number {n},person{n}@example.com,US,202 555 0143,Developers\n"
            ))
            .collect::<String>()
    );
    let id = dry_run(&app, &app.client, &csv).await;
    let checked = view(&app, &app.client, &id).await;
    assert_eq!(checked["summary"]["total_rows"], rows);
    assert_eq!(checked["summary"]["ready_rows"], rows);
    assert_eq!(
        checked["rows"].as_array().unwrap().len(),
        50,
        "a page of rows"
    );
    let last: Value = load(&app, &app.client, &id, "200", false)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(last["rows"][49]["line"], rows + 1);

    let (done, seen) = import_all(&app, &app.client, &id).await;
    assert_eq!(done["summary"]["imported_rows"], rows);
    assert!(
        seen.windows(2).all(|pair| pair[0] <= pair[1]),
        "progress only grows"
    );
    assert!(
        seen.iter()
            .any(|processed| *processed > 0 && *processed < rows),
        "progress is visible while the import runs: {seen:?}"
    );
    assert_eq!(
        app.count("select count(*) from invitation").await,
        rows as i64
    );
    assert_eq!(members(&app).await, rows as i64 + 1);
}

async fn an_interrupted_import_is_carried_on_without_counting_a_row_twice(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let csv = format!(
        "{HEADER}Grace,Hopper,grace@example.com,,,Developers\nAlan,Turing,alan@example.com,,,Developers\nAda,Lovelace,ada@example.com,,,Developers\n"
    );
    let id = dry_run(&app, &app.client, &csv).await;
    // Its server stopped after recording the first row.
    sqlx::query("update import_row set outcome = 'imported' where batch_id = $1 and line = 2")
        .bind(&id)
        .execute(app.db.pool())
        .await
        .unwrap();
    sqlx::query(
        "update import_batch set processed_rows = 1, imported_rows = 1 where batch_id = $1",
    )
    .bind(&id)
    .execute(app.db.pool())
    .await
    .unwrap();
    lease(&app, &id, chrono::Utc::now() - chrono::Duration::seconds(1)).await;
    assert_eq!(
        view(&app, &app.client, &id).await["summary"]["state"],
        "Interrupted"
    );

    let (done, _) = import_all(&app, &app.client, &id).await;
    assert_eq!(done["summary"]["processed_rows"], 3);
    assert_eq!(done["summary"]["imported_rows"], 3);
    assert_eq!(
        app.count("select count(*) from invitation").await,
        2,
        "only the rows not reached were invited"
    );
}

async fn an_import_running_elsewhere_is_not_started_twice(backend: Backend) {
    // This server's clock moves only when the test moves it.
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = owner_app(backend, &[], clock.clone()).await;
    let csv = format!("{HEADER}Grace,Hopper,grace@example.com,,,Developers\n");
    let id = dry_run(&app, &app.client, &csv).await;
    // Another server runs it, under a lease for one more second (shorter than the lease this
    // server would take).
    lease(&app, &id, clock.now() + chrono::Duration::seconds(1)).await;
    assert_eq!(
        view(&app, &app.client, &id).await["summary"]["state"],
        "Running"
    );
    assert_eq!(start(&app, &app.client, &id).await.status(), 200);

    // Two seconds on, the other server's lease has lapsed. Had the start above claimed the
    // import, the lease it took (a minute from then, renewed by each chunk) would still hold or
    // the import would be done: it shows as interrupted, untouched, only if nothing here ran it.
    clock.advance(chrono::Duration::seconds(2));
    let lapsed = view(&app, &app.client, &id).await;
    assert_eq!(
        lapsed["summary"]["state"], "Interrupted",
        "not started here"
    );
    assert_eq!(lapsed["summary"]["processed_rows"], 0);
    assert_eq!(app.count("select count(*) from invitation").await, 0);

    // Now that nobody runs it, starting it carries it on.
    let (done, _) = import_all(&app, &app.client, &id).await;
    assert_eq!(done["summary"]["imported_rows"], 1);
    assert_eq!(app.count("select count(*) from invitation").await, 1);
}

async fn shutting_down_stops_an_import_between_two_chunks(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let csv = format!(
        "{HEADER}{}",
        (0..2_000)
            .map(|n| format!("Person,{n},p{n}@example.com,,,Developers\n"))
            .collect::<String>()
    );
    let id = dry_run(&app, &app.client, &csv).await;
    assert_eq!(start(&app, &app.client, &id).await.status(), 200);
    crate::invitations::wait_until(|| async {
        view(&app, &app.client, &id).await["summary"]["processed_rows"] != 0
    })
    .await;
    app.imports.stop().await;

    let stopped = view(&app, &app.client, &id).await;
    assert_eq!(stopped["summary"]["state"], "Interrupted");
    let processed = stopped["summary"]["processed_rows"].as_i64().unwrap();
    assert!(processed < 2_000, "stopped before the end: {processed}");
    let recorded = app
        .count("select count(*) from import_row where outcome is not null")
        .await;
    assert_eq!(recorded, processed, "every row handled was recorded");
    assert_eq!(
        app.count("select count(*) from invitation").await,
        stopped["summary"]["imported_rows"].as_i64().unwrap(),
        "and no row was invited without being recorded"
    );
}

on_both_databases!(
    importing_the_same_file_twice_invites_nobody_twice,
    a_row_invited_between_the_dry_run_and_the_import_is_skipped,
    a_file_of_10000_rows_is_checked_and_imported_with_progress,
    an_interrupted_import_is_carried_on_without_counting_a_row_twice,
    an_import_running_elsewhere_is_not_started_twice,
    shutting_down_stops_an_import_between_two_chunks,
);
