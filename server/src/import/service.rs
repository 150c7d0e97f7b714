//! Importing people from a CSV file: a dry run that stores each row's verdict, then an import
//! that invites the ready rows in the background, through the same `invite` as the wizard (so
//! the same rights, checks, emails and audit events), recording each row's outcome as it goes.

use crate::clock::Clock;
use crate::import::queries as imports;
use crate::import::queries::NewBatch;
use crate::import::{check, lease, read, retention};
use crate::invitations::InvitationService;
use crate::invitations::queries::standing;
use crate::live::LiveUpdates;
use crate::store::{Db, OrDbError, parse_id};
use app::domain::{Actor, Permission};
use app::error::{AppError, FieldErrors};
use app::import::port::Imports;
use app::import::{ImportRow, ImportView, PAGE_SIZE};
use app::invitations::port::Invitations;
use async_trait::async_trait;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;
use tokio::sync::{RwLock, watch};
use uuid::Uuid;

/// Rows invited per transaction: progress moves in steps this big.
const CHUNK_ROWS: u32 = 50;
/// An import's summary and report stay this long...
const KEPT_FOR_DAYS: i64 = 7;
/// ...and each member keeps this many of their newest imports (10,000 rows each at most).
const KEPT_PER_MEMBER: u32 = 20;

/// How long a running import may go without recording progress before it counts as
/// interrupted (a chunk takes well under a second).
const LEASE_SECONDS: i64 = 60;

mod run;

#[derive(Clone)]
pub struct ImportService {
    db: Db,
    invitations: Arc<InvitationService>,
    clock: Arc<dyn Clock>,
    live: LiveUpdates,
    /// Set when the server shuts down: imports stop after the chunk in hand.
    stopping: watch::Sender<bool>,
    /// Held (shared) by each running import; shutting down takes it whole, so it waits.
    running: Arc<RwLock<()>>,
}

impl ImportService {
    pub fn new(
        db: Db,
        invitations: Arc<InvitationService>,
        clock: Arc<dyn Clock>,
        live: LiveUpdates,
    ) -> Self {
        Self {
            db,
            invitations,
            clock,
            live,
            stopping: watch::channel(false).0,
            running: Arc::default(),
        }
    }

    /// Stops every import between two chunks, so none is cut between inviting a row and
    /// recording it. Their leases end: each shows as interrupted, to be carried on.
    pub async fn stop(&self) {
        self.stopping.send_replace(true);
        let _all_stopped = self.running.write().await;
    }

    fn lease_until(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now() + chrono::Duration::seconds(LEASE_SECONDS)
    }

    /// `NotFound` unless the batch is the actor's (and they may still invite).
    async fn check_owned(&self, actor: &Actor, batch_id: Uuid) -> Result<(), AppError> {
        actor.require(Permission::InviteMembers)?;
        let owned = imports::owned_by(
            &self.db,
            &actor.member_id.to_string(),
            &batch_id.to_string(),
        )
        .await
        .or_db_error()?;
        if owned {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
}

/// What to tell the importer about `error`: its first field's message, if it has fields.
pub fn reason_of(error: &AppError) -> String {
    match error {
        AppError::Invalid(FieldErrors(errors)) => errors
            .first()
            .map_or_else(|| error.to_string(), |e| e.message.clone()),
        other => other.to_string(),
    }
}

/// A refusal of the uploaded file as a whole.
pub fn file_problem(message: &str) -> AppError {
    AppError::invalid_field("file", message)
}

#[async_trait]
impl Imports for ImportService {
    async fn check(
        &self,
        actor: &Actor,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Result<Uuid, AppError> {
        actor.require(Permission::InviteMembers)?;
        // Reading 10 MB and checking 10,000 addresses and phone numbers takes a while: off the
        // threads that serve requests.
        let parsed = tokio::task::spawn_blocking(move || read::read_rows(&bytes).map(check::parse))
            .await
            .map_err(|_| AppError::Unexpected)?
            .map_err(|problem| file_problem(&problem))?;
        let emails: Vec<&str> = parsed
            .iter()
            .filter_map(|row| row.person.as_ref().ok().map(|p| p.email.as_str()))
            .collect();
        let workspace_id = actor.workspace_id.to_string();
        let standing: HashMap<String, _> = standing(&self.db, &workspace_id, &emails)
            .await
            .or_db_error()?
            .into_iter()
            .collect();
        let groups = self.invitations.groups(actor.workspace_id).await?;
        let workspace = check::Workspace {
            groups: &groups,
            permissions: &actor.permissions,
            standing: &standing,
        };
        let checked = check::judge(&parsed, &workspace);
        let now = self.clock.now();
        retention::delete_older_than(&self.db, now - chrono::Duration::days(KEPT_FOR_DAYS), now)
            .await
            .or_db_error()?;
        let file_name: String = file_name
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        let batch = NewBatch {
            workspace_id: &workspace_id,
            member_id: &actor.member_id.to_string(),
            file_name: &file_name,
            rows: &checked,
        };
        let batch_id = imports::insert_batch(&self.db, &batch, now)
            .await
            .or_db_error()?;
        retention::keep_newest(&self.db, &actor.member_id.to_string(), KEPT_PER_MEMBER, now)
            .await
            .or_db_error()?;
        parse_id(&batch_id).or_db_error()
    }

    async fn view(
        &self,
        actor: &Actor,
        batch_id: Uuid,
        page: u32,
        problems_only: bool,
    ) -> Result<ImportView, AppError> {
        let summary = self.summary(actor, batch_id).await?;
        // Pages count from 1, as the page's links do.
        let page = page.max(1);
        let offset = (page - 1).saturating_mul(PAGE_SIZE);
        let (rows, matching_rows) = imports::rows_page(
            &self.db,
            &batch_id.to_string(),
            problems_only,
            PAGE_SIZE,
            offset,
        )
        .await
        .or_db_error()?;
        Ok(ImportView {
            summary,
            rows,
            page,
            matching_rows,
            problems_only,
        })
    }

    async fn summary(
        &self,
        actor: &Actor,
        batch_id: Uuid,
    ) -> Result<app::import::ImportSummary, AppError> {
        actor.require(Permission::InviteMembers)?;
        imports::summary(
            &self.db,
            &actor.member_id.to_string(),
            &batch_id.to_string(),
            self.clock.now(),
        )
        .await
        .or_db_error()?
        .ok_or(AppError::NotFound)
    }

    async fn start(&self, actor: &Actor, batch_id: Uuid, client: IpAddr) -> Result<(), AppError> {
        self.check_owned(actor, batch_id).await?;
        let claimed = lease::claim(
            &self.db,
            &actor.member_id.to_string(),
            &batch_id.to_string(),
            self.clock.now(),
            self.lease_until(),
        )
        .await
        .or_db_error()?;
        if claimed {
            tokio::spawn(self.clone().run(actor.clone(), batch_id, client));
        }
        Ok(())
    }

    async fn skipped(&self, actor: &Actor, batch_id: Uuid) -> Result<Vec<ImportRow>, AppError> {
        self.check_owned(actor, batch_id).await?;
        imports::skipped_rows(&self.db, &batch_id.to_string())
            .await
            .or_db_error()
    }
}
