//! CSV imports: the dry run's rows with their verdicts, the summary and the report (the run's
//! own queries are in `lease`). Every query names the batch's owner, so nobody reads another
//! member's import.

use crate::store::{Db, Tx, new_id, parse_id, placeholders, timestamp};
use app::import::{ImportRow, ImportState, ImportSummary, Outcome, Verdict};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A checked row, as the dry run stores it.
pub struct CheckedRow {
    pub row: ImportRow,
    /// The ids of the groups the row names, when all were found.
    pub group_ids: Vec<String>,
}

pub struct NewBatch<'a> {
    pub workspace_id: &'a str,
    pub member_id: &'a str,
    pub file_name: &'a str,
    pub rows: &'a [CheckedRow],
}

/// Stores a dry run in one transaction; the new batch's id.
pub async fn insert_batch(
    db: &Db,
    batch: &NewBatch<'_>,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let batch_id = new_id();
    let ready = batch
        .rows
        .iter()
        .filter(|r| r.row.verdict.is_ready())
        .count();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "insert into import_batch (batch_id, workspace_id, member_id, file_name, state, total_rows,
                                   ready_rows, created_at)
         values ($1, $2, $3, $4, 'checked', $5, $6, $7)",
    )
    .bind(&batch_id)
    .bind(batch.workspace_id)
    .bind(batch.member_id)
    .bind(batch.file_name)
    .bind(batch.rows.len() as i64)
    .bind(ready as i64)
    .bind(timestamp(now))
    .execute(&mut *tx)
    .await?;
    // 11 values a row: a few hundred rows per statement stays under both databases' limits.
    for chunk in batch.rows.chunks(400) {
        insert_rows(&mut tx, &batch_id, chunk).await?;
    }
    tx.commit().await?;
    Ok(batch_id)
}

async fn insert_rows(tx: &mut Tx, batch_id: &str, rows: &[CheckedRow]) -> Result<(), sqlx::Error> {
    const COLUMNS: usize = 11;
    let values: Vec<String> = (0..rows.len())
        .map(|index| format!("({})", placeholders(index * COLUMNS + 1, COLUMNS)))
        .collect();
    let sql = format!(
        "insert into import_row (batch_id, line, first_name, last_name, email, country_code, phone,
                                 groups, group_ids, verdict, verdict_detail)
         values {}",
        values.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for checked in rows {
        let row = &checked.row;
        let (verdict, detail) = row.verdict.to_stored();
        query = query
            .bind(batch_id)
            .bind(i64::from(row.line))
            .bind(row.first_name.clone())
            .bind(row.last_name.clone())
            .bind(row.email.clone())
            .bind(row.country_code.clone())
            .bind(row.phone.clone())
            .bind(row.groups.clone())
            .bind(checked.group_ids.join(","))
            .bind(verdict)
            .bind(detail);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// Not an import some server is running at the time in parameter `now` (its lease holds).
pub(super) fn not_running_at(now: &str) -> String {
    format!("not (state = 'running' and coalesce(lease_until, '') >= {now})")
}

/// Whether the batch exists and is `member_id`'s.
pub async fn owned_by(db: &Db, member_id: &str, batch_id: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("select 1 from import_batch where batch_id = $1 and member_id = $2")
            .bind(batch_id)
            .bind(member_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(found.is_some())
}

/// The batch's summary, if it is `member_id`'s. A running batch whose lease ended before `now`
/// is shown as interrupted.
pub async fn summary(
    db: &Db,
    member_id: &str,
    batch_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<ImportSummary>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "select batch_id, file_name, state, total_rows, ready_rows, processed_rows, imported_rows,
                lease_until
           from import_batch where batch_id = $1 and member_id = $2",
    )
    .bind(batch_id)
    .bind(member_id)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let counts = sqlx::query(
        "select verdict, verdict_detail, count(*) as rows_count from import_row
          where batch_id = $1 group by verdict, verdict_detail order by verdict, verdict_detail",
    )
    .bind(batch_id)
    .fetch_all(db.pool())
    .await?;
    let mut verdict_counts: Vec<(String, u32)> = Vec::new();
    for count in counts {
        let verdict = stored_verdict(&count)?;
        let rows: i64 = count.try_get("rows_count")?;
        let heading = verdict.heading();
        match verdict_counts
            .iter_mut()
            .find(|(label, _)| *label == heading)
        {
            Some((_, total)) => *total += rows as u32,
            None => verdict_counts.push((heading, rows as u32)),
        }
    }
    let state: String = row.try_get("state")?;
    let mut state = ImportState::from_key(&state).ok_or_else(|| decode_error("import state"))?;
    let lease_until: Option<String> = row.try_get("lease_until")?;
    if state == ImportState::Running && lease_until.is_none_or(|lease| lease < timestamp(now)) {
        state = ImportState::Interrupted;
    }
    Ok(Some(ImportSummary {
        batch_id: parse_id(&row.try_get::<String, _>("batch_id")?)?,
        file_name: row.try_get("file_name")?,
        state,
        total_rows: count_of(&row, "total_rows")?,
        ready_rows: count_of(&row, "ready_rows")?,
        processed_rows: count_of(&row, "processed_rows")?,
        imported_rows: count_of(&row, "imported_rows")?,
        verdict_counts,
    }))
}

pub(super) const ROW_COLUMNS: &str = "line, first_name, last_name, email, country_code, phone, groups, \
                           group_ids, verdict, verdict_detail, outcome, outcome_reason";
/// Rows not imported, or not to be.
const SKIPPED: &str = "(verdict <> 'ready' or outcome = 'skipped')";

/// One page of the batch's rows (all, or only those skipped), and how many match.
pub async fn rows_page(
    db: &Db,
    batch_id: &str,
    problems_only: bool,
    limit: u32,
    offset: u32,
) -> Result<(Vec<ImportRow>, u32), sqlx::Error> {
    let filter = if problems_only { SKIPPED } else { "1 = 1" };
    let rows = sqlx::query(&format!(
        "select {ROW_COLUMNS} from import_row where batch_id = $1 and {filter}
          order by line limit $2 offset $3"
    ))
    .bind(batch_id)
    .bind(i64::from(limit))
    .bind(i64::from(offset))
    .fetch_all(db.pool())
    .await?;
    let matching: i64 = sqlx::query_scalar(&format!(
        "select count(*) from import_row where batch_id = $1 and {filter}"
    ))
    .bind(batch_id)
    .fetch_one(db.pool())
    .await?;
    let rows = rows
        .iter()
        .map(|row| import_row(row).map(|checked| checked.row))
        .collect::<Result<_, _>>()?;
    Ok((rows, matching as u32))
}

/// Every row skipped so far (or to be), in line order: the downloadable report.
pub async fn skipped_rows(db: &Db, batch_id: &str) -> Result<Vec<ImportRow>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "select {ROW_COLUMNS} from import_row where batch_id = $1 and {SKIPPED} order by line"
    ))
    .bind(batch_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| import_row(row).map(|checked| checked.row))
        .collect()
}

pub(super) fn import_row(row: &AnyRow) -> Result<CheckedRow, sqlx::Error> {
    let outcome: Option<String> = row.try_get("outcome")?;
    let outcome = match outcome.as_deref() {
        None => None,
        Some("imported") => Some(Outcome::Imported),
        Some(_) => Some(Outcome::Skipped(
            row.try_get::<Option<String>, _>("outcome_reason")?
                .unwrap_or_default(),
        )),
    };
    let group_ids: String = row.try_get("group_ids")?;
    Ok(CheckedRow {
        row: ImportRow {
            line: count_of(row, "line")?,
            first_name: row.try_get("first_name")?,
            last_name: row.try_get("last_name")?,
            email: row.try_get("email")?,
            country_code: row.try_get("country_code")?,
            phone: row.try_get("phone")?,
            groups: row.try_get("groups")?,
            verdict: stored_verdict(row)?,
            outcome,
        },
        group_ids: group_ids
            .split(',')
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

fn stored_verdict(row: &AnyRow) -> Result<Verdict, sqlx::Error> {
    let key: String = row.try_get("verdict")?;
    let detail: String = row.try_get("verdict_detail")?;
    Verdict::from_stored(&key, &detail).ok_or_else(|| decode_error("import verdict"))
}

fn count_of(row: &AnyRow, column: &str) -> Result<u32, sqlx::Error> {
    let value: i64 = row.try_get(column)?;
    u32::try_from(value).map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

fn decode_error(what: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unknown {what}").into())
}
