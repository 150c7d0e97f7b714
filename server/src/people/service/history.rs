//! What the details page shows: the profile, groups and rights, the invitation's history and,
//! for those who may read the audit log, recent events about the person.

use super::{ManagementService, parse};
use crate::people::queries::history;
use crate::people::queries::history::Event;
use crate::people::queries::management::Person;
use crate::store::OrDbError;
use app::audit::describe_event;
use app::domain::phone::shown;
use app::domain::role::permissions_of;
use app::domain::{Actor, Permission};
use app::error::AppError;
use app::people::{HistoryEntry, MemberDetails};
use app::words::moment;

/// How many audit events about a person the details page shows.
const RECENT_ACTIVITY: i64 = 20;

impl ManagementService {
    pub(super) async fn history(
        &self,
        person: &Person,
        actor: &Actor,
    ) -> Result<MemberDetails, AppError> {
        let db = &self.changes.db;
        let mut invitation_events: Vec<Event> = Vec::new();
        let invitation_ids = history::invitation_ids(db, &person.member_id)
            .await
            .or_db_error()?;
        for invitation_id in &invitation_ids {
            invitation_events.extend(
                history::events_about(db, invitation_id, 200)
                    .await
                    .or_db_error()?,
            );
            invitation_events.extend(history::emails_of(db, invitation_id).await.or_db_error()?);
        }
        invitation_events.sort_by_key(|event| event.at);
        let activity = if actor.can(Permission::ViewAuditLog) {
            let subjects: Vec<String> = std::iter::once(person.member_id.clone())
                .chain(invitation_ids.iter().cloned())
                .chain(person.account_id.clone())
                .collect();
            let workspace_id = actor.workspace_id.to_string();
            let events = history::events_about_any(db, &workspace_id, &subjects, RECENT_ACTIVITY)
                .await
                .or_db_error()?;
            Some(events.iter().map(entry).collect())
        } else {
            None
        };
        let summary = self
            .members
            .details(actor.workspace_id, parse(&person.member_id)?)
            .await?;
        Ok(MemberDetails {
            summary,
            first_name: person.first_name.clone(),
            last_name: person.last_name.clone(),
            country: person.country_code.clone().unwrap_or_default(),
            phone: person
                .phone
                .as_deref()
                .map(|e164| shown(person.country_code.as_deref().unwrap_or_default(), e164))
                .unwrap_or_default(),
            groups: self.groups_of(actor, person).await?,
            permissions: permissions_of(person.roles.iter().copied())
                .into_iter()
                .collect(),
            added: moment(person.created_at),
            joined: person.joined_at.map(moment),
            invitation_history: invitation_events.iter().map(entry).collect(),
            activity,
            is_self: person.member_id == actor.member_id.to_string(),
        })
    }
}

fn entry(event: &Event) -> HistoryEntry {
    HistoryEntry {
        at: moment(event.at),
        what: describe_event(
            &event.action,
            event.actor.as_deref(),
            event.detail.as_deref(),
        ),
    }
}
