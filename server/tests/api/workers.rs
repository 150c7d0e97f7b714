use crate::helpers::*;
use crate::members::group_id;
use crate::smtp::MailDev;
use std::collections::HashSet;

/// Two server processes, two delivery workers, one database: every message goes out once.
async fn two_instances_deliver_each_message_exactly_once(backend: Backend) {
    let port = MailDev::start().await.stop();
    let smtp = format!("smtp://127.0.0.1:{port}");
    let vars: Vec<(&str, &str)> = OWNER_BOOTSTRAP
        .iter()
        .copied()
        .chain([("SMTP_URL", smtp.as_str())])
        .collect();
    let app = spawn_app_with(backend, &vars).await;
    let second = app.another_instance().await;
    app.sign_in(OWNER_EMAIL, OWNER_PASSWORD).await;
    let developers = group_id(&app, "Developers").await;

    // SMTP is down while the invitations are made, so every message waits in the outbox.
    let people = 30;
    let mut form: Vec<(String, String)> = vec![("group_ids[0]".into(), developers)];
    for i in 0..people {
        form.push((format!("people[{i}][first_name]"), "Person".into()));
        form.push((format!("people[{i}][last_name]"), format!("{i}")));
        form.push((
            format!("people[{i}][email]"),
            format!("person{i}@example.com"),
        ));
    }
    let response = app
        .client
        .post(app.url("/api/invite_people"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    // Every message has failed once, so no worker still holds one (a failure unlocks it, and the
    // first retry is 24 s or more away): releasing them below cannot hand one to both workers.
    crate::invitations::wait_until(|| async {
        app.count("select count(*) from outbox where last_error is not null")
            .await
            == people as i64
    })
    .await;

    // SMTP returns; everything is due at once and both workers are woken together.
    let maildev = MailDev::start_on(port).await;
    sqlx::query("update outbox set next_attempt_at = created_at, locked_until = null")
        .execute(app.db.pool())
        .await
        .unwrap();
    app.state.mailer.wakeup.notify_one();
    second.state.mailer.wakeup.notify_one();

    maildev.wait_for(people).await;
    crate::invitations::wait_until(|| async {
        app.count("select count(*) from outbox where state = 'sent'")
            .await
            == people as i64
    })
    .await;
    // A worker sends only what its claim returned, each claim counts an attempt, and a sent
    // message is never claimed again. Every message is sent, after two attempts (the failure
    // while SMTP was down, then one claim): no second copy was sent or can still be on its way.
    assert_eq!(
        app.count("select count(*) from outbox where attempts = 2")
            .await,
        people as i64,
        "each message claimed by one worker once"
    );
    let messages = maildev.messages().await;
    let recipients: HashSet<String> = messages
        .iter()
        .map(|m| m["to"][0]["address"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(messages.len(), people, "no message twice");
    assert_eq!(recipients.len(), people, "every recipient once");
    second.serving.abort();
}

on_both_databases!(two_instances_deliver_each_message_exactly_once);
