//! Black-box tests against a real server on port 0, each with a fresh database, run once on
//! SQLite and once on PostgreSQL.

/// Declares each listed `async fn name(backend: Backend)` as two tests: `sqlite::name` and
/// `postgres::name`.
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(crate::helpers::Backend::Sqlite).await })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(crate::helpers::Backend::Postgres).await })*
        }
    };
}

mod helpers;
mod invitee;
mod mailbox;
mod members;
mod smtp;

mod account;
mod audit_log;
mod email_change;
mod fuzz;
mod groups;
mod health;
mod hostile_input;
mod house_rules;
mod import;
mod invitations;
mod joining;
mod joining_security;
mod live;
mod page_head;
mod password_reset;
mod people;
mod security;
mod sessions;
mod setup;
mod sign_in;
mod state_index;
mod storage_faults;
mod token_leaks;
mod two_factor;
mod user_search;
mod users;
mod wizard;
mod workers;
