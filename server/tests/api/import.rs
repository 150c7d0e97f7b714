//! Importing people from a CSV file: the dry run writes nothing to the workspace, the import
//! invites the ready rows once, the report escapes formulas, and files that cannot be read say
//! why. On both databases.

use crate::helpers::*;
use crate::invitee::*;
use crate::management::{member_browser, owner_elsewhere};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Response};
use serde_json::Value;
use server::clock::{Clock, ManualClock, SystemClock};
use std::sync::Arc;
use std::time::{Duration, Instant};

const HEADER: &str = "first name,last name,email,country code,phone,groups\n";

/// Posts the import form.
async fn post_form(app: &TestApp, client: &Client, form: Form) -> Response {
    client
        .post(app.url("/settings/users/import/upload"))
        .multipart(form)
        .send()
        .await
        .expect("upload sent")
}

/// Posts the import form as a browser does: a file, and the (empty) paste field.
async fn upload(app: &TestApp, client: &Client, file_name: &str, bytes: Vec<u8>) -> Response {
    let form = Form::new()
        .part("file", Part::bytes(bytes).file_name(file_name.to_owned()))
        .text("text", "");
    post_form(app, client, form).await
}

/// The dry run's batch id, from the upload's redirect to its page.
fn batch_id(response: &Response) -> String {
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap();
    let id = location
        .strip_prefix("/settings/users/import/")
        .unwrap_or_else(|| panic!("redirected to {location}"));
    id.to_owned()
}

/// Uploads `csv` and returns the dry run's batch id.
async fn dry_run(app: &TestApp, client: &Client, csv: &str) -> String {
    batch_id(&upload(app, client, "people.csv", csv.as_bytes().to_vec()).await)
}

/// Why the upload was refused: it redirects back to the form, which shows the reason once.
async fn refusal(app: &TestApp, response: Response) -> String {
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/settings/users/import");
    let take = || async {
        app.call("take_import_problem", &[])
            .await
            .json::<Option<String>>()
            .await
            .unwrap()
    };
    let problem = take().await;
    let again = take().await;
    assert_eq!(again, None, "shown once");
    problem.expect("a reason")
}

async fn load(app: &TestApp, client: &Client, id: &str, page: &str, problems: bool) -> Response {
    let problems = if problems { "true" } else { "false" };
    let form = [
        ("batch_id", id),
        ("page", page),
        ("problems_only", problems),
    ];
    app.call_as(client, "load_import", &form).await
}

/// The summary a running import's page polls for.
async fn progress(app: &TestApp, client: &Client, id: &str) -> Response {
    app.call_as(client, "import_progress", &[("batch_id", id)])
        .await
}

async fn view(app: &TestApp, client: &Client, id: &str) -> Value {
    let response = load(app, client, id, "1", false).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn start(app: &TestApp, client: &Client, id: &str) -> Response {
    app.call_as(client, "start_import", &[("batch_id", id)])
        .await
}

/// Starts the import and waits for it to finish; the progress seen on the way.
async fn import_all(app: &TestApp, client: &Client, id: &str) -> (Value, Vec<u64>) {
    let started = start(app, client, id).await;
    assert_eq!(started.status(), 200);
    assert_eq!(
        started.headers()["location"],
        format!("/settings/users/import/{id}")
    );
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut seen = Vec::new();
    loop {
        let view = view(app, client, id).await;
        seen.push(view["summary"]["processed_rows"].as_u64().unwrap());
        if view["summary"]["state"] == "Done" {
            return (view, seen);
        }
        assert!(Instant::now() < deadline, "the import finishes");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn verdicts(view: &Value) -> Vec<Value> {
    view["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["verdict"].clone())
        .collect()
}

async fn members(app: &TestApp) -> i64 {
    app.count("select count(*) from member").await
}

async fn report(app: &TestApp, client: &Client, id: &str) -> Response {
    client
        .get(app.url(&format!("/settings/users/import/{id}/report.csv")))
        .send()
        .await
        .unwrap()
}

async fn dry_run_judges_every_row_and_the_import_invites_the_ready_ones(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    crate::members::add_member(&app, "ada@example.com", "unused passphrase", "Developers").await;
    invite(&app, "Alan", "Turing", "alan@example.com").await;
    // An Admin imports: the Owners group is above their rights.
    let admin = member_browser(&app, "admin@example.com", "Admins").await;
    let csv = format!(
        "{HEADER}\
         Grace,Hopper,grace@example.com,US,202 555 0143,Developers; security engineers\n\
         Ada,Lovelace,ada@example.com,,,Developers\n\
         Alan,Turing,alan@example.com,,,Developers\n\
         Edsger,Dijkstra,edsger@example.com,,,Pilots\n\
         Barbara,Liskov,barbara@example.com,,,Owners\n\
         Nobody,,not-an-email,,,Developers\n\
         Grace,Again,GRACE@example.com,,,Developers\n\
         \"=cmd|' /C calc'!A0\",Formula,formula@example.com,,,Developers\n\
         \"=HYPERLINK(\"\"http://evil\"\")\",Skipped,formula-skipped@example.com,,,Pilots\n"
    );
    let (members_before, audit_before) = (
        members(&app).await,
        app.count("select count(*) from audit_event").await,
    );
    let id = dry_run(&app, &admin, &csv).await;

    let checked = view(&app, &admin, &id).await;
    assert_eq!(checked["summary"]["state"], "Checked");
    assert_eq!(checked["summary"]["total_rows"], 9);
    assert_eq!(checked["summary"]["ready_rows"], 2);
    assert_eq!(
        verdicts(&checked),
        vec![
            Value::from("Ready"),
            Value::from("AlreadyMember"),
            Value::from("AlreadyInvited"),
            serde_json::json!({ "UnknownGroup": "Pilots" }),
            serde_json::json!({ "GroupAboveRights": "Owners" }),
            serde_json::json!({ "Invalid": "Enter a last name; Enter an email address in the format name@example.com" }),
            serde_json::json!({ "Repeated": { "first_line": 2 } }),
            Value::from("Ready"),
            serde_json::json!({ "UnknownGroup": "Pilots" }),
        ]
    );
    let lines: Vec<u64> = checked["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["line"].as_u64().unwrap())
        .collect();
    assert_eq!(
        lines,
        (2..=10).collect::<Vec<_>>(),
        "lines as an editor numbers them"
    );
    assert_eq!(
        members(&app).await,
        members_before,
        "the dry run adds nobody"
    );
    assert_eq!(
        app.count("select count(*) from audit_event").await,
        audit_before,
        "and records nothing"
    );
    let problems: Value = load(&app, &admin, &id, "1", true)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(problems["matching_rows"], 7, "only the rows to be skipped");

    let (done, _) = import_all(&app, &admin, &id).await;
    assert_eq!(done["summary"]["imported_rows"], 2);
    assert_eq!(done["summary"]["processed_rows"], 2);
    assert_eq!(members(&app).await, members_before + 2);
    let grace_groups = app
        .count(
            "select count(*) from group_member gm join member m on m.member_id = gm.member_id
              where m.email = 'grace@example.com' and m.state = 'invited'",
        )
        .await;
    assert_eq!(grace_groups, 2, "both groups, found whatever their case");
    let stored: String =
        sqlx::query_scalar("select first_name from member where email = 'formula@example.com'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        stored, "=cmd|' /C calc'!A0",
        "a formula is stored as the text it is"
    );
    assert_eq!(audit_count(&app, "invitation.created").await, 1 + 2);
    assert_eq!(
        app.count("select count(*) from outbox where kind = 'invitation'")
            .await,
        1 + 2,
        "each imported person is emailed their link"
    );

    let report = report(&app, &admin, &id).await;
    assert_eq!(report.status(), 200);
    assert_eq!(report.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(
        report.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let text = report.text().await.unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("line,first name,last name,email,country code,phone,groups,reason")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 7, "{text}");
    assert_eq!(
        rows[0],
        "3,Ada,Lovelace,ada@example.com,,,Developers,Already a member"
    );
    assert_eq!(
        rows[6],
        "10,\"'=HYPERLINK(\"\"http://evil\"\")\",Skipped,formula-skipped@example.com,,,Pilots,Unknown group: Pilots",
        "the formula is written as text"
    );
}

async fn importing_the_same_file_twice_invites_nobody_twice(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let csv = format!(
        "{HEADER}Grace,Hopper,grace@example.com,,,Developers\nAlan,Turing,alan@example.com,,,Guests\n"
    );
    let first = dry_run(&app, &app.client, &csv).await;
    let (done, _) = import_all(&app, &app.client, &first).await;
    assert_eq!(done["summary"]["imported_rows"], 2);

    let second = dry_run(&app, &app.client, &csv).await;
    let checked = view(&app, &app.client, &second).await;
    assert_eq!(checked["summary"]["ready_rows"], 0);
    assert_eq!(
        verdicts(&checked),
        vec![Value::from("AlreadyInvited"), Value::from("AlreadyInvited")]
    );
    let (done, _) = import_all(&app, &app.client, &second).await;
    assert_eq!(done["summary"]["imported_rows"], 0);
    assert_eq!(app.count("select count(*) from invitation").await, 2);
    assert_eq!(audit_count(&app, "invitation.created").await, 2);

    // Starting the finished import again changes nothing: it is not claimed. Imports are
    // stopping, so a run the start might spawn could only end its lease, never finish the batch
    // again: had the start claimed it, it would read Running or Interrupted from the moment the
    // call returns, not Done.
    app.imports.stop().await;
    assert_eq!(start(&app, &app.client, &first).await.status(), 200);
    let again = view(&app, &app.client, &first).await;
    assert_eq!(again["summary"]["state"], "Done", "not claimed again");
    assert_eq!(again["summary"]["imported_rows"], 2);
    assert_eq!(app.count("select count(*) from invitation").await, 2);
    assert_eq!(audit_count(&app, "invitation.created").await, 2);
}

async fn a_row_invited_between_the_dry_run_and_the_import_is_skipped(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let csv = format!(
        "{HEADER}Grace,Hopper,grace@example.com,,,Developers\nAlan,Turing,alan@example.com,,,Developers\n"
    );
    let id = dry_run(&app, &app.client, &csv).await;
    invite(&app, "Grace", "Hopper", "grace@example.com").await;
    let (done, _) = import_all(&app, &app.client, &id).await;
    assert_eq!(done["summary"]["imported_rows"], 1);
    assert_eq!(
        done["rows"][0]["outcome"],
        serde_json::json!({ "Skipped": "Someone with this email address already has a pending invitation" })
    );
    assert_eq!(done["rows"][1]["outcome"], "Imported");
    assert_eq!(app.count("select count(*) from invitation").await, 2);
}

async fn files_that_cannot_be_read_are_refused_with_the_reason(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let cases: [(Vec<u8>, &str); 7] = [
        (
            b"name,mail\nGrace,g@example.com\n".to_vec(),
            "Unknown column \"name\" on the first line",
        ),
        (
            b"first name,last name,email\nGrace,Hopper,g@example.com\n".to_vec(),
            "The first line does not name the column groups",
        ),
        (
            b"first name,last name,email,groups\nJos\xe9,Ruiz,j@example.com,Developers\n".to_vec(),
            "The file is not UTF-8 text (line 2 cannot be read)",
        ),
        (Vec::new(), "Choose a CSV file, or paste its text"),
        (
            b"first name,last name,email,groups\nGr\0ace,Hopper,g@example.com,Developers\n"
                .to_vec(),
            "Line 2 holds a control character",
        ),
        (HEADER.as_bytes().to_vec(), "The file has no people in it"),
        (
            {
                let mut big = HEADER.as_bytes().to_vec();
                big.resize(10 * 1024 * 1024 + 1, b' ');
                big
            },
            "The file is larger than 10 MB",
        ),
    ];
    for (bytes, reason) in cases {
        let response = upload(&app, &app.client, "people.csv", bytes).await;
        let problem = refusal(&app, response).await;
        assert!(problem.starts_with(reason), "{problem}");
    }
    let too_many = format!(
        "{HEADER}{}",
        (0..10_001)
            .map(|n| format!("P,{n},p{n}@example.com,,,Developers\n"))
            .collect::<String>()
    );
    let response = upload(&app, &app.client, "many.csv", too_many.into_bytes()).await;
    assert!(
        refusal(&app, response)
            .await
            .starts_with("The file has more than 10000 rows")
    );
    let not_multipart = app
        .client
        .post(app.url("/settings/users/import/upload"))
        .form(&[("text", "first name")])
        .send()
        .await
        .unwrap();
    assert!(
        refusal(&app, not_multipart)
            .await
            .starts_with("Upload the file with the import form")
    );
    assert_eq!(app.count("select count(*) from import_batch").await, 0);
    assert_eq!(members(&app).await, 1);
}

async fn pasted_text_is_checked_like_a_file(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    // As a spreadsheet may paste it: a blank column at the end of every line.
    let form = Form::new()
        .part("file", Part::bytes(Vec::new()).file_name(""))
        .text(
            "text",
            "first name,last name,email,groups,\nGrace,Hopper,grace@example.com,Developers,\n",
        );
    let id = batch_id(&post_form(&app, &app.client, form).await);
    let checked = view(&app, &app.client, &id).await;
    assert_eq!(checked["summary"]["file_name"], "Pasted text");
    assert_eq!(checked["summary"]["ready_rows"], 1);
}

async fn imports_belong_to_their_uploader_and_need_the_right_to_invite(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let guest = member_browser(&app, "guest@example.com", "Guests").await;
    let admin = member_browser(&app, "admin@example.com", "Admins").await;
    let csv = format!("{HEADER}Grace,Hopper,grace@example.com,,,Developers\n");
    let id = dry_run(&app, &app.client, &csv).await;

    let anonymous = browser_client();
    let response = upload(&app, &anonymous, "people.csv", csv.clone().into_bytes()).await;
    assert_eq!(response.headers()["location"], "/sign-in");
    let denied_before = audit_count(&app, "access.denied").await;
    let response = upload(&app, &guest, "people.csv", csv.clone().into_bytes()).await;
    assert_eq!(response.status(), 403);
    assert_eq!(audit_count(&app, "access.denied").await, denied_before + 1);
    assert_eq!(load(&app, &guest, &id, "1", false).await.status(), 403);
    assert_eq!(progress(&app, &guest, &id).await.status(), 403);
    assert_eq!(start(&app, &guest, &id).await.status(), 403);
    // The page guard answers for the report's address before it is reached.
    for (client, landing) in [(&guest, "/settings/workspace"), (&anonymous, "/sign-in")] {
        let refused = report(&app, client, &id).await;
        assert_eq!(refused.status(), 303);
        assert_eq!(refused.headers()["location"], landing);
    }

    // Another admin of the workspace, and the Owner acting in another workspace: not theirs.
    let elsewhere = owner_elsewhere(&app).await;
    for client in [&admin, &elsewhere] {
        assert_eq!(load(&app, client, &id, "1", false).await.status(), 404);
        assert_eq!(progress(&app, client, &id).await.status(), 404);
        assert_eq!(start(&app, client, &id).await.status(), 404);
        assert_eq!(report(&app, client, &id).await.status(), 404);
    }
    assert_eq!(
        load(&app, &app.client, "not-an-id", "1", false)
            .await
            .status(),
        404
    );
    assert_eq!(report(&app, &app.client, "not-an-id").await.status(), 404);
    assert_eq!(
        app.count("select count(*) from invitation").await,
        0,
        "nothing imported"
    );
    assert_eq!(
        view(&app, &app.client, &id).await["summary"]["state"],
        "Checked"
    );
    let own = progress(&app, &app.client, &id).await;
    assert_eq!(own.status(), 200);
    assert_eq!(own.json::<Value>().await.unwrap()["state"], "Checked");
}

async fn a_file_of_10000_rows_is_checked_and_imported_with_progress(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let rows = 10_000;
    let csv = format!(
        "{HEADER}{}",
        (0..rows)
            .map(|n| format!(
                "Person,Number {n},person{n}@example.com,US,202 555 0143,Developers\n"
            ))
            .collect::<String>()
    );
    let id = dry_run(&app, &app.client, &csv).await;
    let checked = view(&app, &app.client, &id).await;
    assert_eq!(checked["summary"]["total_rows"], rows);
    assert_eq!(checked["summary"]["ready_rows"], rows);
    assert_eq!(
        checked["rows"].as_array().unwrap().len(),
        50,
        "a page of rows"
    );
    let last: Value = load(&app, &app.client, &id, "200", false)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(last["rows"][49]["line"], rows + 1);

    let (done, seen) = import_all(&app, &app.client, &id).await;
    assert_eq!(done["summary"]["imported_rows"], rows);
    assert!(
        seen.windows(2).all(|pair| pair[0] <= pair[1]),
        "progress only grows"
    );
    assert!(
        seen.iter()
            .any(|processed| *processed > 0 && *processed < rows),
        "progress is visible while the import runs: {seen:?}"
    );
    assert_eq!(
        app.count("select count(*) from invitation").await,
        rows as i64
    );
    assert_eq!(members(&app).await, rows as i64 + 1);
}

/// Makes the import look as its server left it: running, with its lease until `lease_until`.
async fn lease(app: &TestApp, id: &str, lease_until: chrono::DateTime<chrono::Utc>) {
    sqlx::query("update import_batch set state = 'running', lease_until = $1 where batch_id = $2")
        .bind(server::store::timestamp(lease_until))
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();
}

async fn an_interrupted_import_is_carried_on_without_counting_a_row_twice(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let csv = format!(
        "{HEADER}Grace,Hopper,grace@example.com,,,Developers\nAlan,Turing,alan@example.com,,,Developers\nAda,Lovelace,ada@example.com,,,Developers\n"
    );
    let id = dry_run(&app, &app.client, &csv).await;
    // Its server stopped after recording the first row.
    sqlx::query("update import_row set outcome = 'imported' where batch_id = $1 and line = 2")
        .bind(&id)
        .execute(app.db.pool())
        .await
        .unwrap();
    sqlx::query(
        "update import_batch set processed_rows = 1, imported_rows = 1 where batch_id = $1",
    )
    .bind(&id)
    .execute(app.db.pool())
    .await
    .unwrap();
    lease(&app, &id, chrono::Utc::now() - chrono::Duration::seconds(1)).await;
    assert_eq!(
        view(&app, &app.client, &id).await["summary"]["state"],
        "Interrupted"
    );

    let (done, _) = import_all(&app, &app.client, &id).await;
    assert_eq!(done["summary"]["processed_rows"], 3);
    assert_eq!(done["summary"]["imported_rows"], 3);
    assert_eq!(
        app.count("select count(*) from invitation").await,
        2,
        "only the rows not reached were invited"
    );
}

async fn an_import_running_elsewhere_is_not_started_twice(backend: Backend) {
    // This server's clock moves only when the test moves it.
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let app = owner_app(backend, &[], clock.clone()).await;
    let csv = format!("{HEADER}Grace,Hopper,grace@example.com,,,Developers\n");
    let id = dry_run(&app, &app.client, &csv).await;
    // Another server runs it, under a lease for one more second (shorter than the lease this
    // server would take).
    lease(&app, &id, clock.now() + chrono::Duration::seconds(1)).await;
    assert_eq!(
        view(&app, &app.client, &id).await["summary"]["state"],
        "Running"
    );
    assert_eq!(start(&app, &app.client, &id).await.status(), 200);

    // Two seconds on, the other server's lease has lapsed. Had the start above claimed the
    // import, the lease it took (a minute from then, renewed by each chunk) would still hold or
    // the import would be done: it shows as interrupted, untouched, only if nothing here ran it.
    clock.advance(chrono::Duration::seconds(2));
    let lapsed = view(&app, &app.client, &id).await;
    assert_eq!(
        lapsed["summary"]["state"], "Interrupted",
        "not started here"
    );
    assert_eq!(lapsed["summary"]["processed_rows"], 0);
    assert_eq!(app.count("select count(*) from invitation").await, 0);

    // Now that nobody runs it, starting it carries it on.
    let (done, _) = import_all(&app, &app.client, &id).await;
    assert_eq!(done["summary"]["imported_rows"], 1);
    assert_eq!(app.count("select count(*) from invitation").await, 1);
}

async fn shutting_down_stops_an_import_between_two_chunks(backend: Backend) {
    let app = owner_app(backend, &[], Arc::new(SystemClock)).await;
    let csv = format!(
        "{HEADER}{}",
        (0..2_000)
            .map(|n| format!("Person,{n},p{n}@example.com,,,Developers\n"))
            .collect::<String>()
    );
    let id = dry_run(&app, &app.client, &csv).await;
    assert_eq!(start(&app, &app.client, &id).await.status(), 200);
    crate::invitations::wait_until(|| async {
        view(&app, &app.client, &id).await["summary"]["processed_rows"] != 0
    })
    .await;
    app.imports.stop().await;

    let stopped = view(&app, &app.client, &id).await;
    assert_eq!(stopped["summary"]["state"], "Interrupted");
    let processed = stopped["summary"]["processed_rows"].as_i64().unwrap();
    assert!(processed < 2_000, "stopped before the end: {processed}");
    let recorded = app
        .count("select count(*) from import_row where outcome is not null")
        .await;
    assert_eq!(recorded, processed, "every row handled was recorded");
    assert_eq!(
        app.count("select count(*) from invitation").await,
        stopped["summary"]["imported_rows"].as_i64().unwrap(),
        "and no row was invited without being recorded"
    );
}

on_both_databases!(
    an_interrupted_import_is_carried_on_without_counting_a_row_twice,
    an_import_running_elsewhere_is_not_started_twice,
    shutting_down_stops_an_import_between_two_chunks,
    dry_run_judges_every_row_and_the_import_invites_the_ready_ones,
    importing_the_same_file_twice_invites_nobody_twice,
    a_row_invited_between_the_dry_run_and_the_import_is_skipped,
    files_that_cannot_be_read_are_refused_with_the_reason,
    pasted_text_is_checked_like_a_file,
    imports_belong_to_their_uploader_and_need_the_right_to_invite,
    a_file_of_10000_rows_is_checked_and_imported_with_progress,
);
