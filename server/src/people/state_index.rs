//! What lets the Users page filter and count people by state without looking up every
//! invitation (docs/architecture.md, Performance): each member row carries the expiry of its
//! open invitation (`member.open_invitation_expires_at`; none once the invitation is accepted,
//! declined or revoked, or when there is none), indexed with the workspace and the stored state.
//!
//! Triggers on `invitation` keep the copy in step, so every way an invitation is written (the
//! wizard, the import, accepting, declining, revoking, a new link, removal, and whatever comes
//! later) keeps it right without remembering to. A trigger updates the member after the
//! invitation, the order every transaction already locks them in (docs/security.md §28).
//!
//! Not a migration: trigger syntax differs per database and the migrations are shared. The
//! statements run at every start, in one transaction with a fresh copy of every expiry, so
//! a database written while the triggers were missing is put right too.

use crate::store::{Backend, Db};

pub async fn ensure(db: &Db) -> Result<(), sqlx::Error> {
    let statements: &[&str] = match db.backend() {
        Backend::Postgres => &POSTGRES,
        Backend::Sqlite => &SQLITE,
    };
    let mut tx = db.begin_write().await?;
    for statement in statements.iter().chain([&BACKFILL]) {
        sqlx::query(statement).execute(&mut *tx).await?;
    }
    tx.commit().await
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

const BACKFILL: &str = concat!(
    "update member set open_invitation_expires_at = (select ",
    open_expiry!("i"),
    " from invitation i where i.member_id = member.member_id)"
);

const SQLITE: [&str; 6] = [
    "drop trigger if exists member_open_invitation_insert",
    "drop trigger if exists member_open_invitation_update",
    "drop trigger if exists member_open_invitation_delete",
    concat!(
        "create trigger member_open_invitation_insert
           after insert on invitation begin
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

/// The advisory lock keeps two instances starting at once from replacing the function under
/// each other ("tuple concurrently updated"); it ends with the transaction. An invitation
/// never moves to another member, so the new row's member is the one to update.
const POSTGRES: [&str; 3] = [
    "select pg_advisory_xact_lock(7265021)",
    concat!(
        "create or replace function member_follows_open_invitation() returns trigger
           language plpgsql as $$
         begin
           if tg_op = 'DELETE' then
             update member set open_invitation_expires_at = null where member_id = old.member_id;
           else
             update member set open_invitation_expires_at = ",
        open_expiry!("new"),
        " where member_id = new.member_id;
           end if;
           return null;
         end $$"
    ),
    "create or replace trigger member_open_invitation
       after insert or delete or update of expires_at, accepted_at, declined_at, revoked_at
       on invitation for each row execute function member_follows_open_invitation()",
];
