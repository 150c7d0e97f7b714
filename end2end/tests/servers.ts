// The Portico servers the end-to-end tests run against (started by playwright.config.ts).

/** Bootstrapped with an Owner; one per project, shared by that project's specs. */
export const OWNER_SERVERS: Record<string, string> = {
  hydrated: "http://127.0.0.1:3123",
  "no-js": "http://127.0.0.1:3126",
};
/**
 * Bootstrapped like the Owner servers, for join.spec.ts alone: the add-user wizard keeps one
 * draft per inviting member, so two spec files driving the Owner's wizard at once on one server
 * (the two workers run files of the same project side by side) overwrite each other's drafts.
 */
export const JOIN_SERVERS: Record<string, string> = {
  hydrated: "http://127.0.0.1:3129",
  "no-js": "http://127.0.0.1:3130",
};
/**
 * Bootstrapped like the Owner servers, for journey.spec.ts alone: its tests drive the Owner's
 * add-user wizard, whose one draft per inviting member another spec file must not share.
 */
export const JOURNEY_SERVERS: Record<string, string> = {
  hydrated: "http://127.0.0.1:3133",
  "no-js": "http://127.0.0.1:3134",
};
/**
 * Bootstrapped like the Owner servers, for layout.spec.ts alone: it fills the Owner's wizard
 * draft to lay out each step, and runs beside journey.spec.ts on the other worker.
 */
export const LAYOUT_SERVERS: Record<string, string> = {
  hydrated: "http://127.0.0.1:3135",
  "no-js": "http://127.0.0.1:3136",
};
/**
 * Bootstrapped like the Owner servers, for import.spec.ts alone: an import queues 150 emails,
 * which would otherwise hold up the invitations other specs wait for in the same outbox.
 */
export const IMPORT_SERVERS: Record<string, string> = {
  hydrated: "http://127.0.0.1:3131",
  "no-js": "http://127.0.0.1:3132",
};
/** Bootstrapped like the Owner servers, but invitations expire after 3 seconds (short-ttl). */
export const EXPIRING_SERVERS: Record<string, string> = {
  hydrated: "http://127.0.0.1:3127",
  "no-js": "http://127.0.0.1:3128",
};
/** One empty server per project, so each can complete the one-time setup. */
export const SETUP_SERVERS: Record<string, string> = {
  hydrated: "http://127.0.0.1:3124",
  "no-js": "http://127.0.0.1:3125",
};

export const OWNER = {
  email: "owner@example.com",
  password: "a long and quiet harbour at dawn",
  name: "Workspace Owner",
};

/** Where e2e-server.sh keeps each server's database and output. */
export const serverDir = (name: string) => `${process.env.PORTICO_E2E_DIR ?? "/tmp/portico-e2e"}/${name}`;

/** The SMTP test server the Owner's Portico sends through (see e2e-server.sh). */
export const MAILDEV = { smtpPort: 3025, webPort: 3080, api: "http://127.0.0.1:3080" };
