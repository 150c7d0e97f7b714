use crate::auth::api::SignIn;
use crate::components::{ErrorSummary, PublicPage, TextField};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    let error = Signal::derive(move || sign_in.value().get().and_then(Result::err));
    let field_error = move |field: &'static str| {
        Signal::derive(move || error.get().and_then(|error| error.message_for(field)))
    };
    view! {
        <Title text="Sign in" />
        <PublicPage>
            <h1>"Sign in to Portico"</h1>
            <ErrorSummary error />
            <ActionForm action=sign_in attr:novalidate=true>
                <TextField
                    name="email"
                    label="Email"
                    kind="email"
                    autocomplete="username"
                    error=field_error("email")
                />
                <TextField
                    name="password"
                    label="Password"
                    kind="password"
                    autocomplete="current-password"
                    error=field_error("password")
                />
                <button type="submit" class="button">"Sign in"</button>
            </ActionForm>
            <p><a href=crate::routes::PASSWORD_RESET>"Forgot your password?"</a></p>
        </PublicPage>
    }
}
