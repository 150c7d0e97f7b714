use crate::helpers::*;
use chrono::{Duration, Utc};
use server::clock::ManualClock;
use std::sync::Arc;

fn max_age(cookie: &str) -> i64 {
    let value = cookie
        .split(';')
        .find_map(|part| part.trim().strip_prefix("Max-Age="))
        .expect("Max-Age");
    value.parse().unwrap()
}

async fn sessions_expire_after_thirty_idle_minutes_and_activity_extends_them(backend: Backend) {
    let clock = Arc::new(ManualClock::new(Utc::now()));
    let app = spawn_app_with_clock(backend, &OWNER_BOOTSTRAP, clock.clone()).await;
    let signed_in = app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_eq!(
        max_age(set_cookie(&signed_in, "portico_session").unwrap()),
        30 * 60
    );
    let stored_deadline = || async {
        sqlx::query_scalar::<_, String>("select expires_at from session")
            .fetch_one(app.db.pool())
            .await
            .unwrap()
    };
    let stored = stored_deadline().await;
    let deadline = server::store::parse_timestamp(&stored).unwrap() - Utc::now();
    assert!(
        deadline > Duration::minutes(29) && deadline <= Duration::minutes(30),
        "{deadline}"
    );

    // The first request notes the minute; more requests in the same minute write nothing.
    assert!(set_cookie(&app.call("list_members", &[]).await, "portico_session").is_some());
    let noted = stored_deadline().await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let same_minute = app.call("list_members", &[]).await;
    assert_eq!(same_minute.status(), 200);
    assert!(set_cookie(&same_minute, "portico_session").is_none());
    assert_eq!(stored_deadline().await, noted, "no write within the minute");

    clock.advance(Duration::minutes(1));
    let next_minute = app.call("list_members", &[]).await;
    assert_eq!(
        max_age(set_cookie(&next_minute, "portico_session").expect("activity renews the cookie")),
        30 * 60
    );
    assert!(
        stored_deadline().await > noted,
        "activity moves the stored idle deadline"
    );
}

async fn sessions_end_twelve_hours_after_sign_in_however_active(backend: Backend) {
    let clock = Arc::new(ManualClock::new(Utc::now()));
    let app = spawn_app_with_clock(backend, &OWNER_BOOTSTRAP, clock.clone()).await;
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    clock.advance(Duration::hours(11) + Duration::minutes(59));
    assert_eq!(app.call("list_members", &[]).await.status(), 200);
    clock.advance(Duration::minutes(2));
    assert_eq!(app.call("list_members", &[]).await.status(), 401);
}

async fn assets_and_probes_never_write_a_session(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    for path in ["/healthz", "/readyz", "/pkg/portico.css", "/favicon.ico"] {
        let response = app.get(path).await;
        assert!(set_cookie(&response, "portico_session").is_none(), "{path}");
    }
}

/// A request that loaded its session before the session was ended (the member removed or
/// deactivated meanwhile) saves it afterwards: the save must not bring it back.
async fn a_session_ended_meanwhile_is_not_written_back(backend: Backend) {
    use tower_sessions::SessionStore;
    use tower_sessions::session::{Id, Record};

    let app = spawn_app(backend).await;
    let store = server::auth::sessions::SqlSessionStore::new(app.db.clone());
    let mut record = Record {
        id: Id::default(),
        data: Default::default(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
    };
    store.create(&mut record).await.unwrap();
    assert!(store.load(&record.id).await.unwrap().is_some());
    sqlx::query("delete from session")
        .execute(app.db.pool())
        .await
        .unwrap();
    store.save(&record).await.unwrap();
    assert!(store.load(&record.id).await.unwrap().is_none());
    assert_eq!(app.count("select count(*) from session").await, 0);
}

on_both_databases!(
    a_session_ended_meanwhile_is_not_written_back,
    sessions_expire_after_thirty_idle_minutes_and_activity_extends_them,
    sessions_end_twelve_hours_after_sign_in_however_active,
    assets_and_probes_never_write_a_session,
);
