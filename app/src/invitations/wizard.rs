//! The add-user wizard: each step saves what was typed in the server-side draft before it
//! validates, so nothing is lost to a reload, the Back button or JavaScript being off.

#[cfg(feature = "ssr")]
use crate::context::port;
use crate::domain::country::Country;
use crate::domain::{CreatedInvitation, PersonInput};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::invitations::port::{Drafts, Invitations};
#[cfg(feature = "ssr")]
use crate::invitations::steps::{GroupsIntent, MAX_PEOPLE_AT_ONCE, PeopleIntent};
use crate::invitations::{DraftPreview, WizardDraft};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "load_draft")]
pub async fn load_draft() -> Result<WizardDraft, AppError> {
    let actor = crate::context::actor_with(crate::domain::Permission::InviteMembers)?;
    port::<dyn Drafts>()?.load(actor.member_id).await
}

/// The draft as the Overview shows it, phone numbers formatted on the server (their metadata
/// stays out of the browser bundle: see `domain::phone`).
#[server(prefix = "/api", endpoint = "preview_draft")]
pub async fn preview_draft() -> Result<DraftPreview, AppError> {
    use crate::invitations::PersonPreview;

    let actor = crate::context::actor_with(crate::domain::Permission::InviteMembers)?;
    let draft = port::<dyn Drafts>()?.load(actor.member_id).await?;
    let people = draft
        .people
        .iter()
        .map(|person| PersonPreview {
            name: format!("{} {}", person.first_name.trim(), person.last_name.trim()),
            email: person.email.trim().to_owned(),
            phone: crate::domain::phone::shown(&person.country, &person.phone),
        })
        .collect();
    Ok(DraftPreview {
        people,
        group_ids: draft.group_ids,
    })
}

#[server(prefix = "/api", endpoint = "list_countries")]
pub async fn list_countries() -> Result<Vec<Country>, AppError> {
    crate::context::actor_with(crate::domain::Permission::InviteMembers)?;
    Ok(crate::domain::country::all().to_vec())
}

/// Step 1, with the `PeopleIntent` of the button pressed.
#[server(prefix = "/api", endpoint = "save_people")]
pub async fn save_people(
    #[server(default)] people: Vec<PersonInput>,
    intent: String,
) -> Result<(), AppError> {
    use crate::domain::NewPerson;
    use crate::error::FormCheck;
    use crate::routes::{ADD_USER, ADD_USER_GROUPS};

    let actor = crate::context::actor_with(crate::domain::Permission::InviteMembers)?;
    let mut draft = port::<dyn Drafts>()?.load(actor.member_id).await?;
    draft.people = people.into_iter().take(MAX_PEOPLE_AT_ONCE).collect();
    if draft.people.is_empty() {
        draft.people.push(PersonInput::default());
    }
    draft.key_rows();
    match intent.parse().map_err(|_| bad_intent())? {
        PeopleIntent::Add => {
            if draft.people.len() < MAX_PEOPLE_AT_ONCE {
                draft.add_row();
            }
            port::<dyn Drafts>()?.save(actor.member_id, &draft).await?;
            leptos_axum::redirect(ADD_USER);
            Ok(())
        }
        PeopleIntent::Remove(key) => {
            draft.remove_row(key);
            port::<dyn Drafts>()?.save(actor.member_id, &draft).await?;
            leptos_axum::redirect(ADD_USER);
            Ok(())
        }
        PeopleIntent::Next => {
            port::<dyn Drafts>()?.save(actor.member_id, &draft).await?;
            let mut form = FormCheck::default();
            let Some(people) = NewPerson::parse_all(&draft.people, &mut form) else {
                return Err(form.into_error());
            };
            port::<dyn Invitations>()?
                .check_addresses(actor.workspace_id, &people)
                .await?;
            leptos_axum::redirect(ADD_USER_GROUPS);
            Ok(())
        }
    }
}

/// Any step's `Cancel`: the draft is thrown away and the Users page shows again.
#[server(prefix = "/api", endpoint = "cancel_draft")]
pub async fn cancel_draft() -> Result<(), AppError> {
    let actor = crate::context::actor_with(crate::domain::Permission::InviteMembers)?;
    port::<dyn Drafts>()?.clear(actor.member_id).await?;
    leptos_axum::redirect(crate::routes::USERS);
    Ok(())
}

/// Step 2, with the `GroupsIntent` of the button pressed (`search` filters by `q`).
#[server(prefix = "/api", endpoint = "save_groups")]
pub async fn save_groups(
    #[server(default)] group_ids: Vec<String>,
    intent: String,
    #[server(default)] q: String,
) -> Result<(), AppError> {
    use crate::error::FormCheck;
    use crate::routes::{ADD_USER, ADD_USER_GROUPS, ADD_USER_OVERVIEW};

    let actor = crate::context::actor_with(crate::domain::Permission::InviteMembers)?;
    let mut draft = port::<dyn Drafts>()?.load(actor.member_id).await?;
    draft.group_ids = group_ids
        .iter()
        .map(|id| {
            uuid::Uuid::parse_str(id)
                .map_err(|_| AppError::BadRequest("Select groups from the list".into()))
        })
        .collect::<Result<_, _>>()?;
    let intent: GroupsIntent = intent.parse().map_err(|_| bad_intent())?;
    port::<dyn Drafts>()?.save(actor.member_id, &draft).await?;
    match intent {
        GroupsIntent::Back => leptos_axum::redirect(ADD_USER),
        GroupsIntent::Search => {
            let q = crate::domain::SearchTerm::parse(&q)
                .map_err(|message| AppError::invalid_field("q", message))?;
            let query = leptos_router::location::Url::escape(q.as_str());
            leptos_axum::redirect(&format!("{ADD_USER_GROUPS}?q={query}"));
        }
        GroupsIntent::Next if draft.group_ids.is_empty() => {
            let mut form = FormCheck::default();
            form.field::<(), _>("groups", Err("Select at least one group"));
            return Err(form.into_error());
        }
        GroupsIntent::Next => leptos_axum::redirect(ADD_USER_OVERVIEW),
    }
    Ok(())
}

/// Step 3: invite everyone in the draft, then show the confirmation.
#[server(prefix = "/api", endpoint = "add_invited")]
pub async fn add_invited() -> Result<(), AppError> {
    use crate::domain::NewPerson;
    use crate::error::FormCheck;

    let actor = crate::context::actor_with(crate::domain::Permission::InviteMembers)?;
    let draft = port::<dyn Drafts>()?.load(actor.member_id).await?;
    let mut form = FormCheck::default();
    let parsed = NewPerson::parse_all(&draft.people, &mut form);
    if draft.group_ids.is_empty() {
        form.field::<(), _>("groups", Err("Select at least one group"));
    }
    let Some(people) = parsed.filter(|_| !draft.group_ids.is_empty()) else {
        return Err(form.into_error());
    };
    let client = crate::context::client_addr();
    let created = port::<dyn Invitations>()?
        .invite(&actor, people, draft.group_ids.clone(), client)
        .await?;
    crate::context::session()?
        .remember_created(&created)
        .await?;
    port::<dyn Drafts>()?.clear(actor.member_id).await?;
    leptos_axum::redirect(crate::routes::ADD_USER_DONE);
    Ok(())
}

/// What the last Add created, with its links: shown once.
#[server(prefix = "/api", endpoint = "take_created_invitations")]
pub async fn take_created_invitations() -> Result<Vec<CreatedInvitation>, AppError> {
    crate::context::actor_with(crate::domain::Permission::InviteMembers)?;
    crate::context::session()?.take_created().await
}

#[cfg(feature = "ssr")]
fn bad_intent() -> AppError {
    AppError::BadRequest("Unknown form action".into())
}
