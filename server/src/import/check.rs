//! The dry run: each row of a file read by `read` is parsed with the wizard's rules and judged
//! the way inviting it would be. Nothing here touches the database; the caller looks up who is
//! already in the workspace.

use crate::import::queries::CheckedRow;
use crate::import::read::RawRow;
use crate::invitations::queries::Standing;
use app::domain::role::may_grant;
use app::domain::{NewPerson, Permission};
use app::error::{AppError, FormCheck};
use app::groups::GroupSummary;
use app::import::{GROUP_SEPARATOR, ImportRow, Verdict};
use std::collections::{BTreeSet, HashMap};

/// A row with its person parsed, or why it did not parse.
pub struct Parsed {
    pub raw: RawRow,
    pub person: Result<NewPerson, String>,
}

/// Parses each row's person with the wizard's rules.
pub fn parse(rows: Vec<RawRow>) -> Vec<Parsed> {
    rows.into_iter()
        .map(|raw| {
            let mut form = FormCheck::default();
            let person =
                NewPerson::parse(&raw.cells, 0, &mut form).ok_or_else(|| match form.into_error() {
                    AppError::Invalid(errors) => errors
                        .0
                        .iter()
                        .map(|e| e.message.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    other => other.to_string(),
                });
            Parsed { raw, person }
        })
        .collect()
}

/// What the judge needs to know of the workspace and the importer.
pub struct Workspace<'a> {
    pub groups: &'a [GroupSummary],
    pub permissions: &'a BTreeSet<Permission>,
    /// Addresses already in the workspace.
    pub standing: &'a HashMap<String, Standing>,
}

/// Each row's verdict, in file order.
pub fn judge(parsed: &[Parsed], workspace: &Workspace<'_>) -> Vec<CheckedRow> {
    let mut first_line_of: HashMap<&str, u32> = HashMap::new();
    parsed
        .iter()
        .map(|row| {
            let (verdict, group_ids) =
                match (person_of(row), judge_groups(&row.raw.groups, workspace)) {
                    (Err(problem), _) | (Ok(_), Err(problem)) => (problem, Vec::new()),
                    (Ok(person), Ok(group_ids)) => {
                        let email = person.email.as_str();
                        let verdict = match first_line_of.get(email) {
                            Some(first_line) => Verdict::Repeated {
                                first_line: *first_line,
                            },
                            None => {
                                first_line_of.insert(email, row.raw.line);
                                standing_verdict(workspace.standing.get(email))
                            }
                        };
                        (verdict, group_ids)
                    }
                };
            CheckedRow {
                row: ImportRow {
                    line: row.raw.line,
                    first_name: row.raw.cells.first_name.clone(),
                    last_name: row.raw.cells.last_name.clone(),
                    email: row.raw.cells.email.clone(),
                    country_code: row.raw.cells.country.clone(),
                    phone: row.raw.cells.phone.clone(),
                    groups: row.raw.groups.clone(),
                    verdict,
                    outcome: None,
                },
                group_ids,
            }
        })
        .collect()
}

/// The row's person, unless the row itself is malformed (its shape, then its cells).
fn person_of(row: &Parsed) -> Result<&NewPerson, Verdict> {
    if let Some(problem) = &row.raw.shape_problem {
        return Err(Verdict::Invalid(problem.clone()));
    }
    row.person
        .as_ref()
        .map_err(|reason| Verdict::Invalid(reason.clone()))
}

fn standing_verdict(standing: Option<&Standing>) -> Verdict {
    match standing {
        Some(Standing::Member) => Verdict::AlreadyMember,
        Some(Standing::PendingInvitation) => Verdict::AlreadyInvited,
        None => Verdict::Ready,
    }
}

/// The ids of the groups a row names (separated by `;`, any case), or why they cannot be
/// granted.
fn judge_groups(cell: &str, workspace: &Workspace<'_>) -> Result<Vec<String>, Verdict> {
    let names: Vec<&str> = cell
        .split(GROUP_SEPARATOR)
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect();
    if names.is_empty() {
        return Err(Verdict::Invalid("Name at least one group".into()));
    }
    let mut ids = Vec::new();
    for name in names {
        let Some(group) = workspace
            .groups
            .iter()
            .find(|group| group.name.to_lowercase() == name.to_lowercase())
        else {
            return Err(Verdict::UnknownGroup(name.to_owned()));
        };
        if !may_grant(workspace.permissions, group.roles.iter().copied()) {
            return Err(Verdict::GroupAboveRights(group.name.clone()));
        }
        let id = group.group_id.to_string();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::read_rows;
    use app::domain::Role;
    use uuid::Uuid;

    fn groups() -> Vec<GroupSummary> {
        [("Developers", Role::Developer), ("Owners", Role::Owner)]
            .into_iter()
            .map(|(name, role)| GroupSummary {
                group_id: Uuid::new_v4(),
                name: name.into(),
                roles: vec![role],
            })
            .collect()
    }

    fn verdicts(csv: &str, standing: &HashMap<String, Standing>) -> Vec<Verdict> {
        let groups = groups();
        let permissions = Role::Admin.permissions().iter().copied().collect();
        let rows = read_rows(csv.as_bytes()).unwrap();
        let workspace = Workspace {
            groups: &groups,
            permissions: &permissions,
            standing,
        };
        judge(&parse(rows), &workspace)
            .into_iter()
            .map(|checked| checked.row.verdict)
            .collect()
    }

    #[test]
    fn each_row_gets_the_verdict_inviting_it_would() {
        let standing = HashMap::from([
            ("ada@example.com".to_owned(), Standing::Member),
            ("alan@example.com".to_owned(), Standing::PendingInvitation),
        ]);
        let csv = "First Name,last_name,EMAIL,country code,phone,groups\n\
                   Grace,Hopper,grace@example.com,US,+1 202 555 0143,developers\n\
                   Ada,Lovelace,ada@example.com,,,Developers\n\
                   Alan,Turing,alan@example.com,,,Developers\n\
                   Edsger,Dijkstra,edsger@example.com,,,Pilots\n\
                   Barbara,Liskov,barbara@example.com,,,Owners\n\
                   ,Nobody,not-an-email,,,Developers\n\
                   Grace,Again,GRACE@example.com,,,Developers\n\
                   Short,Row,short@example.com\n";
        assert_eq!(
            verdicts(csv, &standing),
            vec![
                Verdict::Ready,
                Verdict::AlreadyMember,
                Verdict::AlreadyInvited,
                Verdict::UnknownGroup("Pilots".into()),
                Verdict::GroupAboveRights("Owners".into()),
                Verdict::Invalid(
                    "Enter a first name; Enter an email address in the format name@example.com"
                        .into()
                ),
                Verdict::Repeated { first_line: 2 },
                Verdict::Invalid("This row has 3 cells, but the first line names 6 columns".into()),
            ]
        );
    }

    #[test]
    fn files_that_cannot_be_read_say_why() {
        let problem = |bytes: &[u8]| read_rows(bytes).unwrap_err();
        assert!(problem(b"").starts_with("The file is empty"));
        assert!(
            problem(b"name,email\nGrace,g@example.com\n").starts_with("Unknown column \"name\"")
        );
        assert!(
            problem(b"first name,last name,email\nGrace,Hopper,g@example.com\n")
                .starts_with("The first line does not name the column groups.")
        );
        assert!(
            problem(b"first name,last name,email,groups\n").starts_with("The file has no people")
        );
        assert!(
            problem(b"first name,last name,email,groups\nJos\xe9,X,j@example.com,Developers\n")
                .starts_with("The file is not UTF-8 text (line 2 cannot be read)")
        );
        assert!(problem(b"email,email,first name,last name,groups\n").contains("named twice"));
    }

    #[test]
    fn control_characters_are_refused_with_their_line() {
        let problem =
            read_rows(b"first name,last name,email,groups\nGr\0ace,H,g@example.com,Developers\n")
                .unwrap_err();
        assert!(
            problem.starts_with("Line 2 holds a control character"),
            "{problem}"
        );
    }

    #[test]
    fn a_blank_column_is_ignored_and_long_names_are_cut() {
        let rows = read_rows(
            b"first name,last name,email,groups,\nGrace,Hopper,g@example.com,Developers,\n",
        )
        .unwrap();
        assert_eq!(rows[0].shape_problem, None);
        assert_eq!(rows[0].groups, "Developers");
        let long = format!("{},email\n", "x".repeat(5000));
        let problem = read_rows(long.as_bytes()).unwrap_err();
        assert!(problem.len() < 200 && problem.contains("xxx…"), "{problem}");
    }

    #[test]
    fn lines_end_with_a_carriage_return_too() {
        let csv = "first name,last name,email,groups\rA,B,a@example.com,Developers\r\rC,D,c@example.com,Developers\r\n";
        let lines: Vec<u32> = read_rows(csv.as_bytes())
            .unwrap()
            .iter()
            .map(|r| r.line)
            .collect();
        assert_eq!(lines, vec![2, 4]);
    }

    #[test]
    fn a_byte_order_mark_and_blank_lines_are_ignored() {
        let csv = "\u{feff}first name,last name,email,groups\n\nGrace,Hopper,g@example.com,Developers\n,,,\n";
        let rows = read_rows(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 3);
    }

    #[test]
    fn formula_cells_are_kept_as_text() {
        let csv = "first name,last name,email,groups\n=cmd|' /C calc'!A0,Hopper,g@example.com,Developers\n";
        let rows = read_rows(csv.as_bytes()).unwrap();
        assert_eq!(rows[0].cells.first_name, "=cmd|' /C calc'!A0");
    }
}
