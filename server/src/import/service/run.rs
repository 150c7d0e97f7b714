//! The import itself, in the background: the ready rows are invited chunk by chunk through the
//! wizard's `invite`, each row's outcome recorded as it goes, the importer's rights read again
//! before every chunk.

use super::{CHUNK_ROWS, ImportService, reason_of};
use crate::import::lease;
use crate::import::queries::CheckedRow;
use crate::store::parse_id;
use app::domain::person::field_id;
use app::domain::{Actor, NewPerson, Permission, PersonInput};
use app::error::{AppError, FormCheck};
use app::import::{ImportRow, Outcome};
use app::invitations::port::Invitations;
use std::net::IpAddr;
use uuid::Uuid;

impl ImportService {
    /// Invites the ready rows chunk by chunk, re-reading the importer's rights before each.
    pub(super) async fn run(self, actor: Actor, batch_id: Uuid, client: IpAddr) {
        let batch = batch_id.to_string();
        // Held for the whole run: `stop` raises its flag and then waits, so the loop sees the
        // flag after the chunk in hand and ends the lease before `stop` returns.
        let _running = self.running.read().await;
        while !*self.stopping.borrow() {
            match self.run_chunk(&actor, &batch, client).await {
                Ok(Step::Recorded) => {}
                Ok(Step::Finished) => return,
                Err(error) => {
                    tracing::error!(%error, "import stopped; it can be carried on");
                    break;
                }
            }
        }
        // Stopped before the end (shutdown or error): shown as interrupted at once.
        if let Err(error) = lease::end_lease(&self.db, &batch).await {
            tracing::error!(%error, "import lease could not be ended");
        }
    }

    async fn run_chunk(
        &self,
        started_by: &Actor,
        batch: &str,
        client: IpAddr,
    ) -> Result<Step, sqlx::Error> {
        let rows = lease::next_ready_rows(&self.db, batch, CHUNK_ROWS).await?;
        if rows.is_empty() {
            lease::finish(&self.db, batch).await?;
            return Ok(Step::Finished);
        }
        // Rights shrink at once (docs/security.md §15): a demoted or removed importer stops.
        let actor = crate::people::queries::members::actor(
            &self.db,
            started_by.account_id,
            started_by.workspace_id,
        )
        .await?
        .filter(|actor| actor.can(Permission::InviteMembers));
        let outcomes = match actor {
            Some(actor) => self.invite_rows(&actor, rows, client).await,
            None => skip_all(&rows, "Your right to invite people ended during the import"),
        };
        lease::record_outcomes(&self.db, batch, &outcomes, self.lease_until()).await?;
        self.live.members_changed(started_by.workspace_id);
        Ok(Step::Recorded)
    }

    /// Invites rows naming the same groups together.
    async fn invite_rows(
        &self,
        actor: &Actor,
        rows: Vec<CheckedRow>,
        client: IpAddr,
    ) -> Vec<(u32, Outcome)> {
        let mut outcomes = Vec::with_capacity(rows.len());
        let mut batches: Vec<SameGroups> = Vec::new();
        for checked in rows {
            let Some(person) = person_of(&checked.row) else {
                outcomes.push((checked.row.line, skipped("The row is no longer valid")));
                continue;
            };
            let line = (checked.row.line, person);
            match batches
                .iter_mut()
                .find(|b| b.group_ids == checked.group_ids)
            {
                Some(batch) => batch.people.push(line),
                None => batches.push(SameGroups {
                    group_ids: checked.group_ids,
                    people: vec![line],
                }),
            }
        }
        for batch in batches {
            outcomes.extend(self.invite_together(actor, batch, client).await);
        }
        outcomes.sort_by_key(|(line, _)| *line);
        outcomes
    }

    /// One `invite` for the lot; a row it refuses (its address taken meanwhile, say) is
    /// skipped with the reason, and the others are tried again.
    async fn invite_together(
        &self,
        actor: &Actor,
        batch: SameGroups,
        client: IpAddr,
    ) -> Vec<(u32, Outcome)> {
        let group_ids: Vec<Uuid> = batch
            .group_ids
            .iter()
            .filter_map(|id| parse_id(id).ok())
            .collect();
        let mut people = batch.people;
        let mut outcomes = Vec::with_capacity(people.len());
        while !people.is_empty() {
            let persons: Vec<NewPerson> = people.iter().map(|(_, p)| p.clone()).collect();
            let error = match self
                .invitations
                .invite(actor, persons, group_ids.clone(), client)
                .await
            {
                Ok(_) => {
                    outcomes.extend(people.drain(..).map(|(line, _)| (line, Outcome::Imported)));
                    break;
                }
                Err(error) => error,
            };
            let refused = refused_people(&error, people.len());
            if refused.is_empty() {
                let reason = reason_of(&error);
                outcomes.extend(people.drain(..).map(|(line, _)| (line, skipped(&reason))));
            }
            // Highest index first, so the lower ones stay where they are.
            for (index, reason) in refused.into_iter().rev() {
                let (line, _) = people.remove(index);
                outcomes.push((line, skipped(&reason)));
            }
        }
        outcomes
    }
}

/// Where an import stands after one chunk.
enum Step {
    /// A chunk was invited and recorded; there may be more.
    Recorded,
    /// No ready row was left: the batch is done.
    Finished,
}

/// Ready rows that name the same groups, with their lines.
struct SameGroups {
    group_ids: Vec<String>,
    people: Vec<(u32, NewPerson)>,
}

fn person_of(row: &ImportRow) -> Option<NewPerson> {
    let input = PersonInput {
        first_name: row.first_name.clone(),
        last_name: row.last_name.clone(),
        email: row.email.clone(),
        country: row.country_code.clone(),
        phone: row.phone.clone(),
        ..PersonInput::default()
    };
    NewPerson::parse(&input, 0, &mut FormCheck::default())
}

fn skipped(reason: &str) -> Outcome {
    Outcome::Skipped(reason.to_owned())
}

fn skip_all(rows: &[CheckedRow], reason: &str) -> Vec<(u32, Outcome)> {
    rows.iter().map(|r| (r.row.line, skipped(reason))).collect()
}

/// The people `invite` refused, by their position (its field errors are on `person-N-email`),
/// with why.
fn refused_people(error: &AppError, count: usize) -> Vec<(usize, String)> {
    (0..count)
        .filter_map(|index| {
            error
                .message_for(&field_id(index, "email"))
                .map(|message| (index, message))
        })
        .collect()
}
