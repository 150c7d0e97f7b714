//! Importing people from a CSV file. The upload itself is a plain multipart form the server
//! handles (`routes::IMPORT_UPLOAD`); these functions show what it found and run the import.

#[cfg(feature = "ssr")]
use crate::context::port;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::import::port::Imports;
use crate::import::{ImportSummary, ImportView};
use leptos::prelude::*;

/// One page of an import's rows, with its summary and progress.
#[server(prefix = "/api", endpoint = "load_import")]
pub async fn load_import(
    batch_id: String,
    #[server(default)] page: u32,
    #[server(default)] problems_only: bool,
) -> Result<ImportView, AppError> {
    let actor = crate::context::actor_with(crate::domain::Permission::InviteMembers)?;
    let batch_id = crate::context::parse_id(&batch_id)?;
    port::<dyn Imports>()?
        .view(&actor, batch_id, page, problems_only)
        .await
}

/// An import's progress: its summary without rows, for the page to follow a running import.
#[server(prefix = "/api", endpoint = "import_progress")]
pub async fn import_progress(batch_id: String) -> Result<ImportSummary, AppError> {
    let actor = crate::context::actor_with(crate::domain::Permission::InviteMembers)?;
    let batch_id = crate::context::parse_id(&batch_id)?;
    port::<dyn Imports>()?.summary(&actor, batch_id).await
}

/// Invites the rows the dry run found ready, in the background; the page shows progress.
#[server(prefix = "/api", endpoint = "start_import")]
pub async fn start_import(batch_id: String) -> Result<(), AppError> {
    let actor = crate::context::actor_to_change(crate::domain::Permission::InviteMembers).await?;
    let batch_id = crate::context::parse_id(&batch_id)?;
    port::<dyn Imports>()?
        .start(&actor, batch_id, crate::context::client_addr())
        .await?;
    leptos_axum::redirect(&crate::routes::import(batch_id));
    Ok(())
}

/// Why the last upload was refused, once (the upload page shows it in its error summary).
#[server(prefix = "/api", endpoint = "take_import_problem")]
pub async fn take_import_problem() -> Result<Option<String>, AppError> {
    crate::context::actor_with(crate::domain::Permission::InviteMembers)?;
    crate::context::session()?.take_import_problem().await
}
