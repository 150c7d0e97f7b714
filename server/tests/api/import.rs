//! Importing people from a CSV file: the dry run writes nothing to the workspace, the import
//! invites the ready rows once, the report escapes formulas, and files that cannot be read say
//! why. On both databases.

mod dry_run;
mod running;
mod support;
