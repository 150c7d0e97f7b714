//! What the benchmarks share.

/// A new, empty database on the PostgreSQL server `admin` points at.
pub async fn fresh_postgres(admin: &str) -> String {
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
