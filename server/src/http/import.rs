//! The CSV upload and the report download: plain HTTP, so both work the same with JavaScript
//! off. The upload answers with a redirect either way (post/redirect/get): to the dry run, or
//! back to the form, whose error summary then says what was wrong with the file.

use crate::import::read::too_large;
use crate::import::report::skipped_rows_csv;
use crate::import::{file_problem, reason_of};
use crate::state::AppState;
use app::context::Visitor;
use app::domain::{Actor, Permission};
use app::error::AppError;
use app::import::MAX_FILE_BYTES;
use axum::Extension;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use std::net::IpAddr;
use uuid::Uuid;

/// Bodies up to this size are read (and, past the file limit, drained) so that the browser gets
/// the page saying the file is too large rather than a broken connection.
pub const BODY_LIMIT: usize = 2 * MAX_FILE_BYTES;

/// `POST /settings/users/import/upload`: a file (`file`) or pasted text (`text`).
pub async fn upload(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    client: Option<Extension<app::context::ClientAddr>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let Some(actor) = visitor.actor.clone() else {
        return Redirect::to(app::routes::SIGN_IN).into_response();
    };
    let client = client.map_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED), |c| c.0.0);
    if let Err(refused) = permitted(&state, &actor, client).await {
        return refused;
    }
    let outcome = match read_upload(multipart).await {
        Ok((name, bytes)) => state.ports.imports.check(&actor, &name, bytes).await,
        Err(problem) => Err(problem),
    };
    match outcome {
        Ok(batch_id) => Redirect::to(&app::routes::import(batch_id)).into_response(),
        Err(problem) => {
            let message = reason_of(&problem);
            if visitor
                .session
                .remember_import_problem(&message)
                .await
                .is_err()
            {
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
            Redirect::to(app::routes::IMPORT).into_response()
        }
    }
}

/// Inviting rights, or a 403 (recorded as a denied action, docs/security.md §29).
async fn permitted(state: &AppState, actor: &Actor, client: IpAddr) -> Result<(), Response> {
    if actor.can(Permission::InviteMembers) {
        return Ok(());
    }
    let _ = state.ports.refusals.record_refusal(actor, client).await;
    Err((StatusCode::FORBIDDEN, AppError::Forbidden.to_string()).into_response())
}

/// The uploaded file, or else the pasted text, with a name to show.
async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(String, Vec<u8>), AppError> {
    let mut multipart =
        multipart.map_err(|_| file_problem("Upload the file with the import form"))?;
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut text = Vec::new();
    let mut over_limit = false;
    while let Some(mut field) = multipart.next_field().await.map_err(upload_problem)? {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().unwrap_or("upload.csv").to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(upload_problem)? {
            // Past the limit the rest is read and dropped, so the answer still arrives.
            if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                over_limit = true;
            } else {
                bytes.extend_from_slice(&chunk);
            }
        }
        match name.as_str() {
            "file" if !bytes.is_empty() => file = Some((file_name, bytes)),
            "text" => text = bytes,
            _ => {}
        }
    }
    if over_limit {
        return Err(file_problem(&too_large()));
    }
    match file {
        Some(file) => Ok(file),
        None if text.iter().any(|b| !b.is_ascii_whitespace()) => {
            Ok(("Pasted text".to_owned(), text))
        }
        None => Err(file_problem("Choose a CSV file, or paste its text")),
    }
}

fn upload_problem(error: MultipartError) -> AppError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        file_problem(&too_large())
    } else {
        file_problem("The upload was interrupted. Try again")
    }
}

/// `GET /settings/users/import/{batch_id}/report.csv`: the rows skipped, and why.
pub async fn report(
    State(state): State<AppState>,
    Extension(visitor): Extension<Visitor>,
    Path(batch_id): Path<String>,
) -> Response {
    let actor = match crate::http::guard::actor_with(visitor, Permission::InviteMembers) {
        Ok(actor) => actor,
        Err(refused) => return refused.into_response(),
    };
    let Ok(batch_id) = Uuid::parse_str(&batch_id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let rows = match state.ports.imports.skipped(&actor, batch_id).await {
        Ok(rows) => rows,
        Err(error) => {
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::NOT_FOUND);
            return (status, error.to_string()).into_response();
        }
    };
    let Ok(csv) = skipped_rows_csv(&rows) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"portico-import-skipped-rows.csv\"",
            ),
        ],
        csv,
    )
        .into_response()
}
