use super::CancelWizard;
use crate::components::{CountrySelect, ProblemNotice, StepHeading, TextField};
use crate::domain::PersonInput;
use crate::domain::country::Country;
use crate::domain::person::field_id;
use crate::error::AppError;
use crate::invitations::steps::PeopleIntent;
use crate::invitations::wizard::{SavePeople, list_countries, load_draft};
use leptos::prelude::*;

/// Step 1: who to invite. Every button saves what was typed first.
#[component]
pub fn AddUserDetails() -> impl IntoView {
    let save = ServerAction::<SavePeople>::new();
    let draft = Resource::new(move || save.version().get(), |_| load_draft());
    let countries = Resource::new(|| (), |_| list_countries());
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    view! {
        <StepHeading step=1 error />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match (draft.await, countries.await) {
                    (Ok(draft), Ok(countries)) => {
                        let resumed = draft.has_input();
                        view! {
                            {resumed.then(|| view! { <DraftNotice /> })}
                            <PeopleForm people=draft.people countries save error />
                            <CancelWizard />
                        }.into_any()
                    }
                    (Err(problem), _) | (_, Err(problem)) => {
                        view! { <ProblemNotice problem=problem /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// A draft is kept between visits (docs/architecture.md, "The add-user wizard"), so one that
/// comes back says so, and how to be rid of it.
#[component]
fn DraftNotice() -> impl IntoView {
    view! {
        <p class="notice" role="status">
            "You are continuing a saved draft. It is kept until you add these people or cancel."
        </p>
    }
}

#[component]
fn PeopleForm(
    people: Vec<PersonInput>,
    countries: Vec<Country>,
    save: ServerAction<SavePeople>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let several = people.len() > 1;
    let rows = people
        .into_iter()
        .enumerate()
        .map(|(index, person)| view! { <PersonRow index person countries=countries.clone() several error /> })
        .collect::<Vec<_>>();
    view! {
        <ActionForm action=save attr:novalidate=true on:submit:capture=move |ev| precheck(&ev, save)>
            // Enter in any field means Next, not the first Remove button.
            <button type="submit" name="intent" value=PeopleIntent::Next.to_string() class="default-action" tabindex="-1" aria-hidden="true">
                "Next"
            </button>
            {rows}
            <div class="actions">
                <button type="submit" name="intent" value=PeopleIntent::Add.to_string() class="button button-secondary">
                    "Add another person"
                </button>
                <button type="submit" name="intent" value=PeopleIntent::Next.to_string() class="button">"Next"</button>
            </div>
        </ActionForm>
    }
}

#[component]
fn PersonRow(
    index: usize,
    person: PersonInput,
    countries: Vec<Country>,
    several: bool,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let number = index + 1;
    let key = person.key;
    let name = move |field: &str| format!("people[{index}][{field}]");
    let field_error = move |field: &'static str| {
        Signal::derive(move || {
            error
                .get()
                .and_then(|error| error.message_for(&field_id(index, field)))
        })
    };
    view! {
        <fieldset class="person">
            <legend>{format!("Person {number}")}</legend>
            <input type="hidden" name=name("key") value=key.to_string() />
            <TextField name=name("first_name") id=field_id(index, "first_name") label="First name"
                autocomplete="off" value=person.first_name error=field_error("first_name") />
            <TextField name=name("last_name") id=field_id(index, "last_name") label="Last name"
                autocomplete="off" value=person.last_name error=field_error("last_name") />
            <TextField name=name("email") id=field_id(index, "email") label="Email address" kind="email"
                autocomplete="off" value=person.email error=field_error("email") />
            <CountrySelect id=field_id(index, "country") name=name("country") countries selected=person.country />
            <TextField name=name("phone") id=field_id(index, "phone") label="Phone number (optional)" kind="tel"
                autocomplete="off" value=person.phone error=field_error("phone") />
            {several.then(|| view! {
                <button type="submit" name="intent" value=PeopleIntent::Remove(key).to_string() class="button button-secondary">
                    {format!("Remove person {number}")}
                </button>
            })}
        </fieldset>
    }
}

/// On Next, the browser runs the same domain validators the server will, and shows their
/// messages at once. It does not block the submission: the server still saves the draft (so a
/// reload keeps what was typed), checks the phone numbers and the workspace, and answers with
/// the same messages.
fn precheck(ev: &leptos::ev::SubmitEvent, save: ServerAction<SavePeople>) {
    use crate::domain::NewPerson;
    use crate::error::FormCheck;
    use leptos::form::FromFormData;

    let Ok(input) = SavePeople::from_event(ev) else {
        return;
    };
    if input.intent.parse() != Ok(PeopleIntent::Next) {
        return;
    }
    let mut form = FormCheck::default();
    if NewPerson::parse_all(&input.people, &mut form).is_none() {
        save.value().set(Some(Err(form.into_error())));
    }
}
