//! The import's run under a lease: claiming a batch (once, or again when its lease ran out),
//! the next ready rows, each row's outcome, and the end. An instance that stops lets the lease
//! run out, and the import shows as interrupted, to be carried on.

use crate::import::queries::{CheckedRow, ROW_COLUMNS, import_row, not_running_at};
use crate::store::{Db, timestamp};
use app::import::Outcome;
use chrono::{DateTime, Utc};

/// Marks the batch running with a lease until `lease_until`, if it was only checked or its last
/// lease ended before `now` (interrupted); false if it is finished or running elsewhere.
pub async fn claim(
    db: &Db,
    member_id: &str,
    batch_id: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let claim = format!(
        "update import_batch set state = 'running', lease_until = $3
          where batch_id = $1 and member_id = $2 and state <> 'done' and {}",
        not_running_at("$4")
    );
    let claimed = db
        .execute_write(
            sqlx::query(&claim)
                .bind(batch_id)
                .bind(member_id)
                .bind(timestamp(lease_until))
                .bind(timestamp(now)),
        )
        .await?;
    Ok(claimed.rows_affected() == 1)
}

/// Ends a running batch's lease at once: it shows as interrupted, and may be carried on. (No
/// lease rather than one ending now, so a reader in the same microsecond agrees.)
pub async fn end_lease(db: &Db, batch_id: &str) -> Result<(), sqlx::Error> {
    db.execute_write(
        sqlx::query(
            "update import_batch set lease_until = null where batch_id = $1 and state = 'running'",
        )
        .bind(batch_id),
    )
    .await?;
    Ok(())
}

/// The next ready rows the import has not reached, in line order.
pub async fn next_ready_rows(
    db: &Db,
    batch_id: &str,
    limit: u32,
) -> Result<Vec<CheckedRow>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "select {ROW_COLUMNS} from import_row
          where batch_id = $1 and verdict = 'ready' and outcome is null
          order by line limit $2"
    ))
    .bind(batch_id)
    .bind(i64::from(limit))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(import_row).collect()
}

/// Records what became of some rows, the batch's progress and its renewed lease, in one
/// transaction. A row already recorded keeps its outcome and is not counted twice.
pub async fn record_outcomes(
    db: &Db,
    batch_id: &str,
    outcomes: &[(u32, Outcome)],
    lease_until: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let (mut processed, mut imported) = (0i64, 0i64);
    for (line, outcome) in outcomes {
        let (key, reason) = match outcome {
            Outcome::Imported => ("imported", None),
            Outcome::Skipped(reason) => ("skipped", Some(reason.as_str())),
        };
        let recorded = sqlx::query(
            "update import_row set outcome = $1, outcome_reason = $2
              where batch_id = $3 and line = $4 and outcome is null",
        )
        .bind(key)
        .bind(reason)
        .bind(batch_id)
        .bind(i64::from(*line))
        .execute(&mut *tx)
        .await?
        .rows_affected() as i64;
        processed += recorded;
        if *outcome == Outcome::Imported {
            imported += recorded;
        }
    }
    sqlx::query(
        "update import_batch set processed_rows = processed_rows + $1,
                                 imported_rows = imported_rows + $2, lease_until = $3
          where batch_id = $4",
    )
    .bind(processed)
    .bind(imported)
    .bind(timestamp(lease_until))
    .bind(batch_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

pub async fn finish(db: &Db, batch_id: &str) -> Result<(), sqlx::Error> {
    db.execute_write(
        sqlx::query(
            "update import_batch set state = 'done', lease_until = null where batch_id = $1",
        )
        .bind(batch_id),
    )
    .await?;
    Ok(())
}
