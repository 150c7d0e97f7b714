#[cfg(feature = "ssr")]
use crate::auth::port::Authenticator;
#[cfg(feature = "ssr")]
use crate::context::port;
use crate::domain::Actor;
use crate::error::AppError;
use leptos::prelude::*;

/// Signs in and lands where the landing rule says (`/` decides, whatever the path to it: a
/// form post without JavaScript or a server function call with it). Field names match the
/// sign-in form.
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use crate::context::{client_addr, start_session_and_land};
    use crate::domain::EmailAddress;
    use crate::error::{FormCheck, non_empty};

    let mut form = FormCheck::default();
    let email = form.field("email", EmailAddress::parse(&email));
    let password = form.field("password", non_empty(&password, "Enter your password"));
    let (Some(email), Some(password)) = (email, password) else {
        return Err(form.into_error());
    };
    let signed_in = port::<dyn Authenticator>()?
        .authenticate(&email, password, client_addr())
        .await?;
    let (account_id, workspace_id) = (signed_in.account_id, Some(signed_in.workspace_id));
    let code_page = crate::routes::SIGN_IN_TWO_FACTOR;
    if crate::two_factor::api::ask_for_second_factor(account_id, workspace_id, code_page).await? {
        return Ok(());
    }
    start_session_and_land(signed_in).await
}

#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    crate::context::session()?.end().await?;
    leptos_axum::redirect(crate::routes::SIGN_IN);
    Ok(())
}

/// The signed-in actor, or `None` for an anonymous visitor.
#[server(prefix = "/api", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<Actor>, AppError> {
    crate::context::signed_in_actor()
}
