//! What lets the Users page filter and count people by state without looking up every
//! invitation (docs/architecture.md, Performance): each member row carries the expiry of its
//! open invitation (`member.open_invitation_expires_at`; none once the invitation is accepted,
//! declined or revoked), indexed with the workspace and the stored state.
//!
//! Triggers on `invitation` keep the copy in step, so every way an invitation is written (the
//! wizard, the import, accepting, declining, revoking, a new link, removal, and whatever comes
//! later) keeps it right without remembering to. The lock orders this adds are in
//! docs/security.md §28.
//!
//! Not a migration: trigger syntax differs per database and the migrations are shared. At every
//! start the triggers are put in place if they are missing or differ from these, and then
//! every copy that differs from its invitation is put right, so a database written while they
//! were missing (the first start after the upgrade) is right too.

use crate::store::{Backend, Db};

pub async fn ensure(db: &Db) -> Result<(), sqlx::Error> {
    match db.backend() {
        Backend::Postgres => ensure_postgres(db).await,
        Backend::Sqlite => ensure_sqlite(db).await,
    }
}

/// The expiry of `invitation` `row` if it is open: how every statement below says it.
macro_rules! open_expiry {
    ($row:literal) => {
        concat!(
            "case when ",
            $row,
            ".accepted_at is null and ",
            $row,
            ".declined_at is null and ",
            $row,
            ".revoked_at is null then ",
            $row,
            ".expires_at end"
        )
    };
}

/// Writes only the copies that differ, so a start with everything in step writes nothing.
const PUT_RIGHT: &str = concat!(
    "update member set open_invitation_expires_at = (select ",
    open_expiry!("i"),
    " from invitation i where i.member_id = member.member_id)
      where open_invitation_expires_at is distinct from (select ",
    open_expiry!("i"),
    " from invitation i where i.member_id = member.member_id)"
);

/// SQLite: the write transaction (`BEGIN IMMEDIATE`) holds the whole database, so the
/// triggers are simply made afresh, which costs nothing.
async fn ensure_sqlite(db: &Db) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    for statement in SQLITE.iter().chain([&PUT_RIGHT]) {
        sqlx::query(statement).execute(&mut *tx).await?;
    }
    tx.commit().await
}

const SQLITE: [&str; 6] = [
    "drop trigger if exists member_open_invitation_insert",
    "drop trigger if exists member_open_invitation_update",
    "drop trigger if exists member_open_invitation_delete",
    concat!(
        "create trigger member_open_invitation_insert after insert on invitation begin
           update member set open_invitation_expires_at = ",
        open_expiry!("new"),
        " where member_id = new.member_id;
         end"
    ),
    concat!(
        "create trigger member_open_invitation_update
           after update of expires_at, accepted_at, declined_at, revoked_at on invitation begin
           update member set open_invitation_expires_at = ",
        open_expiry!("new"),
        " where member_id = new.member_id;
         end"
    ),
    "create trigger member_open_invitation_delete after delete on invitation begin
       update member set open_invitation_expires_at = null where member_id = old.member_id;
     end",
];

/// PostgreSQL: when the trigger and its function are already these, nothing is locked or
/// written, so starting an instance never holds up the running ones. Otherwise both tables
/// are locked against writes while the trigger is replaced and the copies put right: without
/// the lock a copy put right from a snapshot could overwrite what the trigger of a concurrent
/// revoke wrote. The advisory lock keeps two instances starting at once from replacing the
/// function under each other. When the trigger's columns change, its name changes too, so
/// the check below sees it.
async fn ensure_postgres(db: &Db) -> Result<(), sqlx::Error> {
    let installed: i64 = sqlx::query_scalar(
        "select count(*) from pg_trigger t join pg_proc p on p.oid = t.tgfoid
          where t.tgname = 'member_open_invitation' and t.tgrelid = 'invitation'::regclass
            and p.proname = 'member_follows_open_invitation' and p.prosrc = $1",
    )
    .bind(POSTGRES_FUNCTION_BODY)
    .fetch_one(db.pool())
    .await?;
    if installed == 1 {
        return Ok(());
    }
    let mut attempts = 0;
    loop {
        match install_postgres(db).await {
            Err(error) if gave_way(&error) && attempts < 120 => {
                attempts += 1;
                tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            }
            done => return done,
        }
    }
}

/// The locks are waited for at most half a second, less than PostgreSQL takes to look for a
/// deadlock: a start-up queued behind running transactions gives way to them (and tries
/// again) rather than deadlock one of them (docs/security.md §28).
async fn install_postgres(db: &Db) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let function = format!(
        "create or replace function member_follows_open_invitation() returns trigger
           language plpgsql as $${POSTGRES_FUNCTION_BODY}$$"
    );
    for statement in [
        "set local lock_timeout = '500ms'",
        "select pg_advisory_xact_lock(7265021)",
        "lock table member, invitation in share row exclusive mode",
        function.as_str(),
        "create or replace trigger member_open_invitation
           after insert or delete or update of expires_at, accepted_at, declined_at, revoked_at
           on invitation for each row execute function member_follows_open_invitation()",
        PUT_RIGHT,
    ] {
        sqlx::query(statement).execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// A lock not granted in time (55P03), or a deadlock PostgreSQL ended (40P01).
fn gave_way(error: &sqlx::Error) -> bool {
    let code = error.as_database_error().and_then(|error| error.code());
    matches!(code.as_deref(), Some("55P03" | "40P01"))
}

/// An invitation never moves to another member, so the new row's member is the one to update.
const POSTGRES_FUNCTION_BODY: &str = concat!(
    "
begin
  if tg_op = 'DELETE' then
    update member set open_invitation_expires_at = null where member_id = old.member_id;
  else
    update member set open_invitation_expires_at = ",
    open_expiry!("new"),
    " where member_id = new.member_id;
  end if;
  return null;
end
"
);
