//! How long imports are kept: a week, and a member's newest twenty. A running import is never
//! deleted from under its run.

use crate::import::queries::not_running_at;
use crate::store::{Db, timestamp};
use chrono::{DateTime, Utc};

/// Imports are kept this long, for their summary and report.
pub async fn delete_older_than(
    db: &Db,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = format!(
        "delete from import_batch where created_at < $1 and {}",
        not_running_at("$2")
    );
    db.execute_write(
        sqlx::query(&sql)
            .bind(timestamp(cutoff))
            .bind(timestamp(now)),
    )
    .await?;
    Ok(())
}

/// Keeps a member's newest imports only, so repeated uploads cannot fill the database.
pub async fn keep_newest(
    db: &Db,
    member_id: &str,
    kept: u32,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let sql = format!(
        "delete from import_batch
          where member_id = $1 and {}
            and batch_id not in (select batch_id from import_batch where member_id = $1
                                  order by created_at desc limit $2)",
        not_running_at("$3")
    );
    db.execute_write(
        sqlx::query(&sql)
            .bind(member_id)
            .bind(i64::from(kept))
            .bind(timestamp(now)),
    )
    .await?;
    Ok(())
}
