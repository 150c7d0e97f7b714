use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::redirect::Policy;
use reqwest::{Client, Response};
use server::clock::{Clock, SystemClock};
use server::config::Config;
use server::store::Db;
use sqlx::Connection;
use std::collections::HashMap;
use std::sync::Arc;

pub const BASE_URL: &str = "http://portico.test";
pub const OWNER_EMAIL: &str = "owner@example.com";
pub const OWNER_PASSWORD: &str = "a long and quiet harbour at dawn";

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub setup_link: Option<String>,
    pub db: Db,
    /// A browser-like client: keeps cookies, does not follow redirects, names its origin.
    pub client: Client,
    pub state: server::state::AppState,
    pub imports: server::import::ImportService,
    /// The configuration it was started with, to start another instance on the same database.
    pub vars: HashMap<String, String>,
    _work_dir: tempfile::TempDir,
}

/// Starts Portico on a fresh database with the given extra configuration.
pub async fn spawn_app_with(backend: Backend, extra: &[(&str, &str)]) -> TestApp {
    spawn_app_with_clock(backend, extra, Arc::new(SystemClock)).await
}

pub async fn spawn_app_with_clock(
    backend: Backend,
    extra: &[(&str, &str)],
    clock: Arc<dyn Clock>,
) -> TestApp {
    let work_dir = tempfile::Builder::new()
        .prefix("portico-test")
        .tempdir()
        .unwrap();
    let database_url = fresh_database(backend, work_dir.path()).await;
    let key_file = work_dir.path().join("secret.key").display().to_string();
    let mut vars: HashMap<String, String> = [
        ("DATABASE_URL", database_url.as_str()),
        ("SECRET_KEY_FILE", key_file.as_str()),
        ("APP_BASE_URL", BASE_URL),
        ("LISTEN_ADDR", "127.0.0.1:0"),
    ]
    .into_iter()
    .chain(extra.iter().copied())
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    vars.entry("SITE_ROOT".into())
        .or_insert_with(|| std::env::temp_dir().display().to_string());
    let config = Config::from_vars(&vars).expect("valid test configuration");
    let running = server::start_with_clock(config, clock)
        .await
        .expect("server starts");
    TestApp {
        address: format!("http://{}", running.addr),
        setup_link: running.setup_link,
        db: running.state.db.clone(),
        client: browser_client(),
        state: running.state,
        imports: running.imports,
        vars,
        _work_dir: work_dir,
    }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, &[]).await
}

/// A Portico whose Owner was created from `PORTICO_BOOTSTRAP_*`.
pub async fn spawn_app_with_owner(backend: Backend) -> TestApp {
    spawn_app_with(backend, &OWNER_BOOTSTRAP).await
}

pub const OWNER_BOOTSTRAP: [(&str, &str); 2] = [
    ("PORTICO_BOOTSTRAP_EMAIL", OWNER_EMAIL),
    ("PORTICO_BOOTSTRAP_PASSWORD", OWNER_PASSWORD),
];

pub fn browser_client() -> Client {
    // Browsers name the page's origin on every POST; Portico refuses one that names none.
    let mut headers = HeaderMap::new();
    headers.insert("origin", HeaderValue::from_static(BASE_URL));
    Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .redirect(Policy::none())
        // A request the server never answers fails the test instead of hanging the suite.
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .unwrap()
}

impl TestApp {
    /// Another server process on the same database, key file and SMTP server.
    pub async fn another_instance(&self) -> server::Running {
        let config = Config::from_vars(&self.vars).expect("valid test configuration");
        server::start(config).await.expect("second instance starts")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Calls a server function the way the hydrated app does (form-encoded, JSON back).
    pub async fn call(&self, function: &str, form: &[(&str, &str)]) -> Response {
        self.call_as(&self.client, function, form).await
    }

    /// Calls a server function as `client`, with no extra headers.
    pub async fn call_as(
        &self,
        client: &Client,
        function: &str,
        form: &[(&str, &str)],
    ) -> Response {
        self.call_with(client, function, form, HeaderMap::new())
            .await
    }

    pub async fn call_with(
        &self,
        client: &Client,
        function: &str,
        form: &[(&str, &str)],
        headers: HeaderMap,
    ) -> Response {
        client
            .post(self.url(&format!("/api/{function}")))
            .headers(headers)
            .form(form)
            .send()
            .await
            .expect("request sent")
    }

    /// Posts a form as a browser with JavaScript off does: accepts HTML, names its page.
    pub async fn submit_form(
        &self,
        function: &str,
        from_page: &str,
        form: &[(&str, &str)],
    ) -> Response {
        let mut headers = HeaderMap::new();
        headers.insert("accept", HeaderValue::from_static("text/html"));
        headers.insert(
            "referer",
            HeaderValue::from_str(&self.url(from_page)).unwrap(),
        );
        self.call_with(&self.client, function, form, headers).await
    }

    /// Where a JavaScript-off form post that failed lands: asserts it is `page` carrying the
    /// error, and returns that page's HTML.
    pub async fn page_after_form_error(&self, response: Response, page: &str) -> String {
        assert_eq!(response.status(), 302);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(
            location.starts_with(&self.url(&format!("{page}?"))) && location.contains("__err="),
            "{location}"
        );
        self.client
            .get(&location)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Response {
        self.sign_in_with(&self.client, email, password).await
    }

    /// Signs in with a browser of its own.
    pub async fn sign_in_with(&self, client: &Client, email: &str, password: &str) -> Response {
        let form = [("email", email), ("password", password)];
        self.call_as(client, "sign_in", &form).await
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(self.db.pool())
            .await
            .expect("count query")
    }
}

/// A new, empty database: a SQLite file in `dir`, or a new database on the test PostgreSQL.
pub async fn fresh_database(backend: Backend, dir: &std::path::Path) -> String {
    match backend {
        Backend::Sqlite => format!("sqlite://{}/portico.db?mode=rwc", dir.display()),
        Backend::Postgres => {
            let admin = std::env::var("PORTICO_TEST_POSTGRES_URL").expect(
                "PORTICO_TEST_POSTGRES_URL must point to a PostgreSQL server (make test starts one)",
            );
            let name = format!("portico_test_{}", uuid::Uuid::new_v4().simple());
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("PostgreSQL reachable");
            sqlx::query(&format!("create database {name}"))
                .execute(&mut conn)
                .await
                .unwrap();
            let base = admin
                .rsplit_once('/')
                .map_or(admin.as_str(), |(base, _)| base);
            format!("{base}/{name}")
        }
    }
}

/// Asserts that no text `sql` selects contains `secret`.
pub async fn assert_no_row_contains(app: &TestApp, sql: &str, secret: &str, why: &str) {
    let rows: Vec<String> = sqlx::query_scalar(sql)
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert!(
        !rows.is_empty(),
        "{sql} selects nothing: the check would prove nothing"
    );
    assert!(rows.iter().all(|row| !row.contains(secret)), "{why}");
}

/// The value of `name` in the response's `Set-Cookie` headers.
pub fn set_cookie<'a>(response: &'a Response, name: &str) -> Option<&'a str> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|cookie| cookie.starts_with(&format!("{name}=")))
}

/// The tokens of the `link?token=` links in every email with `subject` to `email`, oldest
/// first, once `count` have arrived.
pub async fn mailed_link_tokens(
    app: &TestApp,
    email: &str,
    subject: &str,
    link: &str,
    count: usize,
) -> Vec<String> {
    for _ in 0..200 {
        let bodies: Vec<String> = sqlx::query_scalar(
            "select text_body from dev_mailbox where recipient = $1 and subject = $2
              order by delivered_at",
        )
        .bind(email)
        .bind(subject)
        .fetch_all(app.db.pool())
        .await
        .unwrap();
        if bodies.len() >= count {
            let marker = format!("{link}?token=");
            return bodies
                .iter()
                .map(|body| {
                    let after = body.split(marker.as_str()).nth(1).expect("a link");
                    after.split_whitespace().next().unwrap().to_owned()
                })
                .collect();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{count} emails \"{subject}\" to {email} did not arrive");
}

/// A browser of its own that followed the emailed `link?token=`: it holds the link's cookie,
/// and the answer kept the token out of the address bar, the cache and `Referer`.
pub async fn follow_link(app: &TestApp, link: &str, token: &str, cookie: &str) -> Client {
    let browser = browser_client();
    let response = browser
        .get(app.url(&format!("{link}?token={token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], link);
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let set = set_cookie(&response, cookie).expect("the link's cookie");
    assert!(set.contains("HttpOnly") && !set.contains(token), "{set}");
    browser
}

/// Whether `email` and `password` sign in, from a browser of their own.
/// Whether `browser` holds a signed-in session.
pub async fn is_signed_in(app: &TestApp, browser: &Client) -> bool {
    app.call_as(browser, "current_user", &[])
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap()
        .is_object()
}

pub async fn signs_in(app: &TestApp, email: &str, password: &str) -> bool {
    app.sign_in_with(&browser_client(), email, password)
        .await
        .status()
        == 200
}

/// How many emails of `kind` the outbox holds for `recipient`, whatever became of them.
pub async fn queued_mail(app: &TestApp, kind: &str, recipient: &str) -> i64 {
    sqlx::query_scalar("select count(*) from outbox where kind = $1 and recipient = $2")
        .bind(kind)
        .bind(recipient)
        .fetch_one(app.db.pool())
        .await
        .expect("count query")
}
