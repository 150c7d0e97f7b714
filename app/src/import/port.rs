//! Importing people from a CSV file.

use crate::domain::Actor;
use crate::error::AppError;
use crate::import::{ImportRow, ImportSummary, ImportView};
use async_trait::async_trait;
use std::net::IpAddr;
use uuid::Uuid;

/// Importing people from a CSV file. An import belongs to the member who uploaded it: anyone
/// else gets `NotFound`.
#[async_trait]
pub trait Imports: Send + Sync {
    /// The dry run: parses and checks the file, stores each row's verdict, and writes nothing
    /// to the workspace. A file that cannot be read at all is `Invalid` on the field `file`.
    async fn check(&self, actor: &Actor, file_name: &str, bytes: Vec<u8>)
    -> Result<Uuid, AppError>;
    async fn view(
        &self,
        actor: &Actor,
        batch_id: Uuid,
        page: u32,
        problems_only: bool,
    ) -> Result<ImportView, AppError>;
    /// The import's summary and progress, without its rows.
    async fn summary(&self, actor: &Actor, batch_id: Uuid) -> Result<ImportSummary, AppError>;
    /// Starts inviting the ready rows in the background. Once only: starting a running or
    /// finished import changes nothing.
    async fn start(&self, actor: &Actor, batch_id: Uuid, client: IpAddr) -> Result<(), AppError>;
    /// Every row not imported (or not to be), with why, in line order.
    async fn skipped(&self, actor: &Actor, batch_id: Uuid) -> Result<Vec<ImportRow>, AppError>;
}
