//! The shape of the code, as docs/architecture.md ("House rules") describes it: no source file
//! over 300 lines, no import cycle between a crate's top-level modules, and every server
//! function reached at the path of its own name. Checked on the source text, so a change that
//! breaks a rule fails here with the file and the modules named.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 300;
const CRATES: [&str; 3] = ["app/src", "server/src", "frontend/src"];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the server crate sits in the workspace")
        .to_path_buf()
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("a source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                found.push((path, text));
            }
        }
    }
    found.sort();
    found
}

/// The top-level module a file belongs to: `app/src/people/api.rs` is in `people`.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The top-level modules a text names through `crate::`, one path or a `crate::{…}` group.
fn modules_named(text: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            named.extend(top_level_items(group).filter_map(|item| {
                let (module, _) = item.trim().split_once("::")?;
                Some(module.to_owned())
            }));
        } else {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if rest[end..].starts_with("::") {
                named.insert(rest[..end].to_owned());
            }
        }
    }
    named
}

/// The comma-separated items of a `{…}` group up to its closing brace, nested groups whole.
fn top_level_items(group: &str) -> impl Iterator<Item = &str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (at, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..at]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items.into_iter()
}

/// A cycle in `graph`, if there is one, as the modules along it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|seen| seen == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_source_file_passes_300_lines() {
    let root = workspace_root();
    let mut long = Vec::new();
    let mut counted = 0;
    for src in CRATES {
        for (path, text) in sources(&root.join(src)) {
            counted += 1;
            let lines = text.lines().count();
            if lines > MAX_LINES {
                long.push(format!("{} ({lines} lines)", path.display()));
            }
        }
    }
    assert!(counted > 100, "the sources were found ({counted} files)");
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:#?}");
}

#[test]
fn no_crate_has_an_import_cycle_between_its_modules() {
    let root = workspace_root();
    for src in CRATES {
        let src = root.join(src);
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (path, text) in sources(&src) {
            let Some(module) = top_module(&src, &path) else {
                continue;
            };
            let uses = graph.entry(module.clone()).or_default();
            uses.extend(modules_named(&text).into_iter().filter(|m| *m != module));
        }
        if let Some(cycle) = find_cycle(&graph) {
            panic!(
                "{}: modules in a cycle: {}",
                src.display(),
                cycle.join(" -> ")
            );
        }
    }
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    // The guard for the check above: a graph with a cycle is reported, one without is not.
    let graph = |edges: &[(&str, &str)]| {
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, to) in edges {
            graph
                .entry((*from).into())
                .or_default()
                .insert((*to).into());
            graph.entry((*to).into()).or_default();
        }
        graph
    };
    let cyclic = graph(&[
        ("people", "groups"),
        ("groups", "domain"),
        ("domain", "people"),
    ]);
    assert_eq!(
        find_cycle(&cyclic).map(|cycle| cycle.len()),
        Some(4),
        "people -> groups -> domain -> people"
    );
    assert_eq!(
        find_cycle(&graph(&[("people", "groups"), ("groups", "domain")])),
        None
    );
    assert_eq!(
        modules_named(
            "use crate::{domain::{Role, role::x}, error::AppError};\ncrate::people::api::x()"
        ),
        ["domain", "error", "people"].map(String::from).into()
    );
}

#[test]
fn every_server_function_is_reached_at_its_own_name() {
    let root = workspace_root();
    let mut checked = 0;
    for (path, text) in sources(&root.join("app/src")) {
        for (at, _) in text.match_indices("endpoint = \"") {
            let rest = &text[at + "endpoint = \"".len()..];
            let endpoint = &rest[..rest.find('"').expect("a closed string")];
            let function = rest
                .split("pub async fn ")
                .nth(1)
                .and_then(|after| after.split('(').next())
                .expect("a server function after its attribute");
            // A secret link's functions sit under its journey's path (`join/`,
            // `password_reset/`, `email_change/`), where the server finds the link's cookie.
            let name = ["join/", "password_reset/", "email_change/"]
                .iter()
                .find_map(|journey| endpoint.strip_prefix(journey))
                .unwrap_or(endpoint);
            assert_eq!(name, function, "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 30, "the server functions were found ({checked})");
}
