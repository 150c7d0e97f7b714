#[cfg(feature = "ssr")]
use crate::context::port;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::setup::port::Setup;
use leptos::prelude::*;

/// Whether the first workspace can still be created (the database is empty).
#[server(prefix = "/api", endpoint = "setup_open")]
pub async fn setup_open() -> Result<bool, AppError> {
    port::<dyn Setup>()?.is_open().await
}

/// Creates the first workspace and its Owner from the one-time setup link, then signs in.
#[server(prefix = "/api", endpoint = "create_first_workspace")]
pub async fn create_first_workspace(
    token: String,
    workspace_name: String,
    first_name: String,
    last_name: String,
    email: String,
    password: String,
) -> Result<(), AppError> {
    use crate::context::start_session_and_land;
    use crate::domain::{EmailAddress, Password, PersonName, WorkspaceName};
    use crate::error::FormCheck;
    use crate::setup::port::FirstWorkspace;

    let mut form = FormCheck::default();
    let workspace_name = form.field("workspace_name", WorkspaceName::parse(&workspace_name));
    let first_name = form.field(
        "first_name",
        PersonName::parse(&first_name, "your first name"),
    );
    let last_name = form.field("last_name", PersonName::parse(&last_name, "your last name"));
    let email = form.field("email", EmailAddress::parse(&email));
    let personal =
        [&first_name, &last_name].map(|name| name.as_ref().map_or("", PersonName::as_str));
    let personal = [
        personal[0],
        personal[1],
        email.as_ref().map_or("", EmailAddress::as_str),
    ];
    let password = form.field("password", Password::parse(&password, &personal));
    let (Some(workspace_name), Some(first_name), Some(last_name), Some(email), Some(password)) =
        (workspace_name, first_name, last_name, email, password)
    else {
        return Err(form.into_error());
    };
    let input = FirstWorkspace {
        workspace_name,
        first_name,
        last_name,
        email,
        password,
    };
    let signed_in = port::<dyn Setup>()?
        .create_first_workspace(&token, input)
        .await?;
    start_session_and_land(signed_in).await
}
