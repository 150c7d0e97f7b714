//! The invitee's journey. None of these takes a token argument: the server moved the link's
//! token into a cookie and hands it over through request extensions (docs/security.md §8).
//! Endpoints live under `/api/join/`, which the server serves with `no-referrer` and `no-store`.

#[cfg(feature = "ssr")]
use crate::auth::port::Authenticator;
#[cfg(feature = "ssr")]
use crate::context::port;
use crate::error::AppError;
use crate::joining::JoinPreview;
#[cfg(feature = "ssr")]
use crate::joining::port::Joining;
use leptos::prelude::*;

/// What the link's page shows. Changes nothing, however often it is called (docs/security.md §7).
#[server(prefix = "/api", endpoint = "join/invitation_preview")]
pub async fn invitation_preview() -> Result<JoinPreview, AppError> {
    use crate::context::{client_addr, invitation_token, signed_in_actor};

    let Ok(token) = invitation_token() else {
        return Ok(JoinPreview::Unavailable);
    };
    let mut preview = port::<dyn Joining>()?
        .preview(&token, client_addr())
        .await?;
    if let JoinPreview::Open(view) = &mut preview {
        view.signed_in_as = signed_in_actor()?.map(|actor| actor.email);
        if let Some(typed) = crate::context::session()?.typed_name().await? {
            view.suggested_display_name = typed;
        }
    }
    Ok(preview)
}

/// A new person: creates their account with the invitation's address (a posted `email` is
/// ignored: there is no such argument), joins, signs in, lands in the workspace.
#[server(prefix = "/api", endpoint = "join/accept_invitation")]
pub async fn accept_invitation(
    display_name: String,
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    let accepted = accept_new_account(&display_name, &password, &confirm_password).await;
    // Only a form posted without JavaScript comes back as a new page that needs the name (the
    // join pages ship no script, but a server function's own client would keep its form), so
    // the session of someone not yet signed in stays empty otherwise.
    if accepted.is_err() && crate::context::posted_without_javascript() {
        crate::context::session()?
            .remember_typed_name(&display_name)
            .await?;
    }
    accepted
}

#[cfg(feature = "ssr")]
async fn accept_new_account(
    display_name: &str,
    password: &str,
    confirm_password: &str,
) -> Result<(), AppError> {
    use crate::context::{client_addr, invitation_token, signed_in_actor, start_session_and_land};
    use crate::domain::PersonName;
    use crate::error::FormCheck;

    let token = invitation_token().map_err(|_| link_gone())?;
    if signed_in_actor()?.is_some() {
        return Err(signed_in_elsewhere());
    }
    let mut form = FormCheck::default();
    let name = form.field(
        "display_name",
        PersonName::parse(display_name, "a display name"),
    );
    // The port checks the password again against the invitation's names and address.
    let personal = [name.as_ref().map_or("", PersonName::as_str)];
    let password_ok = form.new_password(password, confirm_password, &personal);
    let (Some(name), Some(_)) = (name, password_ok) else {
        return Err(form.into_error());
    };
    let signed_in = port::<dyn Joining>()?
        .accept_new_account(&token, name, password, client_addr())
        .await?;
    start_session_and_land(signed_in).await
}

/// Someone already signed in with the invitation's address joins the workspace.
#[server(prefix = "/api", endpoint = "join/join_workspace")]
pub async fn join_workspace() -> Result<(), AppError> {
    use crate::context::{actor, client_addr, invitation_token, start_session_and_land};

    let token = invitation_token().map_err(|_| link_gone())?;
    let actor = actor()?;
    let signed_in = port::<dyn Joining>()?
        .accept_existing_account(&token, actor.account_id, client_addr())
        .await?;
    start_session_and_land(signed_in).await
}

/// Someone with an account signs in with the invitation's address, then comes back to the
/// page to `Join`. An account with no active workspace left joins at once: there is nowhere
/// else to sign in to.
#[server(prefix = "/api", endpoint = "join/sign_in_to_join")]
pub async fn sign_in_to_join(password: String) -> Result<(), AppError> {
    use crate::context::{client_addr, invitation_token};
    use crate::error::FormCheck;
    use crate::error::non_empty;

    let token = invitation_token().map_err(|_| link_gone())?;
    let mut form = FormCheck::default();
    if form
        .field("password", non_empty(&password, "Enter your password"))
        .is_none()
    {
        return Err(form.into_error());
    }
    let client = client_addr();
    let email = port::<dyn Joining>()?.invitee_email(&token, client).await?;
    let verified = port::<dyn Authenticator>()?
        .verify(&email, &password, client)
        .await?;
    let (account_id, workspace_id) = (verified.account_id, verified.workspace_id);
    let code_page = crate::routes::JOIN_TWO_FACTOR;
    if crate::two_factor::api::ask_for_second_factor(account_id, workspace_id, code_page).await? {
        return Ok(());
    }
    signed_in_to_join(&token, account_id, workspace_id).await
}

/// The second step of the invitation's sign-in (`/join/two-factor`), for an account with
/// two-factor authentication.
#[server(prefix = "/api", endpoint = "join/verify_second_factor_to_join")]
pub async fn verify_second_factor_to_join(code: String) -> Result<(), AppError> {
    use crate::context::{client_addr, invitation_token};

    let token = invitation_token().map_err(|_| link_gone())?;
    // An invitation that can no longer be accepted spends no code.
    port::<dyn Joining>()?
        .invitee_email(&token, client_addr())
        .await?;
    let pending = crate::two_factor::api::second_factor_passed(&code).await?;
    signed_in_to_join(&token, pending.account_id, pending.workspace_id).await
}

/// Signed in, back to the invitation to `Join`; an account with no active workspace left
/// joins at once, as there is nowhere else to sign in to.
#[cfg(feature = "ssr")]
async fn signed_in_to_join(
    token: &str,
    account_id: uuid::Uuid,
    workspace_id: Option<uuid::Uuid>,
) -> Result<(), AppError> {
    use crate::context::{client_addr, session, start_session_and_land};
    use crate::domain::SignedIn;

    match workspace_id {
        Some(workspace_id) => {
            let signed_in = SignedIn {
                account_id,
                workspace_id,
            };
            session()?.start(signed_in).await?;
            leptos_axum::redirect(crate::routes::JOIN);
        }
        None => {
            let signed_in = port::<dyn Joining>()?
                .accept_existing_account(token, account_id, client_addr())
                .await?;
            start_session_and_land(signed_in).await?;
        }
    }
    Ok(())
}

/// Signed in as someone else: sign out and come back to the invitation.
#[server(prefix = "/api", endpoint = "join/sign_out_to_join")]
pub async fn sign_out_to_join() -> Result<(), AppError> {
    crate::context::session()?.end().await?;
    leptos_axum::redirect(crate::routes::JOIN);
    Ok(())
}

/// Posted from the confirmation page; the invitation ends as declined.
#[server(prefix = "/api", endpoint = "join/decline_invitation")]
pub async fn decline_invitation() -> Result<(), AppError> {
    use crate::context::{client_addr, invitation_token};

    let token = invitation_token().map_err(|_| link_gone())?;
    port::<dyn Joining>()?
        .decline(&token, client_addr())
        .await?;
    leptos_axum::redirect(crate::routes::JOIN_DECLINED);
    Ok(())
}

/// From the expired page: tells the inviter. The same answer whatever the link was.
#[server(prefix = "/api", endpoint = "join/request_new_link")]
pub async fn request_new_link() -> Result<(), AppError> {
    use crate::context::{client_addr, invitation_token};

    if let Ok(token) = invitation_token() {
        port::<dyn Joining>()?
            .request_new_link(&token, client_addr())
            .await?;
    }
    leptos_axum::redirect(crate::routes::JOIN_NEW_LINK_REQUESTED);
    Ok(())
}

#[cfg(feature = "ssr")]
fn link_gone() -> AppError {
    AppError::Conflict(
        "This invitation link can no longer be used. Open the link in the email again".into(),
    )
}

#[cfg(feature = "ssr")]
fn signed_in_elsewhere() -> AppError {
    AppError::Denied(
        "You are signed in with another account. Sign out, then open the invitation again".into(),
    )
}
