use crate::helpers::*;
use crate::members::group_id;

async fn owner(backend: Backend) -> TestApp {
    let app = spawn_app_with_owner(backend).await;
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    app
}

fn person(i: usize, first: &str, last: &str, email: &str) -> Vec<(String, String)> {
    [("first_name", first), ("last_name", last), ("email", email)]
        .into_iter()
        .map(|(field, value)| (format!("people[{i}][{field}]"), value.to_owned()))
        .collect()
}

async fn post(app: &TestApp, function: &str, form: &[(String, String)]) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/{function}")))
        .form(form)
        .send()
        .await
        .unwrap()
}

/// The Groups step: tick Developers, then Next.
async fn choose_developers_and_go_on(app: &TestApp) {
    let developers = group_id(app, "Developers").await;
    let form = [
        ("group_ids[0]".into(), developers),
        ("intent".into(), "next".into()),
    ];
    let response = post(app, "save_groups", &form).await;
    assert_eq!(
        response.headers()["location"],
        "/settings/users/add/overview"
    );
}

async fn draft(app: &TestApp) -> serde_json::Value {
    app.call("load_draft", &[]).await.json().await.unwrap()
}

async fn what_was_typed_is_kept_even_when_it_is_invalid(backend: Backend) {
    let app = owner(backend).await;
    let mut form = person(0, "Grace", "", "grace-at-example");
    form.push(("intent".into(), "next".into()));
    let response = post(&app, "save_people", &form).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("person-0-last_name") && body.contains("person-0-email"),
        "{body}"
    );
    let saved = draft(&app).await;
    assert_eq!(saved["people"][0]["first_name"], "Grace");
    assert_eq!(saved["people"][0]["email"], "grace-at-example");
}

async fn rows_are_added_and_removed_and_next_moves_to_groups(backend: Backend) {
    let app = owner(backend).await;
    let mut form = person(0, "Grace", "Hopper", "grace@example.com");
    form.push(("intent".into(), "add".into()));
    assert_eq!(
        post(&app, "save_people", &form).await.headers()["location"],
        "/settings/users/add"
    );
    let saved = draft(&app).await;
    let keys = row_keys(&saved);
    assert_eq!(keys.len(), 2);
    assert_ne!(keys[0], keys[1], "each row has a key of its own");

    let mut form = keyed(
        person(0, "Grace", "Hopper", "grace@example.com"),
        0,
        keys[0],
    );
    form.extend(keyed(
        person(1, "Alan", "Turing", "alan@example.com"),
        1,
        keys[1],
    ));
    form.push(("intent".into(), format!("remove-{}", keys[0])));
    post(&app, "save_people", &form).await;
    let saved = draft(&app).await;
    assert_eq!(saved["people"].as_array().unwrap().len(), 1);
    assert_eq!(saved["people"][0]["email"], "alan@example.com");

    let mut form = person(0, "Alan", "Turing", "alan@example.com");
    form.push(("intent".into(), "next".into()));
    let response = post(&app, "save_people", &form).await;
    assert_eq!(response.headers()["location"], "/settings/users/add/groups");
}

/// Remove names the row's key, not its position: the person beside the button goes, whatever
/// order the rows arrive in.
async fn remove_takes_the_person_whose_key_it_names(backend: Backend) {
    let app = owner(backend).await;
    let people = [
        (7, "Ada", "ada@example.com"),
        (3, "Grace", "grace@example.com"),
        (9, "Alan", "alan@example.com"),
        (4, "Edsger", "edsger@example.com"),
    ];
    let mut form = Vec::new();
    for (index, (key, first, email)) in people.into_iter().enumerate() {
        form.extend(keyed(person(index, first, "Test", email), index, key));
    }
    form.push(("intent".into(), "remove-9".into()));
    post(&app, "save_people", &form).await;
    let saved = draft(&app).await;
    let emails: Vec<&str> = saved["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        emails,
        ["ada@example.com", "grace@example.com", "edsger@example.com"]
    );
    assert_eq!(row_keys(&saved), [7, 3, 4]);
}

async fn cancel_throws_the_draft_away_and_returns_to_users(backend: Backend) {
    let app = owner(backend).await;
    let mut form = person(0, "Grace", "Hopper", "grace@example.com");
    form.push(("intent".into(), "add".into()));
    post(&app, "save_people", &form).await;
    let response = post(&app, "cancel_draft", &[]).await;
    assert_eq!(response.headers()["location"], "/settings/users");
    let saved = draft(&app).await;
    assert_eq!(saved["people"].as_array().unwrap().len(), 1);
    assert_eq!(saved["people"][0]["email"], "");
}

fn keyed(mut row: Vec<(String, String)>, index: usize, key: u64) -> Vec<(String, String)> {
    row.push((format!("people[{index}][key]"), key.to_string()));
    row
}

fn row_keys(draft: &serde_json::Value) -> Vec<u64> {
    draft["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["key"].as_u64().unwrap())
        .collect()
}

async fn step_one_reports_addresses_already_in_the_workspace(backend: Backend) {
    let app = owner(backend).await;
    let mut form = person(0, "The", "Owner", "OWNER@example.com");
    form.push(("intent".into(), "next".into()));
    let response = post(&app, "save_people", &form).await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Someone with this email address is already a member")
    );
}

async fn the_groups_step_needs_one_group_and_keeps_the_choice(backend: Backend) {
    let app = owner(backend).await;
    let next = [("intent".to_owned(), "next".to_owned())];
    let response = post(&app, "save_groups", &next).await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Select at least one group")
    );

    let developers = group_id(&app, "Developers").await;
    let search = [
        ("group_ids[0]".to_owned(), developers.clone()),
        ("intent".into(), "search".into()),
        ("q".into(), "dev ops".into()),
    ];
    let response = post(&app, "save_groups", &search).await;
    assert_eq!(
        response.headers()["location"],
        "/settings/users/add/groups?q=dev%20ops"
    );
    assert_eq!(draft(&app).await["group_ids"][0], developers);
    let bad = [
        ("group_ids[0]".to_owned(), "nonsense".to_owned()),
        ("intent".into(), "next".into()),
    ];
    assert_eq!(post(&app, "save_groups", &bad).await.status(), 400);
    let unknown = [("intent".to_owned(), "explode".to_owned())];
    assert_eq!(post(&app, "save_groups", &unknown).await.status(), 400);
}

async fn add_invites_the_draft_clears_it_and_shows_the_links_once(backend: Backend) {
    let app = owner(backend).await;
    let mut form = person(0, "Grace", "Hopper", "grace@example.com");
    form.push(("intent".into(), "next".into()));
    post(&app, "save_people", &form).await;
    choose_developers_and_go_on(&app).await;

    let response = app.call("add_invited", &[]).await;
    assert_eq!(response.headers()["location"], "/settings/users/add/done");
    assert_eq!(app.count("select count(*) from invitation").await, 1);
    assert_eq!(app.count("select count(*) from invitation_draft").await, 0);

    let created: serde_json::Value = app
        .call("take_created_invitations", &[])
        .await
        .json()
        .await
        .unwrap();
    let link = created[0]["link"].as_str().unwrap().to_owned();
    assert!(link.contains("/join?token="));
    let token = link.split("token=").nth(1).unwrap();
    assert_no_row_contains(
        &app,
        "select data from session",
        token,
        "links wait in the session sealed",
    )
    .await;
    let again: serde_json::Value = app
        .call("take_created_invitations", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again, serde_json::json!([]), "shown once");
    assert_eq!(
        draft(&app).await["people"][0]["email"],
        "",
        "a fresh draft afterwards"
    );
}

async fn add_with_an_incomplete_draft_creates_nothing(backend: Backend) {
    let app = owner(backend).await;
    let response = app.call("add_invited", &[]).await;
    assert_eq!(response.status(), 422);
    assert_eq!(app.count("select count(*) from invitation").await, 0);
}

async fn the_wizard_refuses_anyone_who_may_not_invite(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    for function in [
        "load_draft",
        "list_countries",
        "add_invited",
        "take_created_invitations",
        "list_groups",
    ] {
        assert_eq!(app.call(function, &[]).await.status(), 401, "{function}");
    }
    crate::members::sign_in_as_new_member(&app, "dev@example.com", "Developers").await;
    for function in [
        "load_draft",
        "list_countries",
        "add_invited",
        "take_created_invitations",
        "list_groups",
    ] {
        assert_eq!(app.call(function, &[]).await.status(), 403, "{function}");
    }
    let mut form = person(0, "Grace", "Hopper", "grace@example.com");
    form.push(("intent".into(), "next".into()));
    assert_eq!(post(&app, "save_people", &form).await.status(), 403);
    assert_eq!(app.count("select count(*) from invitation_draft").await, 0);
}

async fn without_javascript_step_errors_come_back_to_the_step(backend: Backend) {
    let app = owner(backend).await;
    let response = app
        .submit_form("save_people", "/settings/users/add", &[("intent", "next")])
        .await;
    let page = app
        .page_after_form_error(response, "/settings/users/add")
        .await;
    assert!(page.contains("Enter a first name") && page.contains("There is a problem"));
}

async fn phone_numbers_are_checked_for_their_country(backend: Backend) {
    let app = owner(backend).await;
    let mut form = person(0, "Grace", "Hopper", "grace@example.com");
    form.push(("people[0][country]".into(), "GB".into()));
    form.push(("people[0][phone]".into(), "12345".into()));
    form.push(("intent".into(), "next".into()));
    let response = post(&app, "save_people", &form).await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Enter a valid phone number for United Kingdom")
    );

    form[4].1 = "020 7946 0958".into();
    assert_eq!(
        post(&app, "save_people", &form).await.headers()["location"],
        "/settings/users/add/groups"
    );
    choose_developers_and_go_on(&app).await;
    app.call("add_invited", &[]).await;
    let stored: (String, String) =
        sqlx::query_as("select country_code, phone from member where email = 'grace@example.com'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        stored,
        ("GB".to_owned(), "+442079460958".to_owned()),
        "kept in E.164"
    );
}

on_both_databases!(
    phone_numbers_are_checked_for_their_country,
    what_was_typed_is_kept_even_when_it_is_invalid,
    rows_are_added_and_removed_and_next_moves_to_groups,
    remove_takes_the_person_whose_key_it_names,
    cancel_throws_the_draft_away_and_returns_to_users,
    step_one_reports_addresses_already_in_the_workspace,
    the_groups_step_needs_one_group_and_keeps_the_choice,
    add_invites_the_draft_clears_it_and_shows_the_links_once,
    add_with_an_incomplete_draft_creates_nothing,
    the_wizard_refuses_anyone_who_may_not_invite,
    without_javascript_step_errors_come_back_to_the_step,
);
