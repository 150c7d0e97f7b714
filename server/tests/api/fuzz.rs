//! Random input to every server function: random keys and values, in every encoding a
//! client could send, anonymous and as the Owner. Whatever arrives, the answer is a client
//! error or success, never a 5xx (docs/security.md §4d). Deterministic by default; set
//! `PORTICO_FUZZ_SEED` to explore other inputs, and `PORTICO_FUZZ_CASES` for more of them.

use crate::helpers::*;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use reqwest::Client;
use std::collections::BTreeMap;

/// Fields of the structs server functions take (`people[0][email]`, `query[q]`...).
const STRUCT_FIELDS: &[&str] = &[
    "first_name",
    "last_name",
    "email",
    "country",
    "phone",
    "q",
    "state",
    "group",
    "sort",
    "page",
    "actor",
    "action",
    "from",
    "to",
];

/// Every `#[server]` function's path and argument names, read from the features' sources, so a new
/// function is fuzzed with its own names without anyone listing them here.
fn server_functions() -> BTreeMap<String, Vec<String>> {
    let mut functions = BTreeMap::new();
    let mut folders = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../app/src"
    ))];
    let mut files = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    for file in files {
        let source = std::fs::read_to_string(file).unwrap();
        for function in source
            .split("#[server(prefix = \"/api\", endpoint = \"")
            .skip(1)
        {
            let endpoint = function.split('"').next().unwrap();
            let signature = function.split("pub async fn").nth(1).expect("a function");
            let open = signature.find('(').expect("its arguments");
            let mut depth = 0;
            let mut params = String::new();
            for c in signature[open + 1..].chars() {
                match c {
                    '(' | '<' | '[' => depth += 1,
                    ')' if depth == 0 => break,
                    ')' | '>' | ']' => depth -= 1,
                    _ => {}
                }
                params.push(c);
            }
            let names = params
                .split(',')
                .filter_map(|param| {
                    let param = param.replace("#[server(default)]", "");
                    let (name, _) = param.split_once(':')?;
                    Some(name.trim().to_owned())
                })
                .filter(|name| !name.is_empty())
                .collect();
            functions.insert(format!("/api/{endpoint}"), names);
        }
    }
    functions
}

struct Fuzzer {
    rng: StdRng,
    /// Every function's argument names.
    names: Vec<String>,
    /// The function being fuzzed's own.
    own: Vec<String>,
    /// Real ids of the database, so some requests reach past "not found".
    ids: Vec<String>,
}

impl Fuzzer {
    fn key(&mut self) -> String {
        let pool = if self.own.is_empty() || self.rng.random_bool(0.3) {
            &self.names
        } else {
            &self.own
        };
        let name = pool.choose(&mut self.rng).unwrap().clone();
        let field = *STRUCT_FIELDS.choose(&mut self.rng).unwrap();
        match self.rng.random_range(0..6) {
            0 => format!("{name}[{field}]"),
            1 => format!("{name}[{}][{field}]", self.rng.random_range(0..3)),
            2 => format!("{name}[{}]", self.rng.random_range(0..3)),
            3 => format!("{name}[]"),
            4 => self.value(),
            _ => name,
        }
    }

    fn value(&mut self) -> String {
        let long = |n: usize, c: char| std::iter::repeat_n(c, n).collect::<String>();
        match self.rng.random_range(0..22) {
            0 => String::new(),
            1 => self.ids.choose(&mut self.rng).cloned().unwrap_or_default(),
            2 => uuid::Uuid::new_v4().to_string(),
            3 => OWNER_EMAIL.into(),
            4 => "Mike <mike@example.org>".into(),
            5 => "=?utf-8?q?a=40b.test?=@example.org".into(),
            6 => long(self.rng.random_range(1_000..70_000), 'a'),
            7 => long(300, '%'),
            8 => "a\u{0}b".into(),
            9 => "\r\n\t\u{7}\u{1b}".into(),
            10 => ["next", "add", "remove-0", "remove-99", "search", "back"]
                .choose(&mut self.rng)
                .unwrap()
                .to_string(),
            11 => [
                "resend",
                "revoke",
                "copy_link",
                "regenerate",
                "deactivate",
                "remove",
            ]
            .choose(&mut self.rng)
            .unwrap()
            .to_string(),
            12 => ["owner", "admin", "developer", "guest", "security_engineer"]
                .choose(&mut self.rng)
                .unwrap()
                .to_string(),
            13 => [
                "-1",
                "0",
                "1",
                "4294967296",
                "99999999999999999999",
                "1e9",
                "NaN",
            ]
            .choose(&mut self.rng)
            .unwrap()
            .to_string(),
            14 => ["true", "false", "null", "[]", "{}", "yes"]
                .choose(&mut self.rng)
                .unwrap()
                .to_string(),
            15 => [
                "0001-01-01",
                "9999-12-31",
                "2026-02-30",
                "10000-01-01",
                "2026-12-02",
            ]
            .choose(&mut self.rng)
            .unwrap()
            .to_string(),
            16 => "' or 1=1 -- \\ _ % ".into(),
            17 => "<script>alert(1)</script></title>".into(),
            18 => "\u{FFFF}\u{202E}😀日本\u{301}".into(),
            19 => "a long and quiet harbour at dawn".into(),
            _ => (0..self.rng.random_range(0..40))
                .map(|_| char::from(self.rng.random_range(0x20u8..0x7f)))
                .collect(),
        }
    }

    fn form(&mut self) -> String {
        let mut body = url::form_urlencoded::Serializer::new(String::new());
        for _ in 0..self.rng.random_range(0..8) {
            let (key, value) = (self.key(), self.value());
            body.append_pair(&key, &value);
        }
        body.finish()
    }

    /// A body and its content type, as some client might send them.
    fn request(&mut self) -> (Option<&'static str>, Vec<u8>) {
        match self.rng.random_range(0..10) {
            0 => {
                let bytes = (0..self.rng.random_range(0..200))
                    .map(|_| self.rng.random())
                    .collect();
                (Some("application/x-www-form-urlencoded"), bytes)
            }
            1 => {
                let mut form = self.form().into_bytes();
                form.extend_from_slice(b"&password=%FF%FE%C3");
                (Some("application/x-www-form-urlencoded"), form)
            }
            2 => (
                Some("application/json"),
                br#"{"email":1,"people":[{}]}"#.to_vec(),
            ),
            3 => (Some("application/cbor"), vec![0xa1, 0x61, 0x71, 0x00]),
            4 => (Some("text/plain"), self.form().into_bytes()),
            5 => (
                Some("application/x-www-form-urlencoded; charset=iso-8859-1"),
                self.form().into_bytes(),
            ),
            6 => (None, self.form().into_bytes()),
            7 => (
                Some("application/x-www-form-urlencoded"),
                vec![b'a'; self.rng.random_range(200_000..400_000)],
            ),
            _ => (
                Some("application/x-www-form-urlencoded"),
                self.form().into_bytes(),
            ),
        }
    }
}

/// The status and body of the answer.
async fn post(
    app: &TestApp,
    client: &Client,
    path: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> (reqwest::StatusCode, String) {
    let mut request = client.post(app.url(path)).body(body);
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    let response = request.send().await.expect("the server answers");
    (response.status(), response.text().await.unwrap_or_default())
}

async fn random_input_to_every_server_function_is_never_a_server_error(backend: Backend) {
    let unthrottled = [
        ("LOGIN_ATTEMPTS_PER_ACCOUNT", "10000"),
        ("LOGIN_ATTEMPTS_PER_CLIENT", "100000"),
        ("INVITATION_ATTEMPTS_PER_CLIENT", "100000"),
    ];
    let vars: Vec<(&str, &str)> = OWNER_BOOTSTRAP.iter().copied().chain(unthrottled).collect();
    let app = spawn_app_with(backend, &vars).await;
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    let token = crate::invitee::invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let ids: Vec<String> = sqlx::query_scalar(
        "select member_id from member union all select group_id from user_group
         union all select workspace_id from workspace",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    let seed = std::env::var("PORTICO_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12);
    let cases: usize = std::env::var("PORTICO_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12);
    let functions = server_functions();
    let mut names: Vec<String> = functions.values().flatten().cloned().collect();
    names.sort();
    names.dedup();
    assert!(names.len() > 20, "argument names found: {names:?}");
    let mut paths: Vec<&str> = server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    paths.sort();
    let declared: Vec<&str> = functions.keys().map(String::as_str).collect();
    assert_eq!(
        paths, declared,
        "every server function is fuzzed with its own arguments"
    );
    let mut fuzzer = Fuzzer {
        rng: StdRng::seed_from_u64(seed),
        names,
        own: Vec::new(),
        ids,
    };
    let invitee = crate::invitee::open_link(&app, &token).await;
    let anonymous = browser_client();
    let (mut answered, mut succeeded) = (0, 0);
    for path in &paths {
        fuzzer.own = functions[*path].clone();
        for case in 0..cases {
            let client = match case % 3 {
                0 => &anonymous,
                1 => &invitee,
                _ => &app.client,
            };
            if case % 3 == 2 && app.call("current_user", &[]).await.text().await.unwrap() == "null"
            {
                app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
            }
            let (content_type, body) = fuzzer.request();
            let length = body.len();
            let shown = String::from_utf8_lossy(&body[..length.min(300)]).into_owned();
            let (status, answer) = post(&app, client, path, content_type, body).await;
            assert!(
                !status.is_server_error(),
                "{path} answered {status} {answer} (seed {seed}, case {case}) to {content_type:?} \
                 of {length} bytes: {shown}"
            );
            answered += 1;
            succeeded += usize::from(status.is_success());
        }
    }
    assert!(
        succeeded > 0,
        "no request of {answered} succeeded: the fuzzing reached nothing"
    );
}

on_both_databases!(random_input_to_every_server_function_is_never_a_server_error);
