//! The invitations port: who may invite whom into which groups, tokens and links, and the one
//! transaction that records it all.

use crate::clock::Clock;
use crate::invitations::queries as invitations;
use crate::invitations::queries::{Batch, InviteError, Invitee, Standing};
use crate::mail::message::InvitationPayload;
use crate::secrets::Sealer;
use crate::store::{Db, OrDbError, db_error, parse_id};
use crate::tokens;
use app::domain::person::field_id;
use app::domain::role::{may_grant, role_names};
use app::domain::{Actor, CreatedInvitation, NewPerson, Role};
use app::error::{AppError, FieldError, FieldErrors};
use app::groups::GroupSummary;
use app::invitations::port::Invitations;
use async_trait::async_trait;
use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::Arc;
use tokio::sync::Notify;
use url::Url;
use uuid::Uuid;

pub struct InvitationService {
    pub db: Db,
    pub sealer: Sealer,
    pub base_url: Url,
    pub ttl: chrono::Duration,
    pub clock: Arc<dyn Clock>,
    pub mail_wakeup: Arc<Notify>,
}

/// Links are built from the configured base URL only (docs/security.md §10).
pub fn invitation_link(base_url: &Url, token: &str) -> String {
    crate::tokens::link(base_url, app::routes::JOIN, token).expect("a valid base URL")
}

impl InvitationService {
    /// The outbox payload of an invitation email to `first_name`, sent in the actor's name,
    /// its link sealed (docs/security.md §9).
    pub fn email_payload(
        &self,
        actor: &Actor,
        first_name: &str,
        grants: &str,
        expires_at: chrono::DateTime<chrono::Utc>,
        link: &str,
    ) -> Result<String, AppError> {
        let payload = InvitationPayload {
            first_name: first_name.to_owned(),
            workspace: actor.workspace_name.clone(),
            inviter: actor.display_name.clone(),
            grants: grants.to_owned(),
            expires_at,
            sealed_link: Some(self.sealer.seal(link)),
        };
        serde_json::to_string(&payload).map_err(|_| AppError::Unexpected)
    }

    /// The workspace's groups with these ids, if the actor may grant them all.
    pub async fn chosen_groups(
        &self,
        actor: &Actor,
        group_ids: &[Uuid],
    ) -> Result<Vec<GroupSummary>, AppError> {
        let chosen: Vec<GroupSummary> = self
            .groups(actor.workspace_id)
            .await?
            .into_iter()
            .filter(|g| group_ids.contains(&g.group_id))
            .collect();
        if chosen.len() != group_ids.iter().collect::<HashSet<_>>().len() {
            // Another workspace's group, or one that no longer exists: nothing to reveal.
            return Err(AppError::invalid_field(
                "groups",
                "Select groups from the list",
            ));
        }
        if !may_grant(
            &actor.permissions,
            chosen.iter().flat_map(|g| g.roles.iter().copied()),
        ) {
            return Err(AppError::Denied(
                "You can only grant groups whose rights you hold yourself".into(),
            ));
        }
        Ok(chosen)
    }

    async fn problems_with_addresses(
        &self,
        workspace_id: &str,
        people: &[NewPerson],
    ) -> Result<Vec<FieldError>, AppError> {
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        for (index, person) in people.iter().enumerate() {
            if !seen.insert(person.email.as_str()) {
                problems.push(email_problem(
                    index,
                    "This email address is entered more than once",
                ));
            }
        }
        let emails: Vec<&str> = people.iter().map(|p| p.email.as_str()).collect();
        for (email, standing) in invitations::standing(&self.db, workspace_id, &emails)
            .await
            .or_db_error()?
        {
            let index = emails.iter().position(|e| *e == email).unwrap_or_default();
            problems.push(email_problem(index, standing_message(standing)));
        }
        Ok(problems)
    }
}

fn email_problem(index: usize, message: &str) -> FieldError {
    FieldError {
        field: field_id(index, "email"),
        message: message.to_owned(),
    }
}

pub fn standing_message(standing: Standing) -> &'static str {
    match standing {
        Standing::Member => "Someone with this email address is already a member",
        Standing::PendingInvitation => {
            "Someone with this email address already has a pending invitation"
        }
    }
}

fn group_summary(
    (group_id, name, roles): (String, String, Vec<String>),
) -> Result<GroupSummary, AppError> {
    Ok(GroupSummary {
        group_id: parse_id(&group_id).or_db_error()?,
        name,
        roles: roles.iter().filter_map(|key| Role::from_key(key)).collect(),
    })
}

/// "Developers (Developer)", as the email and the Users page say it.
pub fn describe_grants(groups: &[&GroupSummary]) -> String {
    groups
        .iter()
        .map(|group| format!("{} ({})", group.name, role_names(&group.roles)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[async_trait]
impl Invitations for InvitationService {
    async fn check_addresses(
        &self,
        workspace_id: Uuid,
        people: &[NewPerson],
    ) -> Result<(), AppError> {
        let problems = self
            .problems_with_addresses(&workspace_id.to_string(), people)
            .await?;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(FieldErrors(problems)))
        }
    }

    async fn groups(&self, workspace_id: Uuid) -> Result<Vec<GroupSummary>, AppError> {
        let rows = invitations::groups(&self.db, &workspace_id.to_string())
            .await
            .or_db_error()?;
        rows.into_iter().map(group_summary).collect()
    }

    async fn invite(
        &self,
        actor: &Actor,
        people: Vec<NewPerson>,
        group_ids: Vec<Uuid>,
        client: IpAddr,
    ) -> Result<Vec<CreatedInvitation>, AppError> {
        let workspace_id = actor.workspace_id.to_string();
        let chosen = self.chosen_groups(actor, &group_ids).await?;
        let chosen: Vec<&GroupSummary> = chosen.iter().collect();
        let problems = self.problems_with_addresses(&workspace_id, &people).await?;
        if !problems.is_empty() {
            return Err(AppError::Invalid(FieldErrors(problems)));
        }

        let now = self.clock.now();
        let expires_at = now + self.ttl;
        let grants = describe_grants(&chosen);
        let mut links = Vec::with_capacity(people.len());
        let mut invitees = Vec::with_capacity(people.len());
        for person in &people {
            let (token, token_hash) = tokens::generate();
            let link = invitation_link(&self.base_url, &token);
            let payload = self.email_payload(
                actor,
                person.first_name.as_str(),
                &grants,
                expires_at,
                &link,
            )?;
            invitees.push(Invitee {
                first_name: person.first_name.as_str(),
                last_name: person.last_name.as_str(),
                email: person.email.as_str(),
                country_code: person.phone.checked().map(|p| p.country.as_str()),
                phone: person.phone.checked().map(|p| p.e164.as_str()),
                token_hash,
                payload,
            });
            links.push(link);
        }
        let group_ids: Vec<String> = chosen.iter().map(|g| g.group_id.to_string()).collect();
        let batch = Batch {
            workspace_id: &workspace_id,
            invited_by: &actor.account_id.to_string(),
            group_ids: &group_ids,
            expires_at,
            client_addr: Some(client),
        };
        let created = match invitations::create_batch(&self.db, &batch, &invitees, now).await {
            Ok(created) => created,
            Err(InviteError::Taken(email)) => {
                let index = people
                    .iter()
                    .position(|p| p.email.as_str() == email)
                    .unwrap_or_default();
                let problem = email_problem(
                    index,
                    "Someone with this email address was added a moment ago",
                );
                return Err(AppError::Invalid(FieldErrors(vec![problem])));
            }
            Err(InviteError::GroupGone) => {
                return Err(AppError::invalid_field(
                    "groups",
                    "A group you chose was deleted a moment ago. Select groups again",
                ));
            }
            Err(InviteError::Database(error)) => return Err(db_error(error)),
        };
        self.mail_wakeup.notify_one();
        people
            .iter()
            .zip(links)
            .zip(created)
            .map(|((person, link), row)| {
                Ok(CreatedInvitation {
                    invitation_id: parse_id(&row.invitation_id).or_db_error()?,
                    member_id: parse_id(&row.member_id).or_db_error()?,
                    name: person.full_name(),
                    email: person.email.as_str().to_owned(),
                    link,
                    valid_for: app::words::duration_in_words(self.ttl),
                    expires: app::words::moment(expires_at),
                })
            })
            .collect()
    }
}
