//! The index behind the Users page's substring search, built with what each database offers
//! (docs/architecture.md, Performance): PostgreSQL's `pg_trgm` GIN indexes, which its planner
//! uses for the `like '%…%'` the query already asks; SQLite's FTS5 table with the trigram
//! tokenizer, kept in step with `member` by triggers. Both answer a substring of three or more
//! characters without reading every member; shorter ones (which match most people anyway)
//! fall back to the scan.
//!
//! Not a migration: the statements differ per database and the migrations are shared. They
//! run at every start and may run again.

use crate::store::{Backend, Db};

/// Substrings shorter than this are not in a trigram index.
pub const INDEXED_LENGTH: usize = 3;

pub async fn ensure(db: &Db) -> Result<(), sqlx::Error> {
    match db.backend() {
        Backend::Postgres => ensure_trigram_indexes(db).await,
        Backend::Sqlite => ensure_fts_table(db).await,
    }
}

/// `pg_trgm` is a trusted extension: the database's owner may create it. Where it cannot be
/// (a managed server without it), or an index cannot be built (another instance building the
/// same one at the same moment), search still works, by scanning.
async fn ensure_trigram_indexes(db: &Db) -> Result<(), sqlx::Error> {
    for statement in [
        "create extension if not exists pg_trgm",
        "create index if not exists member_name_trigrams on member
           using gin ((lower(first_name || ' ' || last_name)) gin_trgm_ops)",
        "create index if not exists member_email_trigrams on member using gin (email gin_trgm_ops)",
    ] {
        if let Err(error) = sqlx::query(statement).execute(db.pool()).await {
            tracing::warn!(%error, "the Users page's search index is incomplete: search scans");
            return Ok(());
        }
    }
    Ok(())
}

/// The FTS table holds each member's name and email under the member's rowid. It is built
/// afresh at every start, in one transaction with its triggers, so nothing that renumbers
/// `member`'s rowids while Portico is stopped (`VACUUM`, a migration that rebuilds the table)
/// can leave it pointing at the wrong people.
async fn ensure_fts_table(db: &Db) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    for statement in [
        "drop trigger if exists member_search_insert",
        "drop trigger if exists member_search_update",
        "drop trigger if exists member_search_delete",
        "drop table if exists member_search",
        "create virtual table member_search using fts5(name, email, tokenize = 'trigram')",
        "insert into member_search (rowid, name, email)
           select rowid, first_name || ' ' || last_name, email from member",
        "create trigger member_search_insert after insert on member begin
           insert into member_search (rowid, name, email)
           values (new.rowid, new.first_name || ' ' || new.last_name, new.email);
         end",
        "create trigger member_search_update after update of first_name, last_name, email on member
         begin
           update member_search set name = new.first_name || ' ' || new.last_name, email = new.email
            where rowid = old.rowid;
         end",
        "create trigger member_search_delete after delete on member begin
           delete from member_search where rowid = old.rowid;
         end",
    ] {
        sqlx::query(statement).execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// The condition that `m` (a member) has `term` in its name or email, with `term` bound as
/// parameter `n`, and the value to bind; `None` when there is nothing to search for. The same
/// people match on both databases: a case-insensitive substring of the name or of the email.
pub fn condition(backend: Backend, term: &str, n: usize) -> Option<(String, String)> {
    let term = term.trim().to_lowercase();
    if term.is_empty() {
        return None;
    }
    if backend == Backend::Sqlite && term.chars().count() >= INDEXED_LENGTH {
        // One FTS5 phrase: the term's trigrams, consecutive, within one column.
        let phrase = format!("\"{}\"", term.replace('"', "\"\""));
        return Some((
            format!("m.rowid in (select rowid from member_search where member_search match ${n})"),
            phrase,
        ));
    }
    Some((
        format!(
            "(lower(m.first_name || ' ' || m.last_name) like ${n} escape '\\' \
              or m.email like ${n} escape '\\')"
        ),
        like_pattern(&term),
    ))
}

/// `%term%`, with the pattern characters of `term` taken literally.
fn like_pattern(term: &str) -> String {
    let escaped: String = term
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_terms_and_postgresql_use_an_escaped_like_pattern() {
        let (sql, value) = condition(Backend::Postgres, " 50%_Off\\ ", 2).unwrap();
        assert!(sql.contains("like $2 escape"), "{sql}");
        assert_eq!(value, "%50\\%\\_off\\\\%");
        let (sql, value) = condition(Backend::Sqlite, "Ab", 3).unwrap();
        assert!(sql.contains("like $3"), "{sql}");
        assert_eq!(value, "%ab%");
    }

    #[test]
    fn sqlite_searches_longer_terms_as_one_quoted_phrase() {
        let (sql, value) = condition(Backend::Sqlite, "Say \"hi\" OR x", 2).unwrap();
        assert!(sql.contains("member_search match $2"), "{sql}");
        assert_eq!(value, "\"say \"\"hi\"\" or x\"");
    }

    #[test]
    fn blank_terms_search_nothing() {
        assert!(condition(Backend::Sqlite, "   ", 2).is_none());
    }
}
