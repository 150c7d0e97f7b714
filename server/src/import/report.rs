//! The downloadable report of an import's skipped rows: the file's columns, the line, and why.

use app::import::{COLUMNS, ImportRow, defuse_formula};

/// CSV text, one row per skipped row. Cells a spreadsheet would run as formulas are written as
/// text (`defuse_formula`): the report goes back to the people who opened the original.
pub fn skipped_rows_csv(rows: &[ImportRow]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = std::iter::once("line")
        .chain(COLUMNS)
        .chain(std::iter::once("reason"));
    writer.write_record(header)?;
    for row in rows {
        let line = row.line.to_string();
        let reason = row.skip_reason().unwrap_or_default();
        let cells = [
            line.as_str(),
            &row.first_name,
            &row.last_name,
            &row.email,
            &row.country_code,
            &row.phone,
            &row.groups,
            &reason,
        ];
        writer.write_record(cells.iter().map(|cell| defuse_formula(cell).into_owned()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 cells is UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::import::Verdict;

    #[test]
    fn formula_cells_are_written_as_text() {
        let row = ImportRow {
            line: 3,
            first_name: "=cmd|' /C calc'!A0".into(),
            last_name: "Hopper".into(),
            email: "not-an-email".into(),
            country_code: String::new(),
            phone: String::new(),
            groups: "Developers".into(),
            verdict: Verdict::Invalid("Enter an email address".into()),
            outcome: None,
        };
        let csv = skipped_rows_csv(&[row]).unwrap();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("line,first name,last name,email,country code,phone,groups,reason")
        );
        assert_eq!(
            lines.next(),
            Some(
                "3,'=cmd|' /C calc'!A0,Hopper,not-an-email,,,Developers,Invalid: Enter an email address"
            )
        );
    }
}
