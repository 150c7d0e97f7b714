//! The first workspace and its Owner: through the one-time link printed on an empty database,
//! or from `PORTICO_BOOTSTRAP_*` for automation. Both end in `create_owner`.

use crate::auth::passwords;
use crate::clock::Clock;
use crate::config::Bootstrap;
use crate::store::{Db, OrDbError, db_error, parse_id};
use crate::tokens;
use crate::workspaces::queries as workspaces;
use crate::workspaces::queries::{NewOwner, SetupError};
use app::domain::{EmailAddress, Password, PersonName, SignedIn, WorkspaceName};
use app::error::AppError;
use app::setup::port::{FirstWorkspace, Setup};
use async_trait::async_trait;
use std::sync::Arc;

pub struct SetupService {
    db: Db,
    clock: Arc<dyn Clock>,
    /// SHA-256 of the printed link's token; it lives only in this process.
    token_hash: String,
}

impl SetupService {
    /// Returns the service and the token to print.
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> (Self, String) {
        let (token, token_hash) = tokens::generate();
        (
            Self {
                db,
                clock,
                token_hash,
            },
            token,
        )
    }
}

#[async_trait]
impl Setup for SetupService {
    async fn is_open(&self) -> Result<bool, AppError> {
        workspaces::is_set_up(&self.db)
            .await
            .map(|done| !done)
            .or_db_error()
    }

    async fn create_first_workspace(
        &self,
        token: &str,
        input: FirstWorkspace,
    ) -> Result<SignedIn, AppError> {
        if tokens::hash(token) != self.token_hash {
            return Err(AppError::Forbidden);
        }
        create_owner(&self.db, input, self.clock.as_ref()).await
    }
}

pub async fn create_owner(
    db: &Db,
    input: FirstWorkspace,
    clock: &dyn Clock,
) -> Result<SignedIn, AppError> {
    let password_hash = passwords::hash_checked(&input.password).await?;
    let owner = NewOwner {
        workspace_name: input.workspace_name.as_str(),
        email: input.email.as_str(),
        first_name: input.first_name.as_str(),
        last_name: input.last_name.as_str(),
        password_hash: &password_hash,
    };
    match workspaces::create_first(db, owner, clock.now()).await {
        Ok(created) => Ok(SignedIn {
            account_id: parse_id(&created.account_id).or_db_error()?,
            workspace_id: parse_id(&created.workspace_id).or_db_error()?,
        }),
        Err(SetupError::AlreadySetUp) => {
            Err(AppError::Conflict("Portico is already set up".into()))
        }
        Err(SetupError::Database(error)) => Err(db_error(error)),
    }
}

fn named(variable: &'static str) -> impl Fn(String) -> anyhow::Error {
    move |problem| anyhow::anyhow!("configuration: {variable}: {problem}")
}

/// Creates the first workspace from configuration when the database is empty. Returns whether
/// it did; a value the domain refuses stops start-up with the variable's name.
pub async fn bootstrap(db: &Db, bootstrap: &Bootstrap, clock: &dyn Clock) -> anyhow::Result<bool> {
    if workspaces::is_set_up(db).await? {
        return Ok(false);
    }
    let email = EmailAddress::parse(&bootstrap.email)
        .map_err(|p| named("PORTICO_BOOTSTRAP_EMAIL")(p.into()))?;
    let input = FirstWorkspace {
        workspace_name: WorkspaceName::parse(&bootstrap.workspace_name)
            .map_err(named("PORTICO_BOOTSTRAP_WORKSPACE"))?,
        first_name: PersonName::parse(&bootstrap.first_name, "a first name")
            .map_err(named("PORTICO_BOOTSTRAP_FIRST_NAME"))?,
        last_name: PersonName::parse(&bootstrap.last_name, "a last name")
            .map_err(named("PORTICO_BOOTSTRAP_LAST_NAME"))?,
        password: Password::parse(&bootstrap.password, &[email.as_str()])
            .map_err(named("PORTICO_BOOTSTRAP_PASSWORD"))?,
        email,
    };
    match create_owner(db, input, clock).await {
        Ok(_) => Ok(true),
        // Another instance bootstrapped first.
        Err(AppError::Conflict(_)) => Ok(false),
        Err(error) => Err(anyhow::anyhow!("bootstrap failed: {error}")),
    }
}
