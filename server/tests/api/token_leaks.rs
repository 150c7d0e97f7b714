//! No token in logs, tracing spans, audit rows or error pages (docs/security.md §9): a full journey
//! with every log line of the process captured at debug level.

use crate::helpers::*;
use crate::invitee::*;
use reqwest::header::HeaderMap;
use server::clock::SystemClock;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

/// Everything the process logs from the first call on (all tests of this binary share it).
fn captured_logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Arc::new(Mutex::new(Vec::new()));
        let sink = logs.clone();
        tracing_subscriber::fmt()
            .with_env_filter("debug")
            .with_ansi(false)
            .with_writer(move || LogWriter(sink.clone()))
            .init();
        logs
    })
    .clone()
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

async fn no_token_reaches_logs_audit_rows_or_error_pages(backend: Backend) {
    let logs = captured_logs();
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let (token, browser) = grace_opens_her_invitation(&app).await;
    let mut pages = vec![page(&app, &browser, "/join").await];
    pages.push(page(&app, &browser, "/join/decline").await);
    let refused = accept(&app, &browser, "Grace", "short").await;
    pages.push(refused.text().await.unwrap());
    let cross_site = app
        .call_with(&browser, "join/accept_invitation", &[], cross_site())
        .await;
    pages.push(cross_site.text().await.unwrap());
    assert_eq!(
        accept(&app, &browser, "Grace", INVITEE_PASSWORD)
            .await
            .status(),
        200
    );
    let used = app
        .call_with(&browser, "join/decline_invitation", &[], HeaderMap::new())
        .await;
    pages.push(used.text().await.unwrap());

    for body in &pages {
        assert!(!body.contains(&token), "a page or error shows the token");
    }
    assert_no_row_contains(
        &app,
        "select coalesce(subject, '') || details || action from audit_event",
        &token,
        "an audit row holds the token",
    )
    .await;
    assert_no_row_contains(
        &app,
        "select data from session",
        &token,
        "a session holds the token",
    )
    .await;
    let logs = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(
        logs.contains("/join") && logs.contains("/api/join/accept_invitation"),
        "the journey's requests were logged, so the check below means something"
    );
    assert!(!logs.contains(&token), "the logs hold the token");
}

on_both_databases!(no_token_reaches_logs_audit_rows_or_error_pages);
