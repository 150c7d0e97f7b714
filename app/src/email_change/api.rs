#[cfg(feature = "ssr")]
use crate::context::port;
use crate::domain::ActionDone;
use crate::email_change::EmailChangeLink;
#[cfg(feature = "ssr")]
use crate::email_change::port::EmailChanges;
use crate::error::AppError;
use leptos::prelude::*;

/// From the account page. Field names match its form.
#[server(prefix = "/api", endpoint = "request_email_change")]
pub async fn request_email_change(
    email: String,
    email_password: String,
) -> Result<ActionDone, AppError> {
    use crate::context::{actor, client_addr, report};
    use crate::domain::EmailAddress;
    use crate::error::FormCheck;
    use crate::error::non_empty;

    let actor = actor()?;
    let mut form = FormCheck::default();
    let new_email = form.field(
        "email",
        EmailAddress::parse(&email).and_then(|email| {
            if email.as_str() == actor.email {
                Err("That is already your sign-in address")
            } else {
                Ok(email)
            }
        }),
    );
    // Its own name: the account page's password form has a `current_password` too, and an
    // error summary links each error to its field by name.
    let current = form.field(
        "email_password",
        non_empty(&email_password, "Enter your password"),
    );
    let (Some(new_email), Some(current)) = (new_email, current) else {
        return Err(form.into_error());
    };
    let done = port::<dyn EmailChanges>()?
        .request(&actor, &new_email, current, client_addr())
        .await?;
    report(&done, None).await?;
    Ok(done)
}

/// What the confirmation link this browser opened allows.
#[server(prefix = "/api", endpoint = "email_change/email_change_preview")]
pub async fn email_change_preview() -> Result<EmailChangeLink, AppError> {
    use crate::context::{client_addr, email_change_token};

    let Ok(token) = email_change_token() else {
        return Ok(EmailChangeLink::Unavailable);
    };
    port::<dyn EmailChanges>()?
        .preview(&token, client_addr())
        .await
}

#[server(prefix = "/api", endpoint = "email_change/confirm_email_change")]
pub async fn confirm_email_change() -> Result<(), AppError> {
    use crate::context::{client_addr, email_change_token};

    let token = email_change_token().map_err(|_| link_gone())?;
    port::<dyn EmailChanges>()?
        .confirm(&token, client_addr())
        .await?;
    leptos_axum::redirect(crate::routes::EMAIL_CHANGE_DONE);
    Ok(())
}

pub fn link_gone() -> AppError {
    AppError::Conflict(
        "This confirmation link can no longer be used. Ask for a new one from your account page"
            .into(),
    )
}
