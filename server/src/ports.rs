//! Adapters from app's ports to the store, where no more than a query is needed.

use crate::clock::Clock;
use crate::store::{Db, accounts, audit, db_error, members, workspaces};
use app::audit::{AUDIT_PAGE_SIZE, AuditActor, AuditEntry, AuditPage, AuditQuery};
use app::domain::WorkspaceName;
use app::error::AppError;
use app::joining::WorkspaceChoice;
use app::members::{MemberQuery, MemberSummary, MembersPage};
use app::ports::{AuditLog, Members};
use async_trait::async_trait;
use std::sync::Arc;
use uuid::Uuid;

pub struct MemberDirectory {
    db: Db,
    clock: Arc<dyn Clock>,
}

impl MemberDirectory {
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }
}

#[async_trait]
impl Members for MemberDirectory {
    async fn list(&self, workspace_id: Uuid, query: &MemberQuery) -> Result<MembersPage, AppError> {
        members::page(&self.db, workspace_id, query, self.clock.now())
            .await
            .map_err(db_error)
    }

    async fn details(
        &self,
        workspace_id: Uuid,
        member_id: Uuid,
    ) -> Result<MemberSummary, AppError> {
        members::one(&self.db, workspace_id, member_id, self.clock.now())
            .await
            .map_err(db_error)?
            .ok_or(AppError::NotFound)
    }

    async fn create_workspace(
        &self,
        account_id: Uuid,
        name: WorkspaceName,
    ) -> Result<Uuid, AppError> {
        workspaces::create_for_account(&self.db, name.as_str(), account_id, self.clock.now())
            .await
            .map_err(db_error)
    }

    async fn workspaces(
        &self,
        account_id: Uuid,
        current: Uuid,
    ) -> Result<Vec<WorkspaceChoice>, AppError> {
        let found = accounts::workspaces(&self.db, account_id)
            .await
            .map_err(db_error)?;
        Ok(found
            .into_iter()
            .map(|(workspace_id, name)| WorkspaceChoice {
                workspace_id,
                name,
                current: workspace_id == current,
            })
            .collect())
    }
}

/// The audit log port over `store::audit`.
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
impl AuditLog for AuditTrail {
    async fn record_refusal(
        &self,
        actor: &app::auth::Actor,
        client: std::net::IpAddr,
    ) -> Result<(), AppError> {
        let subject = actor.member_id.to_string();
        audit::record_denied(&self.db, actor, &subject, client, self.clock.now())
            .await
            .map_err(db_error)
    }

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
            .map_err(db_error)?;
        let pages = (total as u64).div_ceil(u64::from(size)).max(1) as u32;
        let page = query.page().min(pages);
        let rows = audit::page(&self.db, &workspace_id, &filter, size, (page - 1) * size)
            .await
            .map_err(db_error)?;
        let rows = rows
            .into_iter()
            .map(|(at, action, actor, subject, client)| {
                let at = crate::store::parse_timestamp(&at).map_err(db_error)?;
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
            .map_err(db_error)?
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
