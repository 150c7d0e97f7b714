#[cfg(feature = "ssr")]
use crate::context::port;
use crate::error::AppError;
use crate::password_reset::ResetPreview;
#[cfg(feature = "ssr")]
use crate::password_reset::port::PasswordResets;
use leptos::prelude::*;

/// Asks for a reset link; lands on the page that says one is on its way, whoever the address
/// belongs to (docs/security.md §37).
#[server(prefix = "/api", endpoint = "password_reset/request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::context::client_addr;
    use crate::domain::EmailAddress;
    use crate::error::FormCheck;

    let mut form = FormCheck::default();
    let Some(email) = form.field("email", EmailAddress::parse(&email)) else {
        return Err(form.into_error());
    };
    port::<dyn PasswordResets>()?
        .request(&email, client_addr())
        .await?;
    leptos_axum::redirect(crate::routes::PASSWORD_RESET_SENT);
    Ok(())
}

/// What the reset link this browser opened allows.
#[server(prefix = "/api", endpoint = "password_reset/password_reset_preview")]
pub async fn password_reset_preview() -> Result<ResetPreview, AppError> {
    use crate::context::{client_addr, password_reset_token};

    let Ok(token) = password_reset_token() else {
        return Ok(ResetPreview::Unavailable);
    };
    port::<dyn PasswordResets>()?
        .preview(&token, client_addr())
        .await
}

/// Sets the new password from the reset link, then sends the browser to sign in afresh.
#[server(prefix = "/api", endpoint = "password_reset/complete_password_reset")]
pub async fn complete_password_reset(
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::context::{client_addr, password_reset_token};
    use crate::error::FormCheck;

    let token = password_reset_token().map_err(|_| link_gone())?;
    let mut form = FormCheck::default();
    // The port checks the rules again against the account's name and address.
    if form
        .new_password(&password, &confirm_password, &[])
        .is_none()
    {
        return Err(form.into_error());
    }
    port::<dyn PasswordResets>()?
        .complete(&token, &password, client_addr())
        .await?;
    leptos_axum::redirect(crate::routes::PASSWORD_RESET_DONE);
    Ok(())
}

/// The answer when the browser holds no reset link (its cookie lapsed, or was never set).
pub fn link_gone() -> AppError {
    AppError::Conflict("This reset link can no longer be used. Ask for a new one".into())
}
