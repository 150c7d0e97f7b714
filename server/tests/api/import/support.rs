//! What the import tests share: uploading a file, the dry run's view, starting, following and
//! reading an import.

use crate::helpers::*;
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Response};
use serde_json::Value;
use std::time::{Duration, Instant};

pub const HEADER: &str = "first name,last name,email,country code,phone,groups\n";

/// Posts the import form.
pub async fn post_form(app: &TestApp, client: &Client, form: Form) -> Response {
    client
        .post(app.url("/settings/users/import/upload"))
        .multipart(form)
        .send()
        .await
        .expect("upload sent")
}

/// Posts the import form as a browser does: a file, and the (empty) paste field.
pub async fn upload(app: &TestApp, client: &Client, file_name: &str, bytes: Vec<u8>) -> Response {
    let form = Form::new()
        .part("file", Part::bytes(bytes).file_name(file_name.to_owned()))
        .text("text", "");
    post_form(app, client, form).await
}

/// The dry run's batch id, from the upload's redirect to its page.
pub fn batch_id(response: &Response) -> String {
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap();
    let id = location
        .strip_prefix("/settings/users/import/")
        .unwrap_or_else(|| panic!("redirected to {location}"));
    id.to_owned()
}

/// Uploads `csv` and returns the dry run's batch id.
pub async fn dry_run(app: &TestApp, client: &Client, csv: &str) -> String {
    batch_id(&upload(app, client, "people.csv", csv.as_bytes().to_vec()).await)
}

/// Why the upload was refused: it redirects back to the form, which shows the reason once.
pub async fn refusal(app: &TestApp, response: Response) -> String {
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

pub async fn load(
    app: &TestApp,
    client: &Client,
    id: &str,
    page: &str,
    problems: bool,
) -> Response {
    let problems = if problems { "true" } else { "false" };
    let form = [
        ("batch_id", id),
        ("page", page),
        ("problems_only", problems),
    ];
    app.call_as(client, "load_import", &form).await
}

/// The summary a running import's page polls for.
pub async fn progress(app: &TestApp, client: &Client, id: &str) -> Response {
    app.call_as(client, "import_progress", &[("batch_id", id)])
        .await
}

pub async fn view(app: &TestApp, client: &Client, id: &str) -> Value {
    let response = load(app, client, id, "1", false).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

pub async fn start(app: &TestApp, client: &Client, id: &str) -> Response {
    app.call_as(client, "start_import", &[("batch_id", id)])
        .await
}

/// Starts the import and waits for it to finish; the progress seen on the way.
pub async fn import_all(app: &TestApp, client: &Client, id: &str) -> (Value, Vec<u64>) {
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

pub fn verdicts(view: &Value) -> Vec<Value> {
    view["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["verdict"].clone())
        .collect()
}

pub async fn members(app: &TestApp) -> i64 {
    app.count("select count(*) from member").await
}

pub async fn report(app: &TestApp, client: &Client, id: &str) -> Response {
    client
        .get(app.url(&format!("/settings/users/import/{id}/report.csv")))
        .send()
        .await
        .unwrap()
}

/// Makes the import look as its server left it: running, with its lease until `lease_until`.
pub async fn lease(app: &TestApp, id: &str, lease_until: chrono::DateTime<chrono::Utc>) {
    sqlx::query("update import_batch set state = 'running', lease_until = $1 where batch_id = $2")
        .bind(server::store::timestamp(lease_until))
        .bind(id)
        .execute(app.db.pool())
        .await
        .unwrap();
}
