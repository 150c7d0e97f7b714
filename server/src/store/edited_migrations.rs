//! Migrations whose text changed after databases had run them, though not what they do.
//! sqlx records each migration's SHA-384 over its whole file and refuses to start when a file no
//! longer matches, so a database migrated before such an edit has its record moved to the new
//! checksum, and only from exactly the old one: any other difference still stops the start.

use super::Db;

/// `20261123000001_core.sql`: its opening comment named a document outside the repository; it
/// now names docs/architecture.md. Only that comment changed.
const CORE: i64 = 20261123000001;
const CORE_BEFORE_THE_COMMENT: [u8; 48] = [
    0x7e, 0xf8, 0x4a, 0xf1, 0xa7, 0xd1, 0xd3, 0x48, 0xa6, 0x99, 0x93, 0x47, 0xd2, 0x4a, 0xeb, 0x17,
    0xbe, 0x3b, 0xd6, 0xd8, 0x36, 0x9c, 0xd2, 0x77, 0xf3, 0xa3, 0x2a, 0x5e, 0x78, 0xa7, 0x26, 0xaf,
    0x00, 0xab, 0x81, 0x7f, 0xa5, 0x42, 0x2b, 0xf2, 0xe0, 0x07, 0xea, 0xcd, 0x39, 0x51, 0xbe, 0x96,
];

impl Db {
    /// Before the migrations run.
    pub(super) async fn carry_forward_edited_migrations(&self, migrator: &sqlx::migrate::Migrator) {
        let Some(core) = migrator.iter().find(|migration| migration.version == CORE) else {
            return;
        };
        let moved = sqlx::query(
            "update _sqlx_migrations set checksum = $1 where version = $2 and checksum = $3",
        )
        .bind(core.checksum.to_vec())
        .bind(CORE)
        .bind(CORE_BEFORE_THE_COMMENT.to_vec())
        .execute(&self.pool)
        .await;
        // A new database has no `_sqlx_migrations` yet, so nothing to move; any other fault
        // meets the migrations right after, which report it.
        if let Ok(done) = moved
            && done.rows_affected() > 0
        {
            tracing::info!("migration {CORE}: record moved to its edited comment's checksum");
        }
    }
}
