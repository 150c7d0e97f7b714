use crate::components::ProblemNotice;
use crate::mailbox::MailboxMessage;
use crate::mailbox::api::dev_mailbox;
use leptos::prelude::*;
use leptos_meta::Title;

/// What Portico would have emailed, for a development setup without SMTP.
#[component]
pub fn MailboxPage() -> impl IntoView {
    let messages = Resource::new(|| (), |_| dev_mailbox());
    view! {
        <Title text="Development mailbox" />
        <h1>"Development mailbox"</h1>
        <p class="warning" role="note">
            <strong>"Development only. "</strong>
            "No SMTP server is configured (SMTP_URL), so emails are kept here instead of being sent. \
             Set SMTP_URL to send real email; this page then disappears."
        </p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match messages.await {
                    Ok(list) if list.is_empty() => view! { <p>"No messages yet."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="mailbox">
                            {list.into_iter().map(|message| view! { <Message message /> }).collect::<Vec<_>>()}
                        </ul>
                    }.into_any(),
                    Err(problem) => view! { <ProblemNotice problem=problem /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Message(message: MailboxMessage) -> impl IntoView {
    let link = message.first_link().map(str::to_owned);
    view! {
        <li>
            <article aria-label=message.subject.clone()>
                <h2>{message.subject.clone()}</h2>
                <p class="hint">"To "{message.recipient.clone()}", "{message.delivered_at.clone()}</p>
                {link.map(|link| view! { <p><a href=link>"Open the link in this email"</a></p> })}
                <pre class="mail-body">{message.text_body.clone()}</pre>
            </article>
        </li>
    }
}
