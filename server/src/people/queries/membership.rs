//! Changes admins make to memberships: state, groups, profile, removal, and the check that a
//! workspace keeps an Owner.

use crate::store::{Tx, timestamp};
use chrono::{DateTime, Utc};

/// Serialises changes that could leave a workspace without an Owner: on PostgreSQL the row lock
/// makes a second such transaction wait until the first commits (SQLite has one writer anyway).
pub async fn lock_workspace(tx: &mut Tx, workspace_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("update workspace set name = name where workspace_id = $1")
        .bind(workspace_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Active members whose groups make them an Owner.
pub async fn active_owners(tx: &mut Tx, workspace_id: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "select count(distinct m.member_id) from member m
           join group_member gm on gm.member_id = m.member_id
           join group_role r on r.group_id = gm.group_id
          where m.workspace_id = $1 and m.state = 'active' and r.role = 'owner'",
    )
    .bind(workspace_id)
    .fetch_one(&mut **tx)
    .await
}

/// Moves the member from state `from` to `to`; `false` if they were not in `from`.
pub async fn set_state(
    tx: &mut Tx,
    member_id: &str,
    from: &str,
    to: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update member set state = $1, updated_at = $2 where member_id = $3 and state = $4",
    )
    .bind(to)
    .bind(timestamp(now))
    .bind(member_id)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends the membership: its groups, its own invitation and its queued emails go with it, so
/// the address can be invited again.
pub async fn delete_member(tx: &mut Tx, member_id: &str) -> Result<bool, sqlx::Error> {
    // The invitation before the member, in the order accepting locks them, so the two never
    // wait for each other (PostgreSQL would abort one as a deadlock).
    sqlx::query("delete from invitation where member_id = $1")
        .bind(member_id)
        .execute(&mut **tx)
        .await?;
    let done = sqlx::query("delete from member where member_id = $1")
        .bind(member_id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn replace_groups(
    tx: &mut Tx,
    member_id: &str,
    group_ids: &[String],
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from group_member where member_id = $1")
        .bind(member_id)
        .execute(&mut **tx)
        .await?;
    for group_id in group_ids {
        sqlx::query("insert into group_member (group_id, member_id) values ($1, $2)")
            .bind(group_id)
            .bind(member_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The pending invitation of the member now grants what `account_id` chose: they answer for it
/// when it is accepted (their rights are checked then, docs/security.md §15).
pub async fn adopt_invitation(
    tx: &mut Tx,
    member_id: &str,
    account_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update invitation set invited_by = $1 where member_id = $2 and accepted_at is null",
    )
    .bind(account_id)
    .bind(member_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub struct Profile<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
    pub country_code: Option<&'a str>,
    pub phone: Option<&'a str>,
}

/// Writes the profile; the invitation follows a changed address.
pub async fn update_profile(
    tx: &mut Tx,
    member_id: &str,
    profile: &Profile<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    // The invitation before the member, in the order accepting locks them.
    sqlx::query("update invitation set email = $1 where member_id = $2 and accepted_at is null")
        .bind(profile.email)
        .bind(member_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "update member set first_name = $1, last_name = $2, email = $3, country_code = $4,
                phone = $5, updated_at = $6
          where member_id = $7",
    )
    .bind(profile.first_name)
    .bind(profile.last_name)
    .bind(profile.email)
    .bind(profile.country_code)
    .bind(profile.phone)
    .bind(timestamp(now))
    .bind(member_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
