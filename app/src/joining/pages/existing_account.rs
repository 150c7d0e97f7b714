//! Someone who already has an account: sign in with the invitation's address, then join.

use crate::components::{ErrorSummary, TextField};
use crate::joining::api::{JoinWorkspace, SignInToJoin as SignInToJoinAction, SignOutToJoin};
use leptos::prelude::*;

/// `sign_in` belongs to the page, which reloads the invitation when it succeeds.
#[component]
pub fn SignInToJoin(
    email: String,
    workspace: String,
    sign_in: ServerAction<SignInToJoinAction>,
) -> impl IntoView {
    let error = Signal::derive(move || sign_in.value().get().and_then(Result::err));
    let password_error =
        Signal::derive(move || error.get().and_then(|error| error.message_for("password")));
    view! {
        <h2>"Sign in to join " {workspace}</h2>
        <p>"You already have a Portico account with " <strong>{email.clone()}</strong> "."</p>
        <ErrorSummary error />
        <ActionForm action=sign_in attr:novalidate=true>
            <input type="hidden" value=email autocomplete="username" />
            <TextField
                name="password"
                label="Password"
                kind="password"
                autocomplete="current-password"
                error=password_error
            />
            <button type="submit" class="button">"Sign in"</button>
        </ActionForm>
        <p><a href=crate::routes::PASSWORD_RESET>"Forgot your password?"</a></p>
    }
}

#[component]
pub fn JoinAsSignedIn(workspace: String) -> impl IntoView {
    let join = ServerAction::<JoinWorkspace>::new();
    let error = Signal::derive(move || join.value().get().and_then(Result::err));
    view! {
        <ErrorSummary error />
        <ActionForm action=join>
            <button type="submit" class="button">"Join " {workspace}</button>
        </ActionForm>
    }
}

/// Signed in as someone else: the invitation stays untouched until they sign out.
#[component]
pub fn SignedInElsewhere(
    signed_in_as: String,
    sign_out: ServerAction<SignOutToJoin>,
) -> impl IntoView {
    view! {
        <div class="notice" role="status">
            <p>
                "You are signed in as " <strong>{signed_in_as}</strong>
                ", but this invitation is for a different email address. "
                "Sign out to accept it with the right account."
            </p>
        </div>
        <ActionForm action=sign_out>
            <button type="submit" class="button">"Sign out"</button>
        </ActionForm>
    }
}
