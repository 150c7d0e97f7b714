//! Importing people from a CSV file: the dry run's verdict on each row and the import's
//! progress, as the server decides them and the pages show them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The largest file (or pasted text) accepted.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The most rows one import takes.
pub const MAX_ROWS: usize = 10_000;
/// Rows shown per page of the dry run and of the summary.
pub const PAGE_SIZE: u32 = 50;
/// The columns a file may have, as its first line names them (any case, `_` for a space).
pub const COLUMNS: [&str; 6] = [
    "first name",
    "last name",
    "email",
    "country code",
    "phone",
    "groups",
];
/// Columns a file must have; the others may be left out.
pub const REQUIRED_COLUMNS: [&str; 4] = ["first name", "last name", "email", "groups"];
/// Separates the groups of one row.
pub const GROUP_SEPARATOR: char = ';';

/// The dry run's verdict on one row. Only `Ready` rows are imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Ready,
    /// Why, as the wizard would say it ("Enter a last name").
    Invalid(String),
    AlreadyMember,
    AlreadyInvited,
    /// The group name as the row spells it.
    UnknownGroup(String),
    /// A group granting rights the importer does not hold.
    GroupAboveRights(String),
    /// The same address appears on an earlier line.
    Repeated {
        first_line: u32,
    },
}

impl Verdict {
    /// How it is stored: a key and its detail.
    pub fn to_stored(&self) -> (&'static str, String) {
        match self {
            Verdict::Ready => ("ready", String::new()),
            Verdict::Invalid(reason) => ("invalid", reason.clone()),
            Verdict::AlreadyMember => ("member", String::new()),
            Verdict::AlreadyInvited => ("invited", String::new()),
            Verdict::UnknownGroup(group) => ("unknown_group", group.clone()),
            Verdict::GroupAboveRights(group) => ("above_rights", group.clone()),
            Verdict::Repeated { first_line } => ("repeated", first_line.to_string()),
        }
    }

    pub fn from_stored(key: &str, detail: &str) -> Option<Self> {
        Some(match key {
            "ready" => Verdict::Ready,
            "invalid" => Verdict::Invalid(detail.to_owned()),
            "member" => Verdict::AlreadyMember,
            "invited" => Verdict::AlreadyInvited,
            "unknown_group" => Verdict::UnknownGroup(detail.to_owned()),
            "above_rights" => Verdict::GroupAboveRights(detail.to_owned()),
            "repeated" => Verdict::Repeated {
                first_line: detail.parse().ok()?,
            },
            _ => return None,
        })
    }

    /// What the dry run says of the row.
    pub fn label(&self) -> String {
        match self {
            Verdict::Ready => "Ready to import".into(),
            Verdict::Invalid(reason) => format!("Invalid: {reason}"),
            Verdict::AlreadyMember => "Already a member".into(),
            Verdict::AlreadyInvited => "Already invited".into(),
            Verdict::UnknownGroup(group) => format!("Unknown group: {group}"),
            Verdict::GroupAboveRights(group) => format!("Group above your rights: {group}"),
            Verdict::Repeated { first_line } => {
                format!("Repeats the email address of line {first_line}")
            }
        }
    }

    /// What the dry run's overview counts the row under. Reasons differ per row for invalid
    /// and repeated ones: each kind is counted under one heading.
    pub fn heading(&self) -> String {
        match self {
            Verdict::Invalid(_) => "Invalid".to_owned(),
            Verdict::Repeated { .. } => "Repeated email address".to_owned(),
            other => other.label(),
        }
    }

    pub fn is_ready(&self) -> bool {
        *self == Verdict::Ready
    }
}

/// What the import did with a ready row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Imported,
    /// Found unfit when its turn came (someone invited the address meanwhile, say).
    Skipped(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportState {
    /// Dry run done; nothing written to the workspace yet.
    Checked,
    Running,
    /// Was running when its server stopped; carrying on imports the rows not yet reached.
    /// (Stored as running: a lapsed lease tells it apart.)
    Interrupted,
    Done,
}

impl ImportState {
    pub fn key(self) -> &'static str {
        match self {
            ImportState::Checked => "checked",
            ImportState::Running | ImportState::Interrupted => "running",
            ImportState::Done => "done",
        }
    }

    /// The stored state (never `Interrupted`, which the lease decides).
    pub fn from_key(key: &str) -> Option<Self> {
        [Self::Checked, Self::Running, Self::Done]
            .into_iter()
            .find(|state| state.key() == key)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub batch_id: Uuid,
    pub file_name: String,
    pub state: ImportState,
    pub total_rows: u32,
    /// Rows the dry run found ready.
    pub ready_rows: u32,
    /// Ready rows the import has reached so far.
    pub processed_rows: u32,
    pub imported_rows: u32,
    /// How many rows got each verdict label kind, for the dry run's overview.
    pub verdict_counts: Vec<(String, u32)>,
}

impl ImportSummary {
    /// Rows not imported: those not ready, and ready ones skipped when their turn came.
    pub fn skipped_rows(&self) -> u32 {
        self.total_rows - self.ready_rows + (self.processed_rows - self.imported_rows)
    }

    /// Whole percent of the ready rows processed.
    pub fn percent_done(&self) -> u32 {
        (self.processed_rows * 100)
            .checked_div(self.ready_rows)
            .unwrap_or(100)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    pub line: u32,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub country_code: String,
    pub phone: String,
    pub groups: String,
    pub verdict: Verdict,
    pub outcome: Option<Outcome>,
}

impl ImportRow {
    /// Why the row was not (or will not be) imported; `None` for rows imported or ready.
    pub fn skip_reason(&self) -> Option<String> {
        match (&self.verdict, &self.outcome) {
            (_, Some(Outcome::Skipped(reason))) => Some(reason.clone()),
            (Verdict::Ready, _) => None,
            (verdict, _) => Some(verdict.label()),
        }
    }

    /// The row's state as the tables show it.
    pub fn status(&self) -> String {
        match &self.outcome {
            Some(Outcome::Imported) => "Imported".into(),
            Some(Outcome::Skipped(reason)) => format!("Skipped: {reason}"),
            None => self.verdict.label(),
        }
    }
}

/// One page of an import's rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportView {
    pub summary: ImportSummary,
    pub rows: Vec<ImportRow>,
    pub page: u32,
    /// Rows matching the filter, over all pages.
    pub matching_rows: u32,
    /// Only rows that are (or will be) skipped.
    pub problems_only: bool,
}

impl ImportView {
    /// How many pages the matching rows fill; at least one, so an empty filter still has a page.
    pub fn pages(&self) -> u32 {
        self.matching_rows.div_ceil(PAGE_SIZE).max(1)
    }
}

/// A CSV cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return
/// first) is written with a leading apostrophe, so it is shown as text (OWASP "CSV injection").
pub fn defuse_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_survives_storage() {
        for verdict in [
            Verdict::Ready,
            Verdict::Invalid("Enter a last name".into()),
            Verdict::AlreadyMember,
            Verdict::AlreadyInvited,
            Verdict::UnknownGroup("Pilots".into()),
            Verdict::GroupAboveRights("Owners".into()),
            Verdict::Repeated { first_line: 7 },
        ] {
            let (key, detail) = verdict.to_stored();
            assert_eq!(Verdict::from_stored(key, &detail), Some(verdict));
        }
        assert_eq!(Verdict::from_stored("bogus", ""), None);
    }

    #[test]
    fn formula_cells_are_defused_and_others_kept() {
        assert_eq!(defuse_formula("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(defuse_formula("+1 202"), "'+1 202");
        assert_eq!(defuse_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse_formula("-2"), "'-2");
        assert_eq!(defuse_formula("Grace"), "Grace");
        assert_eq!(defuse_formula(""), "");
    }

    #[test]
    fn skipped_rows_count_both_verdicts_and_outcomes() {
        let summary = ImportSummary {
            batch_id: Uuid::nil(),
            file_name: "people.csv".into(),
            state: ImportState::Done,
            total_rows: 10,
            ready_rows: 7,
            processed_rows: 7,
            imported_rows: 6,
            verdict_counts: vec![],
        };
        assert_eq!(summary.skipped_rows(), 4);
        assert_eq!(summary.percent_done(), 100);
    }
}
