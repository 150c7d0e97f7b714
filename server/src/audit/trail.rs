//! The audit log port: the log's pages with their filters, and refusals recorded.

use crate::audit::queries as audit;
use crate::clock::Clock;
use crate::store::{Db, OrDbError};
use app::audit::port::AuditLog;
use app::audit::{AUDIT_PAGE_SIZE, AuditActor, AuditEntry, AuditPage, AuditQuery};
use app::error::AppError;
use app::ports::RefusalLog;
use async_trait::async_trait;
use std::sync::Arc;
use uuid::Uuid;

/// The audit log's ports (its pages, and the record of a refusal) over `audit::queries`.
pub struct AuditTrail {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
}

/// The start of `date` (`YYYY-MM-DD`, UTC), `days` later; a field error if it is not a date
/// of the years 1970 to 9999 (stored times are fixed-width text of those years).
fn day_start(field: &str, date: &str, days: u64) -> Result<Option<String>, AppError> {
    use chrono::Datelike;
    if date.trim().is_empty() {
        return Ok(None);
    }
    let refused = || AppError::invalid_field(field, "Enter a date in the format 2026-11-26");
    let day = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .ok()
        .filter(|day| (1970..=9998).contains(&day.year()))
        .and_then(|day| day.checked_add_days(chrono::Days::new(days)))
        .ok_or_else(refused)?;
    let start = day.and_hms_opt(0, 0, 0).ok_or_else(refused)?.and_utc();
    Ok(Some(crate::store::timestamp(start)))
}

#[async_trait]
impl RefusalLog for AuditTrail {
    async fn record_refusal(
        &self,
        actor: &app::domain::Actor,
        client: std::net::IpAddr,
    ) -> Result<(), AppError> {
        let subject = actor.member_id.to_string();
        audit::record_denied(&self.db, actor, &subject, client, self.clock.now())
            .await
            .or_db_error()
    }
}

#[async_trait]
impl AuditLog for AuditTrail {
    async fn page(&self, workspace_id: Uuid, query: &AuditQuery) -> Result<AuditPage, AppError> {
        let filter = audit::Filter {
            actor: Some(query.actor.clone()).filter(|actor| !actor.is_empty()),
            action: Some(query.action.clone()).filter(|action| !action.is_empty()),
            from: day_start("from", &query.from, 0)?,
            to: day_start("to", &query.to, 1)?,
        };
        let workspace_id = workspace_id.to_string();
        let size = AUDIT_PAGE_SIZE;
        let total = audit::count(&self.db, &workspace_id, &filter)
            .await
            .or_db_error()?;
        let pages = (total as u64).div_ceil(u64::from(size)).max(1) as u32;
        let page = query.page().min(pages);
        let rows = audit::page(&self.db, &workspace_id, &filter, size, (page - 1) * size)
            .await
            .or_db_error()?;
        let rows = rows
            .into_iter()
            .map(|(at, action, actor, subject, client)| {
                let at = crate::store::parse_timestamp(&at).or_db_error()?;
                Ok(AuditEntry {
                    at: app::words::moment(at),
                    action,
                    actor,
                    subject,
                    client,
                })
            })
            .collect::<Result<_, AppError>>()?;
        let actors = audit::actors(&self.db, &workspace_id)
            .await
            .or_db_error()?
            .into_iter()
            .map(|(account_id, name)| AuditActor { account_id, name })
            .collect();
        Ok(AuditPage {
            rows,
            total: total as u64,
            page,
            pages,
            actors,
        })
    }
}
