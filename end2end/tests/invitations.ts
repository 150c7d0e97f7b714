// Inviting people through the add-user wizard, and reading what Portico sent them from maildev.
import { APIRequestContext, Browser, expect, Page, TestInfo } from "@playwright/test";
import { MAILDEV } from "./servers";
import { open, ownerSignsIn } from "./support";

export type Person = { first: string; last: string; email: string };

export type Email = { id: string; subject: string; text: string; html: string; to: { address: string }[] };

/** Someone no server has heard of: maildev is shared by every project and every run's tests. */
export function newPerson(info: TestInfo, first: string, last: string): Person {
  const unique = `${info.project.name}.${Date.now()}.${Math.floor(Math.random() * 1e6)}`;
  return { first, last, email: `${first}.${last}.${unique}@example.com`.toLowerCase() };
}

export const fullName = (person: Person) => `${person.first} ${person.last}`;

/** Fills the wizard's row for the `number`th person (counting from 1). */
export async function fillPerson(page: Page, number: number, person: Person) {
  const row = page.getByRole("group", { name: `Person ${number}` });
  await row.getByLabel("First name").fill(person.first);
  await row.getByLabel("Last name").fill(person.last);
  await row.getByLabel("Email address").fill(person.email);
}

/** What maildev holds for `address` now. (maildev is shared by every spec and every run: asking
 * for one address keeps each poll small however many emails the others sent.) */
const emailsTo = async (address: string): Promise<Email[]> =>
  (await fetch(`${MAILDEV.api}/api/email?${new URLSearchParams({ "to.address": address })}`)).json();

/** The ids of the emails `people` hold now: whatever arrives later is not among them. */
export async function emailIds(people: Person[]): Promise<Set<string>> {
  const held = await Promise.all(people.map((person) => emailsTo(person.email)));
  return new Set(held.flat().map((email) => email.id));
}

/** Emails wait their turn in Portico's outbox behind every other spec's, so a slow machine gets
 * a generous wait; a message that never comes still fails the test. */
const EMAIL_WAIT_MS = 30_000;

/** The first email to `address` that `matches`, waiting for it to arrive. */
export async function findEmail(address: string, matches: (email: Email) => boolean = () => true): Promise<Email> {
  const deadline = Date.now() + EMAIL_WAIT_MS;
  do {
    const email = (await emailsTo(address)).find(matches);
    if (email) return email;
    await new Promise((resolve) => setTimeout(resolve, 250));
  } while (Date.now() < deadline);
  throw new Error(`no email to ${address} within ${EMAIL_WAIT_MS / 1000} s`);
}

/** The invitation link in the email `person` was sent, other than the emails in `earlier`. */
export async function invitationLink(person: Person, earlier = new Set<string>()): Promise<string> {
  const email = await findEmail(person.email, (e) => !earlier.has(e.id));
  const link = email.text.match(/http:\/\/\S+\/join\?token=[A-Za-z0-9_-]+/);
  if (!link) throw new Error(`no invitation link in the email to ${person.email}`);
  return link[0];
}

/**
 * Adds `people` to `group` through the wizard, as whoever is signed in on `page` and in the
 * workspace they are in, and returns the invitation links each of them was emailed.
 */
export async function invite(page: Page, info: TestInfo, people: Person[], group = "Developers"): Promise<string[]> {
  await open(page, new URL("/settings/users/add", page.url()).href, info);
  await expect(page.getByRole("heading", { level: 1, name: "User details" })).toBeVisible();
  for (const [index, person] of people.entries()) {
    if (index > 0) await page.getByRole("button", { name: "Add another person" }).click();
    await fillPerson(page, index + 1, person);
  }
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await page.getByRole("checkbox", { name: new RegExp(`^${group}\\b`) }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  // Exactly these people (and the header row): anything else would be another spec's draft.
  const rows = page.getByRole("region", { name: "People" }).getByRole("row");
  await expect(rows).toHaveCount(people.length + 1);
  for (const person of people) await expect(rows.filter({ hasText: person.email })).toHaveCount(1);
  const earlier = await emailIds(people);
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invitations sent" })).toBeVisible();
  return Promise.all(people.map((person) => invitationLink(person, earlier)));
}

/** The Owner signs in on `origin` (the project's own server by default) and invites `people`. */
export async function ownerInvites(
  page: Page,
  info: TestInfo,
  people: Person[],
  { group = "Developers", origin = "" } = {},
): Promise<string[]> {
  await ownerSignsIn(page, info, origin);
  return invite(page, info, people, group);
}

/** Calls a server function with the page's cookies, as the app's own origin would. */
async function call(request: APIRequestContext, origin: string, fn: string, form: Record<string, string>) {
  const response = await request.post(`${origin}/api/${fn}`, { form, headers: { origin } });
  expect(response.status(), `${fn}: ${await response.text()}`).toBe(200);
  return response.json();
}

/**
 * The Owner invites `people` into `group` through the same server function the wizard's Add
 * calls (the wizard itself is add-user.spec's), and gets each emailed link.
 */
export async function ownerAdds(page: Page, info: TestInfo, people: Person[], group = "Developers") {
  await ownerSignsIn(page, info);
  return add(page, people, group);
}

export async function add(page: Page, people: Person[], group = "Developers") {
  const origin = new URL(page.url()).origin;
  const groups: { group_id: string; name: string }[] = await call(page.request, origin, "list_groups", {});
  const form: Record<string, string> = { "group_ids[0]": groups.find((g) => g.name === group)!.group_id };
  people.forEach((person, i) => {
    form[`people[${i}][first_name]`] = person.first;
    form[`people[${i}][last_name]`] = person.last;
    form[`people[${i}][email]`] = person.email;
  });
  const earlier = await emailIds(people);
  await call(page.request, origin, "invite_people", form);
  return Promise.all(people.map((person) => invitationLink(person, earlier)));
}

/** A password every new person of the management specs signs up with. */
const NEW_PASSWORD = "copper kettles hum beneath the willow";

/**
 * In a browser of their own, the person behind `link` creates their account and joins; returns
 * that browser's page (close its context when done).
 */
export async function joinAsNewPerson(browser: Browser, link: string, info: TestInfo): Promise<Page> {
  const own = await (await browser.newContext()).newPage();
  await open(own, link, info);
  await own.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await own.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await own.getByRole("button", { name: "Accept invitation" }).click();
  await expect(own).toHaveURL(/\/settings\/users$/);
  return own;
}
