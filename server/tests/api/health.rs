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

on_both_databases!(
    health_and_readiness_answer,
    readiness_fails_when_the_database_is_gone
);
