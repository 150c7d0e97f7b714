//! The Users table: one compact line per person (avatar, name over email, state, role,
//! groups, when added) and the row's actions behind one disclosure (docs/design.md "Tables").
//! On a phone the same table reads as a list of cards (style/layout.css).

use crate::components::PagedTable;
use crate::domain::{Actor, Permission};
use crate::people::api::ActOnInvitation;
use crate::people::pages::invitation_buttons::InvitationButtons;
use crate::people::{InvitationAction, MemberQuery, MemberSummary, MembersPage, SortOrder};
use crate::routes::{BULK_INVITATIONS, USERS};
use leptos::prelude::*;
use leptos_router::components::Form;
use std::collections::HashSet;
use uuid::Uuid;

/// The rows ticked for a bulk action. Kept by the page rather than by the checkboxes, so a
/// live update that fetches the table again keeps them ticked.
pub type Selection = RwSignal<HashSet<Uuid>>;

/// What the viewer may do from a row; each server function checks again (docs/security.md §12).
#[derive(Clone, Default)]
pub struct RowRights {
    may_invite: bool,
    may_manage: bool,
    /// The viewer's own row offers no role change: nobody changes their own rights.
    own_member_id: Option<Uuid>,
}

impl RowRights {
    pub fn of(actor: Option<&Actor>) -> Self {
        actor.map_or_else(Self::default, |actor| Self {
            may_invite: actor.can(Permission::InviteMembers),
            may_manage: actor.can(Permission::ManageMembers),
            own_member_id: Some(actor.member_id),
        })
    }
}

#[component]
pub fn MembersTable(
    page: MembersPage,
    query: MemberQuery,
    rights: RowRights,
    act: ServerAction<ActOnInvitation>,
    selected: Selection,
) -> impl IntoView {
    let total = page.total;
    let filtered = !(query.q.is_empty() && query.state.is_empty() && query.group.is_empty());
    let caption = format!(
        "{total} {}{}",
        crate::words::plural(total, "person", "people"),
        if filtered { " match" } else { "" }
    );
    let (current, pages) = (page.page, page.pages);
    let any_selectable = rights.may_invite
        && page
            .rows
            .iter()
            .any(|member| InvitationAction::any_bulk_applies_to(member.state));
    let may_invite = rights.may_invite;
    let rows = page
        .rows
        .into_iter()
        .map(|member| view! { <MemberRow member rights=rights.clone() act selected /> }.into_any())
        .collect::<Vec<_>>();
    view! {
        {any_selectable.then(|| view! { <BulkBar selected /> })}
        <PagedTable
            caption
            class="members-table"
            head=view! {
                {may_invite.then(|| view! { <th scope="col" class="select-cell"><span class="visually-hidden">"Select"</span></th> })}
                <PersonHeader query=query.clone() />
                <th scope="col">"State"</th>
                <th scope="col">"Role"</th>
                <th scope="col">"Groups"</th>
                <th scope="col">"Two-factor"</th>
                <SortHeader label="Added" order=SortOrder::Newest query=query.clone() />
                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
            }
            .into_any()
            rows=rows.into_any()
            href=move |page| format!("{USERS}?{}", query.to_query_string(page))
            current
            pages
        />
    }
    .into_any()
}

/// The link that puts the table in `order` (page 1), keeping the search and filters.
fn sort_link(order: SortOrder, query: &MemberQuery) -> String {
    let sorted = MemberQuery {
        sort: order,
        ..query.clone()
    };
    format!("{USERS}?{}", sorted.to_query_string(1))
}

fn sort_direction(order: SortOrder) -> &'static str {
    match order {
        SortOrder::Newest => "descending",
        _ => "ascending",
    }
}

/// The first column holds name and email, so its heading sorts by either.
#[component]
fn PersonHeader(query: MemberQuery) -> impl IntoView {
    let current = matches!(query.sort, SortOrder::Name | SortOrder::Email)
        .then(|| sort_direction(query.sort));
    let link = |label: &'static str, order: SortOrder| {
        let hint = format!(", sort by {}", order.label().to_lowercase());
        view! {
            <a href=sort_link(order, &query) aria-current=(query.sort == order).then_some("true")>
                {label}<span class="visually-hidden">{hint}</span>
            </a>
        }
    };
    view! {
        <th scope="col" aria-sort=current class="person-header">
            {link("Name", SortOrder::Name)}
            <span aria-hidden="true">" · "</span>
            {link("Email", SortOrder::Email)}
        </th>
    }
}

/// A column the table can be sorted by: its heading links to that order, and says which
/// order is in force.
#[component]
fn SortHeader(label: &'static str, order: SortOrder, query: MemberQuery) -> impl IntoView {
    let current = (query.sort == order).then(|| sort_direction(order));
    let hint = format!(", sort by {}", order.label().to_lowercase());
    view! {
        <th scope="col" aria-sort=current>
            <a href=sort_link(order, &query)>{label}<span class="visually-hidden">{hint}</span></a>
        </th>
    }
}

/// Selected rows go to a confirmation page (a GET form: the ticks are in its address). With
/// JavaScript the bar appears once something is ticked; without it, it is always there.
#[component]
fn BulkBar(selected: Selection) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let hidden = move || hydrated.get() && selected.with(HashSet::is_empty);
    let buttons = InvitationAction::BULK
        .into_iter()
        .map(|action| {
            let label = format!("{} selected", action.bulk_verb());
            view! { <button type="submit" name="action" value=action.key() class="button button-secondary">{label}</button> }
        })
        .collect::<Vec<_>>();
    // Without JavaScript the page cannot know what is ticked, so it says nothing.
    let count = move || {
        hydrated
            .get()
            .then(|| format!("{} selected. ", selected.with(HashSet::len)))
    };
    view! {
        <Form method="GET" action=BULK_INVITATIONS attr:id="bulk" attr:class="bulk-bar" attr:aria-label="Selected invitations">
            <span class="hint" hidden=hidden>{count}"With the selected invitations:"</span>
            <span class="bulk-buttons" hidden=hidden>{buttons}</span>
        </Form>
    }
}

#[component]
fn MemberRow(
    member: MemberSummary,
    rights: RowRights,
    act: ServerAction<ActOnInvitation>,
    selected: Selection,
) -> impl IntoView {
    let details = crate::routes::user_details(member.member_id);
    let select = rights.may_invite.then(|| {
        view! {
            <td class="select-cell">
                {InvitationAction::any_bulk_applies_to(member.state).then(|| view! {
                    <SelectBox member_id=member.member_id name=member.name.clone() selected />
                })}
            </td>
        }
    });
    let delivery = member.delivery.as_ref().map(|delivery| {
        let text = format!("Email: {}", delivery.label());
        view! { <span class="cell-note">{text}</span> }
    });
    let added_by = member.invited_by.clone().map(|by| {
        let text = format!("by {by}");
        view! { <span class="cell-note">{text}</span> }
    });
    let badge = format!("badge badge-{}", member.state.key());
    view! {
        <tr>
            {select}
            <td class="person-cell" data-label="Person">
                <span class="person">
                    <span class="avatar" aria-hidden="true">{initials(&member.name)}</span>
                    <span class="person-text">
                        <a href=details.clone() class="person-name">{member.name.clone()}</a>
                        <span class="person-email">{member.email.clone()}</span>
                    </span>
                </span>
            </td>
            <td data-label="State"><span class=badge>{member.state_text()}</span>{delivery}</td>
            <td data-label="Role">{member.role_text()}</td>
            <td data-label="Groups">{member.groups.join(", ")}</td>
            <td data-label="Two-factor">{member.two_factor_text()}</td>
            <td data-label="Added"><crate::components::Moment at=member.added_at />{added_by}</td>
            <td class="actions-cell"><RowActions member rights act /></td>
        </tr>
    }
    .into_any()
}

#[component]
fn SelectBox(member_id: Uuid, name: String, selected: Selection) -> impl IntoView {
    let label = format!("Select {name}");
    let tick = move |ev: leptos::ev::Event| {
        let ticked = event_target_checked(&ev);
        selected.update(|ids| {
            if ticked {
                ids.insert(member_id);
            } else {
                ids.remove(&member_id);
            }
        });
    };
    view! {
        <input type="checkbox" name="member" value=member_id.to_string() form="bulk" aria-label=label
            prop:checked=move || selected.with(|ids| ids.contains(&member_id)) on:change=tick />
    }
}

/// The row's actions behind one disclosure button: a `<details>` opens and closes by keyboard
/// and pointer with or without JavaScript, and every action inside is a form or a link.
#[component]
fn RowActions(
    member: MemberSummary,
    rights: RowRights,
    act: ServerAction<ActOnInvitation>,
) -> impl IntoView {
    let id = member.member_id;
    let whose = format!(" for {}", member.name);
    let invitation = rights.may_invite.then(|| view! {
        <InvitationButtons member_id=id name=member.name.clone() state=member.state action=act />
    });
    let change_role = (rights.may_manage && rights.own_member_id != Some(id)).then(|| {
        view! {
            <a href=crate::routes::user_groups(id) class="menu-item">
                "Change role"<span class="visually-hidden">{whose.clone()}</span>
            </a>
        }
    });
    view! {
        <details class="menu">
            <summary class="button button-secondary button-small">
                "Actions"<span class="visually-hidden">{whose}</span>
            </summary>
            <div class="menu-items">
                {invitation}
                {change_role}
                <a href=crate::routes::user_details(id) class="menu-item">
                    "View details"<span class="visually-hidden">{format!(" of {}", member.name)}</span>
                </a>
            </div>
        </details>
    }
}

/// "GH" for Grace Hopper: the avatar's letters (decoration; the name is beside it).
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_take_the_first_letter_of_the_first_two_words() {
        assert_eq!(initials("Grace Hopper"), "GH");
        assert_eq!(initials("ada"), "A");
        assert_eq!(initials("Jean Luc Picard"), "JL");
        assert_eq!(initials(""), "");
        assert_eq!(initials("émile zola"), "ÉZ");
    }
}
