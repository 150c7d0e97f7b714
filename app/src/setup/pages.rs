use crate::components::{ErrorSummary, NewPasswordField, PublicPage, TextField};
use crate::setup::api::{CreateFirstWorkspace, setup_open};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The page behind the one-time link the server prints on an empty database.
#[component]
pub fn SetupPage() -> impl IntoView {
    let open = Resource::new(|| (), |_| setup_open());
    view! {
        <Title text="Set up Portico" />
        <PublicPage>
            <h1>"Set up Portico"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match open.await {
                        Ok(true) => view! { <SetupForm /> }.into_any(),
                        Ok(false) => view! {
                            <p>"Portico is already set up. "<a href=crate::routes::SIGN_IN>"Sign in"</a></p>
                        }.into_any(),
                        Err(error) => view! { <p role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </PublicPage>
    }
}

#[component]
fn SetupForm() -> impl IntoView {
    let create = ServerAction::<CreateFirstWorkspace>::new();
    let token = move || use_query_map().read().get("token").unwrap_or_default();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let field_error = move |field: &'static str| {
        Signal::derive(move || error.get().and_then(|error| error.message_for(field)))
    };
    view! {
        <p>"Create your workspace and its Owner account. You can invite everyone else afterwards."</p>
        <ErrorSummary error />
        <ActionForm action=create attr:novalidate=true>
            <input type="hidden" name="token" value=token />
            <TextField name="workspace_name" label="Workspace name" error=field_error("workspace_name") />
            <TextField name="first_name" label="First name" autocomplete="given-name" error=field_error("first_name") />
            <TextField name="last_name" label="Last name" autocomplete="family-name" error=field_error("last_name") />
            <TextField name="email" label="Email" kind="email" autocomplete="username" error=field_error("email") />
            <NewPasswordField error=field_error("password") />
            <button type="submit" class="button">"Create workspace"</button>
        </ActionForm>
    }
}
