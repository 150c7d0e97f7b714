use crate::account::AccountView;
#[cfg(feature = "ssr")]
use crate::account::port::OwnAccount;
#[cfg(feature = "ssr")]
use crate::context::port;
use crate::domain::ActionDone;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in person's account and sessions.
#[server(prefix = "/api", endpoint = "my_account")]
pub async fn my_account() -> Result<AccountView, AppError> {
    let actor = crate::context::actor()?;
    let current = current_handle().await?;
    port::<dyn OwnAccount>()?.overview(&actor, &current).await
}

#[server(prefix = "/api", endpoint = "change_display_name")]
pub async fn change_display_name(display_name: String) -> Result<ActionDone, AppError> {
    use crate::context::{actor, client_addr, report};
    use crate::domain::PersonName;
    use crate::error::FormCheck;

    let actor = actor()?;
    let mut form = FormCheck::default();
    let Some(name) = form.field(
        "display_name",
        PersonName::parse(&display_name, "a display name"),
    ) else {
        return Err(form.into_error());
    };
    let done = port::<dyn OwnAccount>()?
        .rename(&actor, name, client_addr())
        .await?;
    report(&done, None).await?;
    Ok(done)
}

/// Field names match the account page's password form.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    password: String,
    confirm_password: String,
) -> Result<ActionDone, AppError> {
    use crate::context::{actor, client_addr, report};
    use crate::error::FormCheck;
    use crate::error::non_empty;

    let actor = actor()?;
    let mut form = FormCheck::default();
    let current = form.field(
        "current_password",
        non_empty(&current_password, "Enter your current password"),
    );
    // The port checks the rules again against the account's name and address.
    let personal = [actor.display_name.as_str(), actor.email.as_str()];
    let new = form.new_password(&password, &confirm_password, &personal);
    let (Some(current), Some(_)) = (current, new) else {
        return Err(form.into_error());
    };
    let done = port::<dyn OwnAccount>()?
        .change_password(
            &actor,
            current,
            &password,
            &current_handle().await?,
            client_addr(),
        )
        .await?;
    report(&done, None).await?;
    Ok(done)
}

#[server(prefix = "/api", endpoint = "end_session")]
pub async fn end_session(handle: String) -> Result<ActionDone, AppError> {
    use crate::context::{actor, client_addr, report};

    let actor = actor()?;
    if handle == current_handle().await? {
        return Err(AppError::Conflict(
            "That is this session. Use Sign out to end it".into(),
        ));
    }
    let done = port::<dyn OwnAccount>()?
        .end_session(&actor, &handle, client_addr())
        .await?;
    report(&done, None).await?;
    Ok(done)
}

#[server(prefix = "/api", endpoint = "end_other_sessions")]
pub async fn end_other_sessions() -> Result<ActionDone, AppError> {
    use crate::context::{actor, client_addr, report};

    let actor = actor()?;
    let done = port::<dyn OwnAccount>()?
        .end_other_sessions(&actor, &current_handle().await?, client_addr())
        .await?;
    report(&done, None).await?;
    Ok(done)
}

/// The handle of this request's session (a signed-in request always has one).
#[cfg(feature = "ssr")]
async fn current_handle() -> Result<String, AppError> {
    crate::context::session()?
        .handle()
        .await
        .ok_or(AppError::Unauthenticated)
}
