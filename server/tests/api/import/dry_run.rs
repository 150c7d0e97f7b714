//! The dry run: every row judged as inviting it would be, nothing written to the workspace;
//! files that cannot be read say why; imports belong to their uploader.

use super::support::*;
use crate::helpers::*;
use crate::invitee::*;
use crate::people::support::{member_browser, owner_elsewhere};
use reqwest::multipart::{Form, Part};
use serde_json::Value;
use server::clock::SystemClock;
use std::sync::Arc;

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

on_both_databases!(
    dry_run_judges_every_row_and_the_import_invites_the_ready_ones,
    files_that_cannot_be_read_are_refused_with_the_reason,
    pasted_text_is_checked_like_a_file,
    imports_belong_to_their_uploader_and_need_the_right_to_invite,
);
