use crate::helpers::*;

async fn the_owner_signs_in_gets_a_safe_session_cookie_and_signs_out(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    let response = app.sign_in("Owner@Example.COM", OWNER_PASSWORD).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["location"], "/");
    let cookie = set_cookie(&response, "portico_session").expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    let session_id = cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned();
    let stored: String = sqlx::query_scalar("select session_id from session")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_ne!(
        stored, session_id,
        "only a hash of the session id is stored"
    );
    assert_eq!(stored.len(), 64);

    assert_eq!(app.get("/settings/users").await.status(), 200);
    let signed_out = app.call("sign_out", &[]).await;
    assert_eq!(signed_out.status(), 200);
    assert_eq!(signed_out.headers()["location"], "/sign-in");
    assert_eq!(
        app.count("select count(*) from session").await,
        0,
        "the server-side session is deleted"
    );
    assert_eq!(app.call("list_members", &[]).await.status(), 401);
    assert_eq!(
        app.get("/settings/users").await.headers()["location"],
        "/sign-in"
    );
}

async fn an_old_session_id_is_worthless_after_sign_in(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    // An anonymous request that stores nothing gets no cookie; sign in twice and compare.
    let first = app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    let first_id = set_cookie(&first, "portico_session").unwrap().to_owned();
    let second = app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    let second_id = set_cookie(&second, "portico_session").unwrap().to_owned();
    assert_ne!(first_id, second_id, "a new session id at every sign-in");
    let stale = browser_client();
    let response = stale
        .post(app.url("/api/list_members"))
        .header("cookie", first_id.split(';').next().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
}

async fn unknown_email_and_wrong_password_get_the_same_answer(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    let wrong = app
        .sign_in(OWNER_EMAIL, "not the password at all, sorry")
        .await;
    let (wrong_status, wrong_body) = (wrong.status(), wrong.text().await.unwrap());
    let unknown = app
        .sign_in("nobody@example.com", "not the password at all, sorry")
        .await;
    let (unknown_status, unknown_body) = (unknown.status(), unknown.text().await.unwrap());
    assert_eq!(wrong_status, 401);
    assert_eq!((wrong_status, &wrong_body), (unknown_status, &unknown_body));
    assert!(wrong_body.contains("InvalidCredentials"));
    assert_eq!(
        app.count("select count(*) from audit_event where action = 'sign_in.failed'")
            .await,
        2
    );
    assert_eq!(app.count("select count(*) from session").await, 0);
}

async fn the_wrong_password_message_comes_back_to_a_form_without_javascript(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    let response = app
        .submit_form(
            "sign_in",
            "/sign-in",
            &[
                ("email", OWNER_EMAIL),
                ("password", "wrong wrong wrong wrong"),
            ],
        )
        .await;
    let page = app.page_after_form_error(response, "/sign-in").await;
    assert!(
        page.contains("The email address or password is incorrect"),
        "{page}"
    );
}

async fn repeated_attempts_on_one_account_are_throttled_even_with_the_right_password(
    backend: Backend,
) {
    let app = spawn_app_with(
        backend,
        &[
            ("PORTICO_BOOTSTRAP_EMAIL", OWNER_EMAIL),
            ("PORTICO_BOOTSTRAP_PASSWORD", OWNER_PASSWORD),
            ("LOGIN_ATTEMPTS_PER_ACCOUNT", "3"),
        ],
    )
    .await;
    for _ in 0..3 {
        assert_eq!(
            app.sign_in(OWNER_EMAIL, "guess guess guess guess")
                .await
                .status(),
            401
        );
    }
    let throttled = app.sign_in("OWNER@example.com", OWNER_PASSWORD).await;
    assert_eq!(throttled.status(), 429);
    assert!(throttled.text().await.unwrap().contains("TooManyRequests"));
}

async fn one_client_is_throttled_across_accounts(backend: Backend) {
    let app = spawn_app_with(backend, &[("LOGIN_ATTEMPTS_PER_CLIENT", "4")]).await;
    for i in 0..4 {
        let status = app
            .sign_in(&format!("user{i}@example.com"), "guess guess guess guess")
            .await
            .status();
        assert_eq!(status, 401);
    }
    assert_eq!(
        app.sign_in("user9@example.com", "guess guess guess guess")
            .await
            .status(),
        429
    );
}

async fn malformed_sign_in_requests_are_client_errors(backend: Backend) {
    let app = spawn_app_with_owner(backend).await;
    let missing = app.call("sign_in", &[("email", OWNER_EMAIL)]).await;
    assert_eq!(missing.status(), 400);
    let bad_email = app
        .sign_in("owner\r\n@example.com", "whatever whatever")
        .await;
    assert_eq!(bad_email.status(), 422);
    let body = bad_email.text().await.unwrap();
    assert!(
        body.contains("Enter an email address in the format name@example.com"),
        "{body}"
    );
    let huge = "x".repeat(100_000);
    let status = app.sign_in(&huge, &huge).await.status();
    assert!(status.is_client_error(), "{status}");
}

on_both_databases!(
    the_owner_signs_in_gets_a_safe_session_cookie_and_signs_out,
    an_old_session_id_is_worthless_after_sign_in,
    unknown_email_and_wrong_password_get_the_same_answer,
    the_wrong_password_message_comes_back_to_a_form_without_javascript,
    repeated_attempts_on_one_account_are_throttled_even_with_the_right_password,
    one_client_is_throttled_across_accounts,
    malformed_sign_in_requests_are_client_errors,
);
