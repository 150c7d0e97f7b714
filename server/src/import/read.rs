//! Reading a CSV file of people: UTF-8 text whose first line names its columns, each row kept
//! with its line number, and every way a file cannot be read said in a sentence.

use app::domain::PersonInput;
use app::import::{COLUMNS, MAX_FILE_BYTES, MAX_ROWS};

/// One row of the file, as written.
#[derive(Debug)]
pub struct RawRow {
    pub line: u32,
    pub cells: PersonInput,
    pub groups: String,
    /// Set when the row's cells do not match the first line's columns.
    pub shape_problem: Option<String>,
}

/// Why a file cannot be read at all: a sentence for the upload page.
pub type FileProblem = String;

/// Reads the rows of a CSV file whose first line names its columns.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<RawRow>, FileProblem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let text = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|error| format!("The first line cannot be read: {error}"))?
        .clone();
    let columns = map_columns(&header)?;
    let mut rows = Vec::new();
    // The reader's own line count skips blank lines; people read the line numbers in an editor.
    let mut lines = LineCounter::new(text.as_bytes());
    for record in reader.records() {
        let record = record.map_err(|error| format!("The file cannot be read: {error}"))?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(format!(
                "The file has more than {MAX_ROWS} rows. Split it into files of at most {MAX_ROWS} rows"
            ));
        }
        let line = lines.line_at(record.position().map_or(0, |p| p.byte()) as usize);
        let cell = |column: &str| {
            columns
                .iter()
                .position(|c| *c == Some(column))
                .and_then(|index| record.get(index))
                .unwrap_or_default()
                .to_owned()
        };
        let shape_problem = shape_problem(&record, &columns);
        rows.push(RawRow {
            line,
            cells: PersonInput {
                first_name: cell("first name"),
                last_name: cell("last name"),
                email: cell("email"),
                country: cell("country code").to_uppercase(),
                phone: cell("phone"),
                ..PersonInput::default()
            },
            groups: cell("groups"),
            shape_problem,
        });
    }
    if rows.is_empty() {
        return Err(
            "The file has no people in it: add one row per person below the first line".into(),
        );
    }
    Ok(rows)
}

/// Line numbers of byte offsets, for offsets that only grow. `\n`, `\r\n` and a lone `\r`
/// each end a line, as the CSV reader has them.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u32,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// The line of the first character at or after `offset` that is not a line break (the
    /// reader places a record after the blank lines before it).
    fn line_at(&mut self, offset: usize) -> u32 {
        let bytes = self.bytes;
        let mut offset = offset.min(bytes.len());
        while offset < bytes.len() && matches!(bytes[offset], b'\r' | b'\n') {
            offset += 1;
        }
        if offset > self.offset {
            let breaks = bytes[self.offset..offset]
                .iter()
                .enumerate()
                .filter(|(index, byte)| match byte {
                    b'\n' => true,
                    b'\r' => bytes.get(self.offset + index + 1) != Some(&b'\n'),
                    _ => false,
                })
                .count();
            self.line += breaks as u32;
            self.offset = offset;
        }
        self.line
    }
}

/// Why a row's cells do not fit the first line's columns, if they do not. Empty cells past the
/// last named column are fine (spreadsheets pad rows with them).
fn shape_problem(record: &csv::StringRecord, columns: &[Option<&str>]) -> Option<String> {
    let named = columns.iter().flatten().count();
    let needed = columns
        .iter()
        .rposition(Option::is_some)
        .map_or(0, |last| last + 1);
    if record.len() < needed {
        return Some(format!(
            "This row has {} cells, but the first line names {named} columns",
            record.len()
        ));
    }
    let spilled = record
        .iter()
        .skip(columns.len())
        .any(|cell| !cell.is_empty());
    spilled
        .then(|| format!("This row has more cells than the {named} columns the first line names"))
}

pub fn too_large() -> FileProblem {
    format!(
        "The file is larger than {} MB. Split it into smaller files",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// UTF-8 text, with or without a byte order mark (as spreadsheets save "CSV UTF-8"), and no
/// control characters but tabs and line breaks (PostgreSQL cannot store a NUL, and none
/// belongs in a name or an address).
fn decode(bytes: &[u8]) -> Result<&str, FileProblem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = LineCounter::new(bytes).line_at(error.valid_up_to());
        format!(
            "The file is not UTF-8 text (line {line} cannot be read). Save it as \"CSV UTF-8\" and upload it again"
        )
    })?;
    if let Some(offset) = text.find(|c: char| c.is_control() && !matches!(c, '\t' | '\r' | '\n')) {
        let line = LineCounter::new(bytes).line_at(offset);
        return Err(format!(
            "Line {line} holds a control character, which no name or address may contain. Remove it and upload the file again"
        ));
    }
    Ok(text)
}

/// Which known column each of the first line's cells names; `None` for a blank one (a
/// spreadsheet's trailing comma), whose cells are ignored.
fn map_columns(header: &csv::StringRecord) -> Result<Vec<Option<&'static str>>, FileProblem> {
    let expected = || {
        format!(
            "The first line must name the columns: {}",
            COLUMNS.join(", ")
        )
    };
    if header.iter().all(str::is_empty) {
        return Err(format!("The file is empty. {}", expected()));
    }
    let mut columns = Vec::with_capacity(header.len());
    for name in header.iter() {
        if name.is_empty() {
            columns.push(None);
            continue;
        }
        let Some(column) = known_column(name) else {
            let shown: String = name.chars().take(40).collect();
            let cut = if shown.len() < name.len() { "…" } else { "" };
            return Err(format!(
                "Unknown column \"{shown}{cut}\" on the first line. {}",
                expected()
            ));
        };
        if columns.contains(&Some(column)) {
            return Err(format!(
                "The column \"{column}\" is named twice on the first line"
            ));
        }
        columns.push(Some(column));
    }
    let missing: Vec<&str> = app::import::REQUIRED_COLUMNS
        .into_iter()
        .filter(|required| !columns.contains(&Some(*required)))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "The first line does not name the column{} {}. {}",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", "),
            expected()
        ));
    }
    Ok(columns)
}

/// "First_Name", "first name" and "FIRST-NAME" all name the same column; so do a few words
/// spreadsheets commonly use instead.
fn known_column(name: &str) -> Option<&'static str> {
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let name = words.join(" ");
    let alias = match name.as_str() {
        "email address" | "e mail" => "email",
        "country" => "country code",
        "phone number" => "phone",
        "group" => "groups",
        other => other,
    };
    COLUMNS.into_iter().find(|column| *column == alias)
}
