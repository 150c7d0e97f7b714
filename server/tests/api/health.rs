use crate::helpers::*;

async fn health_and_readiness_answer(backend: Backend) {
    let app = spawn_app(backend).await;
    let live = app.get("/healthz").await;
    assert_eq!(live.status(), 200);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.text().await.unwrap(), "ready");
}

async fn readiness_fails_when_the_database_is_gone(backend: Backend) {
    let app = spawn_app(backend).await;
    app.db.pool().close().await;
    assert_eq!(app.get("/readyz").await.status(), 503);
    assert_eq!(app.get("/healthz").await.status(), 200);
}

/// A database migrated before the core migration's opening comment was edited (its recorded
/// checksum is the old file's) still starts, and its record then matches the file; a record
/// that matches neither still stops the start.
async fn a_database_migrated_before_an_edited_comment_still_starts(backend: Backend) {
    let app = spawn_app(backend).await;
    let core = 20261123000001_i64;
    let checksum = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, Vec<u8>>(
                "select checksum from _sqlx_migrations where version = $1",
            )
            .bind(core)
            .fetch_one(db.pool())
            .await
            .unwrap()
        }
    };
    let current = checksum(&app).await;
    let before_the_edit = hex_bytes(
        "7ef84af1a7d1d348a6999347d24aeb17be3bd6d8369cd277f3a32a5e78a726af00ab817fa5422bf2e007eacd3951be96",
    );
    assert_ne!(current, before_the_edit);
    let set = |bytes: Vec<u8>| {
        let db = app.db.clone();
        async move {
            sqlx::query("update _sqlx_migrations set checksum = $1 where version = $2")
                .bind(bytes)
                .bind(core)
                .execute(db.pool())
                .await
                .unwrap();
        }
    };
    set(before_the_edit).await;
    let again = app.another_instance().await;
    again.serving.abort();
    assert_eq!(checksum(&app).await, current);
    set(vec![0; 48]).await;
    let config = server::config::Config::from_vars(&app.vars).unwrap();
    assert!(
        server::start(config).await.is_err(),
        "another difference still stops the start"
    );
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

on_both_databases!(
    health_and_readiness_answer,
    readiness_fails_when_the_database_is_gone,
    a_database_migrated_before_an_edited_comment_still_starts,
);
