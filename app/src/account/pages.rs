//! `/settings/account`: the signed-in person's name, password and sessions. Every form works
//! without JavaScript: it posts, and the server brings the browser back here with a notice.

use crate::account::api::{
    ChangeDisplayName, ChangePassword, EndOtherSessions, EndSession, my_account,
};
use crate::account::{AccountView, SessionView};
use crate::components::{
    ConfirmPasswordField, ErrorSummary, Moment, NewPasswordField, Notice, PageHeading,
    ProblemNotice, TextField,
};
use crate::domain::ActionDone;
use crate::email_change::api::RequestEmailChange;
use crate::email_change::pages::EmailChangeSection;
use crate::error::AppError;
use crate::pages::shell::HeaderChanged;
use crate::two_factor::api::TurnOffTwoFactor;
use crate::two_factor::pages::TwoFactorSection;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let rename = ServerAction::<ChangeDisplayName>::new();
    let password = ServerAction::<ChangePassword>::new();
    let end_one = ServerAction::<EndSession>::new();
    let end_others = ServerAction::<EndOtherSessions>::new();
    let email = ServerAction::<RequestEmailChange>::new();
    let turn_off = ServerAction::<TurnOffTwoFactor>::new();
    let account = Resource::new(
        move || {
            (
                rename.version().get(),
                password.version().get(),
                end_one.version().get(),
                end_others.version().get(),
            )
        },
        |_| my_account(),
    );
    let reply = RwSignal::new(None::<String>);
    for done in [
        rename.value().into(),
        password.value().into(),
        end_one.value().into(),
        end_others.value().into(),
        email.value().into(),
        turn_off.value().into(),
    ] {
        tell(done, reply);
    }
    // The header shows the name.
    let header = use_context::<HeaderChanged>();
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(header)) = (rename.value().get(), header) {
            header.0.update(|version| *version += 1);
        }
    });
    view! {
        <Title text="Your account" />
        <PageHeading id="account-heading">"Your account"</PageHeading>
        <Notice reply />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(view) => view! {
                        <Sections view=view.clone() rename password end_one end_others />
                        <EmailChangeSection email=view.email request=email />
                        <TwoFactorSection turn_off />
                    }.into_any(),
                    Err(problem) => view! { <ProblemNotice problem /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

type Done = Signal<Option<Result<ActionDone, AppError>>>;

/// Shows an action's sentence once it is done.
fn tell(done: Done, reply: RwSignal<Option<String>>) {
    Effect::new(move |_| {
        if let Some(Ok(done)) = done.get() {
            reply.set(Some(done.message));
        }
    });
}

fn error_of(done: Done) -> Signal<Option<AppError>> {
    Signal::derive(move || done.get().and_then(Result::err))
}

fn field_error(error: Signal<Option<AppError>>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || error.get().and_then(|error| error.message_for(field)))
}

#[component]
fn Sections(
    view: AccountView,
    rename: ServerAction<ChangeDisplayName>,
    password: ServerAction<ChangePassword>,
    end_one: ServerAction<EndSession>,
    end_others: ServerAction<EndOtherSessions>,
) -> impl IntoView {
    let rename_error = error_of(rename.value().into());
    let password_error = error_of(password.value().into());
    let sessions_error = Signal::derive(move || {
        error_of(end_one.value().into())
            .get()
            .or_else(|| error_of(end_others.value().into()).get())
    });
    let AccountView {
        display_name,
        email,
        sessions,
    } = view;
    let others = sessions.iter().filter(|session| !session.current).count();
    view! {
        <section aria-labelledby="profile-heading">
            <h2 id="profile-heading">"Profile"</h2>
            <ErrorSummary error=rename_error name="profile-errors" />
            <ActionForm action=rename attr:novalidate=true>
                <TextField
                    name="display_name"
                    label="Display name"
                    autocomplete="name"
                    value=display_name
                    error=field_error(rename_error, "display_name")
                />
                <button type="submit" class="button button-secondary">"Save name"</button>
            </ActionForm>
        </section>
        <section aria-labelledby="password-heading">
            <h2 id="password-heading">"Change password"</h2>
            <p>"Changing it signs you out everywhere else."</p>
            <ErrorSummary error=password_error name="password-errors" />
            <ActionForm action=password attr:novalidate=true>
                <input type="hidden" value=email autocomplete="username" />
                <TextField
                    name="current_password"
                    label="Current password"
                    kind="password"
                    autocomplete="current-password"
                    error=field_error(password_error, "current_password")
                />
                <NewPasswordField error=field_error(password_error, "password") />
                <ConfirmPasswordField error=field_error(password_error, "confirm_password") />
                <button type="submit" class="button button-secondary">"Change password"</button>
            </ActionForm>
        </section>
        <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Where you are signed in"</h2>
            <ErrorSummary error=sessions_error name="sessions-errors" />
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"Device"</th>
                            <th scope="col">"Address"</th>
                            <th scope="col">"Workspace"</th>
                            <th scope="col">"Signed in"</th>
                            <th scope="col">"Last seen"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {sessions.into_iter().map(|session| view! { <SessionRow session end_one /> }).collect::<Vec<_>>()}
                    </tbody>
                </table>
            </div>
            {(others > 0).then(|| view! {
                <ActionForm action=end_others>
                    <button type="submit" class="button button-secondary">"Sign out everywhere else"</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn SessionRow(session: SessionView, end_one: ServerAction<EndSession>) -> impl IntoView {
    let SessionView {
        handle,
        device,
        address,
        started,
        last_seen,
        workspace,
        current,
    } = session;
    let action = if current {
        view! { <strong>"This browser"</strong> }.into_any()
    } else {
        let which = format!(" {device} at {address}");
        view! {
            <ActionForm action=end_one>
                <input type="hidden" name="handle" value=handle />
                <button type="submit" class="button button-secondary button-small">
                    "Sign out"<span class="visually-hidden">{which}</span>
                </button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <tr>
            <td>{device}</td>
            <td>{address}</td>
            <td>{workspace}</td>
            <td><Moment at=started /></td>
            <td><Moment at=last_seen /></td>
            <td>{action}</td>
        </tr>
    }
}
