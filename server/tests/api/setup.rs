use crate::helpers::*;

const FORM: [(&str, &str); 5] = [
    ("workspace_name", "Acme"),
    ("first_name", "Ada"),
    ("last_name", "Lovelace"),
    ("email", "Ada@Example.com"),
    ("password", "analytical engines weave algebra"),
];

fn token_of(link: &str) -> String {
    let url = reqwest::Url::parse(link).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
        .unwrap()
}

fn with_token<'a>(token: &'a str, form: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    std::iter::once(("token", token))
        .chain(form.iter().copied())
        .collect()
}

async fn an_empty_database_offers_a_setup_link_built_from_the_base_url(backend: Backend) {
    let app = spawn_app(backend).await;
    let link = app
        .setup_link
        .clone()
        .expect("a setup link on an empty database");
    assert!(
        link.starts_with(&format!("{BASE_URL}/setup?token=")),
        "{link}"
    );
    assert_eq!(token_of(&link).len(), 43, "32 random bytes, base64url");
}

async fn the_setup_link_creates_the_workspace_and_signs_the_owner_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = token_of(app.setup_link.as_deref().unwrap());
    let response = app
        .call("create_first_workspace", &with_token(&token, &FORM))
        .await;
    assert_eq!(response.status(), 200, "{:?}", response.text().await);
    assert_eq!(response.headers()["location"], "/");

    let members = app.call("list_members", &[]).await;
    assert_eq!(members.status(), 200);
    let members: serde_json::Value = members.json().await.unwrap();
    assert_eq!(
        members["rows"][0]["email"], "ada@example.com",
        "stored normalised"
    );
    assert_eq!(members["rows"][0]["name"], "Ada Lovelace");
    assert_eq!(members["rows"][0]["state"], "Active");
    assert_eq!(members["rows"][0]["groups"], serde_json::json!(["Owners"]));
    assert_eq!(
        app.count("select count(*) from user_group").await,
        5,
        "default groups"
    );
    assert_eq!(
        app.count("select count(*) from audit_event where action = 'workspace.created'")
            .await,
        1
    );

    let again = app
        .call("create_first_workspace", &with_token(&token, &FORM))
        .await;
    assert_eq!(again.status(), 409);
    assert_eq!(app.count("select count(*) from workspace").await, 1);
}

async fn a_wrong_setup_token_is_refused_and_creates_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app
        .call("create_first_workspace", &with_token("guessed", &FORM))
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(app.count("select count(*) from workspace").await, 0);
    assert_eq!(app.count("select count(*) from account").await, 0);
}

async fn invalid_setup_input_reports_each_field_and_creates_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = token_of(app.setup_link.as_deref().unwrap());
    let bad = [
        ("workspace_name", " "),
        ("first_name", ""),
        ("last_name", "Lovelace"),
        ("email", "ada\r\n@x"),
        ("password", "short"),
    ];
    let response = app
        .call("create_first_workspace", &with_token(&token, &bad))
        .await;
    assert_eq!(response.status(), 422);
    let body: serde_json::Value = response.json().await.unwrap();
    let fields: Vec<&str> = body["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["workspace_name", "first_name", "email", "password"]
    );
    assert!(
        body.to_string()
            .contains("Password must be at least 15 characters")
    );
    assert_eq!(app.count("select count(*) from account").await, 0);
}

async fn concurrent_setups_create_exactly_one_workspace(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = token_of(app.setup_link.as_deref().unwrap());
    let attempts = (0..6).map(|i| {
        let (app_url, token) = (app.url("/api/create_first_workspace"), token.clone());
        tokio::spawn(async move {
            let email = format!("owner{i}@example.com");
            let mut form = with_token(&token, &FORM);
            form[4] = ("email", &email);
            browser_client()
                .post(app_url)
                .form(&form)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    });
    let statuses: Vec<u16> = futures::future::join_all(attempts)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 409),
        "{statuses:?}"
    );
    assert_eq!(app.count("select count(*) from workspace").await, 1);
    assert_eq!(app.count("select count(*) from account").await, 1);
}

async fn bootstrap_from_the_environment_creates_a_working_owner(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    assert!(app.setup_link.is_none(), "no setup link once set up");
    assert_eq!(
        app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await.headers()["location"],
        "/"
    );
    let hash: String = sqlx::query_scalar("select password_hash from account")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
}

async fn a_weak_bootstrap_password_stops_start_up_naming_the_variable(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database(backend, dir.path()).await;
    let key_file = dir.path().join("secret.key").display().to_string();
    let vars = [
        ("DATABASE_URL", database_url.as_str()),
        ("SECRET_KEY_FILE", key_file.as_str()),
        ("LISTEN_ADDR", "127.0.0.1:0"),
        ("PORTICO_BOOTSTRAP_EMAIL", "owner@example.com"),
        ("PORTICO_BOOTSTRAP_PASSWORD", "too short"),
    ];
    let vars = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let config = server::config::Config::from_vars(&vars).unwrap();
    let Err(error) = server::start(config).await else {
        panic!("start-up must fail")
    };
    assert!(
        error.to_string().contains("PORTICO_BOOTSTRAP_PASSWORD"),
        "{error}"
    );
}

on_both_databases!(
    an_empty_database_offers_a_setup_link_built_from_the_base_url,
    the_setup_link_creates_the_workspace_and_signs_the_owner_in,
    a_wrong_setup_token_is_refused_and_creates_nothing,
    invalid_setup_input_reports_each_field_and_creates_nothing,
    concurrent_setups_create_exactly_one_workspace,
    bootstrap_from_the_environment_creates_a_working_owner,
    a_weak_bootstrap_password_stops_start_up_naming_the_variable,
);
