//! Members made directly in the database, for tests that need someone other than the Owner
//! before the invitee journey exists.

use crate::helpers::TestApp;
use server::store::{new_id, timestamp};

/// An active member with a password, in the named group of the Owner's workspace.
pub async fn add_member(app: &TestApp, email: &str, password: &str, group: &str) {
    let now = timestamp(chrono::Utc::now());
    let hash = server::auth::passwords::hash(password.to_owned())
        .await
        .unwrap();
    let workspace_id: String = sqlx::query_scalar("select workspace_id from workspace")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (account_id, member_id) = (new_id(), new_id());
    let pool = app.db.pool();
    sqlx::query("insert into account (account_id, email, display_name, password_hash, created_at, updated_at) values ($1, $2, $3, $4, $5, $5)")
        .bind(&account_id).bind(email).bind(format!("Member {email}")).bind(hash).bind(&now)
        .execute(pool).await.unwrap();
    sqlx::query("insert into member (member_id, workspace_id, account_id, email, first_name, last_name, state, created_at, updated_at, joined_at) values ($1, $2, $3, $4, 'Member', $4, 'active', $5, $5, $5)")
        .bind(&member_id).bind(&workspace_id).bind(&account_id).bind(email).bind(&now)
        .execute(pool).await.unwrap();
    sqlx::query("insert into group_member (group_id, member_id) select group_id, $1 from user_group where name = $2")
        .bind(&member_id).bind(group)
        .execute(pool).await.unwrap();
}

/// The password every member made by `add_member` in these tests signs in with.
pub const MEMBER_PASSWORD: &str = "a member's long passphrase";

/// Adds an active member to `group` and signs the app's client in as them.
pub async fn sign_in_as_new_member(app: &TestApp, email: &str, group: &str) {
    add_member(app, email, MEMBER_PASSWORD, group).await;
    let response = app.sign_in(email, MEMBER_PASSWORD).await;
    assert_eq!(response.headers()["location"], "/");
}

/// The id of a default group, by name.
pub async fn group_id(app: &TestApp, name: &str) -> String {
    sqlx::query_scalar("select group_id from user_group where name = $1")
        .bind(name)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}
