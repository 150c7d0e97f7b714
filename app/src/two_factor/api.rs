#[cfg(feature = "ssr")]
use crate::context::port;
use crate::domain::ActionDone;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::two_factor::port::TwoFactor;
use crate::two_factor::{TotpSetup, TwoFactorView};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "two_factor_status")]
pub async fn two_factor_status() -> Result<TwoFactorView, AppError> {
    let actor = crate::context::actor()?;
    port::<dyn TwoFactor>()?.status(&actor).await
}

/// Field names match the account page's form.
#[server(prefix = "/api", endpoint = "begin_two_factor_setup")]
pub async fn begin_two_factor_setup(setup_password: String) -> Result<(), AppError> {
    use crate::context::{actor, client_addr};
    use crate::error::FormCheck;
    use crate::error::non_empty;

    let actor = actor()?;
    let mut form = FormCheck::default();
    let Some(password) = form.field(
        "setup_password",
        non_empty(&setup_password, "Enter your password"),
    ) else {
        return Err(form.into_error());
    };
    let secret = port::<dyn TwoFactor>()?
        .begin_setup(&actor, password, client_addr())
        .await?;
    crate::context::session()?
        .remember_totp_setup(&secret)
        .await?;
    leptos_axum::redirect(crate::routes::ACCOUNT_TWO_FACTOR);
    Ok(())
}

/// The authenticator app this session is setting up, if it is setting one up.
#[server(prefix = "/api", endpoint = "two_factor_setup")]
pub async fn two_factor_setup() -> Result<Option<TotpSetup>, AppError> {
    let actor = crate::context::actor()?;
    let Some(secret) = crate::context::session()?.totp_setup().await? else {
        return Ok(None);
    };
    port::<dyn TwoFactor>()?
        .setup(&actor, &secret)
        .await
        .map(Some)
}

/// Turns two-factor authentication on with a first code; the recovery codes wait, sealed in
/// the session, for the page that shows them once.
#[server(prefix = "/api", endpoint = "confirm_two_factor")]
pub async fn confirm_two_factor(code: String) -> Result<(), AppError> {
    use crate::context::{actor, client_addr, session};

    let actor = actor()?;
    let code = code_given(&code).map_err(|message| AppError::invalid_field("code", message))?;
    let session = session()?;
    let secret = session.totp_setup().await?.ok_or_else(|| {
        AppError::Conflict("Nothing is being set up. Start again from your account page".into())
    })?;
    let codes = port::<dyn TwoFactor>()?
        .confirm_setup(&actor, &secret, code, client_addr())
        .await?;
    session.forget_totp_setup().await?;
    session.remember_recovery_codes(&codes).await?;
    leptos_axum::redirect(crate::routes::ACCOUNT_RECOVERY_CODES);
    Ok(())
}

/// The recovery codes that turning two-factor authentication on gave, once.
#[server(prefix = "/api", endpoint = "new_recovery_codes")]
pub async fn new_recovery_codes() -> Result<Vec<String>, AppError> {
    crate::context::actor()?;
    crate::context::session()?.take_recovery_codes().await
}

/// Field names match the account page's form.
#[server(prefix = "/api", endpoint = "turn_off_two_factor")]
pub async fn turn_off_two_factor(
    off_password: String,
    off_code: String,
) -> Result<ActionDone, AppError> {
    use crate::context::{actor, client_addr, report};
    use crate::error::FormCheck;
    use crate::error::non_empty;

    let actor = actor()?;
    let mut form = FormCheck::default();
    let password = form.field(
        "off_password",
        non_empty(&off_password, "Enter your password"),
    );
    let code = form.field("off_code", code_given(&off_code));
    let (Some(password), Some(code)) = (password, code) else {
        return Err(form.into_error());
    };
    let done = port::<dyn TwoFactor>()?
        .turn_off(&actor, password, code, client_addr())
        .await?;
    report(&done, None).await?;
    Ok(done)
}

/// Ten new recovery codes, which wait (sealed in the session) for the page that shows them
/// once. Field names match the account page's form.
#[server(prefix = "/api", endpoint = "replace_recovery_codes")]
pub async fn replace_recovery_codes(
    codes_password: String,
    codes_code: String,
) -> Result<(), AppError> {
    use crate::context::{actor, client_addr, session};
    use crate::error::{FormCheck, non_empty};

    let actor = actor()?;
    let mut form = FormCheck::default();
    let password = form.field(
        "codes_password",
        non_empty(&codes_password, "Enter your password"),
    );
    let code = form.field("codes_code", code_given(&codes_code));
    let (Some(password), Some(code)) = (password, code) else {
        return Err(form.into_error());
    };
    let codes = port::<dyn TwoFactor>()?
        .replace_recovery_codes(&actor, password, code, client_addr())
        .await?;
    session()?.remember_recovery_codes(&codes).await?;
    leptos_axum::redirect(crate::routes::ACCOUNT_RECOVERY_CODES);
    Ok(())
}

/// The second step of signing in (`/sign-in/two-factor`): lands where a sign-in lands.
#[server(prefix = "/api", endpoint = "verify_second_factor")]
pub async fn verify_second_factor(code: String) -> Result<(), AppError> {
    use crate::context::start_session_and_land;
    use crate::domain::SignedIn;

    // A sign-in with nowhere to land (only an invitation's can be) spends no code here.
    let pending = crate::context::session()?.pending_sign_in().await?;
    if pending.is_some_and(|pending| pending.workspace_id.is_none()) {
        return Err(AppError::Conflict(SIGN_IN_AGAIN.into()));
    }
    let pending = second_factor_passed(&code).await?;
    let workspace_id = pending.workspace_id.ok_or(AppError::InvalidCredentials)?;
    start_session_and_land(SignedIn {
        account_id: pending.account_id,
        workspace_id,
    })
    .await
}

#[cfg(feature = "ssr")]
const CODE_MISSING: &str = "Enter the code from your authenticator app, or a recovery code";

/// The code as typed (the port reads past spaces and dashes); what to say when it is empty.
#[cfg(feature = "ssr")]
fn code_given(code: &str) -> Result<&str, &'static str> {
    match code.trim() {
        "" => Err(CODE_MISSING),
        code => Ok(code),
    }
}

/// Checks the code of the sign-in waiting in this session (its password was right): the
/// sign-in it completes, which the session then forgets. A sign-in that timed out, or none,
/// is a conflict that sends the person back to the password.
#[cfg(feature = "ssr")]
pub(crate) async fn second_factor_passed(
    code: &str,
) -> Result<crate::domain::PendingSignIn, AppError> {
    use crate::context::{client_addr, session};

    let code = code_given(code).map_err(|message| AppError::invalid_field("code", message))?;
    let session = session()?;
    let pending = session
        .pending_sign_in()
        .await?
        .ok_or_else(|| AppError::Conflict(SIGN_IN_AGAIN.into()))?;
    port::<dyn TwoFactor>()?
        .verify_sign_in(
            pending.account_id,
            pending.workspace_id,
            code,
            client_addr(),
        )
        .await?;
    session.forget_pending_sign_in().await?;
    Ok(pending)
}

pub const SIGN_IN_AGAIN: &str = "Your sign-in timed out. Sign in again with your password";

/// After a right password: the session holds a sign-in waiting for its code, and the browser
/// goes to `code_page`, when the account has two-factor authentication on. `false` when it
/// has not, and the caller signs the person in.
#[cfg(feature = "ssr")]
pub(crate) async fn ask_for_second_factor(
    account_id: uuid::Uuid,
    workspace_id: Option<uuid::Uuid>,
    code_page: &str,
) -> Result<bool, AppError> {
    if !port::<dyn TwoFactor>()?.is_on(account_id).await? {
        return Ok(false);
    }
    crate::context::session()?
        .remember_pending_sign_in(account_id, workspace_id)
        .await?;
    leptos_axum::redirect(code_page);
    Ok(true)
}

/// Whether this session has a sign-in waiting for its code, for the code page.
#[server(prefix = "/api", endpoint = "second_factor_pending")]
pub async fn second_factor_pending() -> Result<bool, AppError> {
    Ok(crate::context::session()?
        .pending_sign_in()
        .await?
        .is_some())
}
