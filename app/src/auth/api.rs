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
    use crate::error::FormCheck;

    let mut form = FormCheck::default();
    let email = form.field("email", EmailAddress::parse(&email));
    let password = form.field("password", non_empty(&password, "Enter your password"));
    let (Some(email), Some(password)) = (email, password) else {
        return Err(form.into_error());
    };
    let signed_in = port::<dyn Authenticator>()?
        .authenticate(&email, password, client_addr())
        .await?;
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

/// The field as given, or `message` when it is empty (passwords are never trimmed).
#[cfg(feature = "ssr")]
pub(crate) fn non_empty<'a>(
    value: &'a str,
    message: &'static str,
) -> Result<&'a str, &'static str> {
    if value.is_empty() {
        Err(message)
    } else {
        Ok(value)
    }
}
