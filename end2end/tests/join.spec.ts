import { expect, Page, test as base, TestInfo } from "@playwright/test";
import { findEmail, fullName, invite, newPerson, ownerInvites, Person } from "./invitations";
import { EXPIRING_SERVERS, JOIN_SERVERS, OWNER } from "./servers";
import { expectAccessible, open, newBrowsers } from "./support";

const WORKSPACE = "Portico";
const PASSWORD = "copper kettles hum beneath the willow";

/**
 * Runs against the project's join server (see JOIN_SERVERS). `page` is the Owner's browser;
 * `invitee` is another one, and `newBrowser` opens more, none sharing cookies with another.
 */
const test = base.extend<{ newBrowser: () => Promise<Page>; invitee: Page }>({
  baseURL: async ({}, use, info) => use(JOIN_SERVERS[info.project.name]),
  newBrowser: newBrowsers,
  invitee: async ({ newBrowser }, use) => use(await newBrowser()),
});

/**
 * Opens the emailed link: the server keeps the token in a cookie and redirects to `/join`,
 * whose response must not be cached or leak the address in `Referer`.
 */
async function openInvitation(invitee: Page, link: string, info: TestInfo) {
  const response = await open(invitee, link, info);
  expect(invitee.url()).not.toContain("token=");
  expect(new URL(invitee.url()).pathname).toBe("/join");
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response?.headers()["cache-control"]).toBe("no-store");
}

async function fillPasswords(invitee: Page, password: string, confirmation: string) {
  await invitee.getByLabel("Password", { exact: true }).fill(password);
  await invitee.getByLabel("Confirm password").fill(confirmation);
}

/** The new-account form is shown to `person`, with the invitation's address fixed. */
async function expectNewAccountForm(invitee: Page, person: Person) {
  await expect(invitee.getByRole("heading", { level: 2, name: "Create your account" })).toBeVisible();
  await expect(invitee.getByLabel("Display name")).toHaveValue(fullName(person));
  const email = invitee.getByLabel("Email", { exact: true });
  await expect(email).toHaveValue(person.email);
  await expect(email).toHaveJSProperty("readOnly", true);
}

/** On the workspace page, where members who may not see the Users page land. */
async function expectOnWorkspacePage(page: Page, person: Person, workspace: string) {
  await expect(page).toHaveURL(/\/settings\/workspace$/);
  await expect(page.getByRole("heading", { level: 1, name: workspace })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`Signed in as ${fullName(person)} (${person.email})`);
}

/**
 * Opens the link and creates the account, which signs this browser in. Where it lands is the
 * first test's concern.
 */
async function acceptAsNewPerson(invitee: Page, link: string, person: Person, info: TestInfo) {
  await openInvitation(invitee, link, info);
  await fillPasswords(invitee, PASSWORD, PASSWORD);
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee.getByRole("banner")).toContainText(`Signed in as ${fullName(person)}`);
}

/** Creates a workspace; its creator becomes its Owner and continues in it. */
async function createWorkspace(page: Page, info: TestInfo, name: string) {
  await open(page, "/settings/workspace", info);
  await page.getByLabel("Workspace name").fill(name);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(name);
}

async function signOut(page: Page) {
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Portico" })).toBeVisible();
}

test("a new person opens the emailed link, creates an account and lands in the workspace", async ({
  page,
  invitee,
}, info) => {
  test.setTimeout(60_000);
  const grace = newPerson(info, "Grace", "Hopper");
  // A Guest may not see the Users page, so lands on the workspace page.
  const [link] = await ownerInvites(page, info, [grace], { group: "Guests" });

  await openInvitation(invitee, link, info);
  const cookie = (await invitee.context().cookies()).find((c) => c.name === "portico_invitation");
  expect(cookie?.httpOnly).toBe(true);
  await expect(invitee.getByRole("heading", { level: 1, name: `Join ${WORKSPACE}` })).toBeVisible();
  const main = invitee.getByRole("main");
  await expect(main).toContainText(`${OWNER.name} invited you to join ${WORKSPACE} on Portico.`);
  const grants = invitee.getByRole("region", { name: "Your groups and what they allow" });
  await expect(grants).toContainText("Guests (Guest)");
  await expect(main).toContainText(/This invitation expires on \d{1,2} \w+ \d{4} at \d\d:\d\d UTC\./);
  await expect(invitee.getByRole("link", { name: "Decline" })).toHaveAttribute("href", "/join/decline");
  await expectNewAccountForm(invitee, grace);
  await expect(invitee.locator("#password-rules")).toContainText("At least 15 characters");
  // The invitee's pages are plain forms: they load no script, to load in a few kilobytes.
  await expect(invitee.locator("script[type=module]")).toHaveCount(0);
  await expectAccessible(invitee, info);

  // First the passwords differ: nothing is created, the summary says why.
  await fillPasswords(invitee, PASSWORD, "copper kettles hum beneath a willow");
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  const summary = invitee.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toContainText("The passwords do not match");
  await expect(summary).toBeFocused();
  await expect(invitee).toHaveURL(/\/join(\?|$)/);
  await expectAccessible(invitee, info);

  // A guessable password is refused at submission, with the reason, and nothing is created.
  await fillPasswords(invitee, "password1234567", "password1234567");
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee.getByRole("alert")).toBeFocused();
  await expect(invitee.locator("#password-error")).toContainText(/easy to guess|common/);
  await expect(invitee).toHaveURL(/\/join(\?|$)/);

  await fillPasswords(invitee, PASSWORD, PASSWORD);
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expectOnWorkspacePage(invitee, grace, WORKSPACE);
  await expectAccessible(invitee, info);
});

test("a new person joins from the keyboard alone", async ({ page, invitee }, info) => {
  test.setTimeout(60_000);
  const kim = newPerson(info, "Kim", "Nakamura");
  const [link] = await ownerInvites(page, info, [kim], { group: "Guests" });
  await openInvitation(invitee, link, info);

  await invitee.keyboard.press("Tab"); // skip link
  await invitee.keyboard.press("Tab");
  await expect(invitee.getByLabel("Display name")).toBeFocused();
  await invitee.keyboard.press("Tab");
  // Read-only, yet reachable: the address is part of what they agree to.
  await expect(invitee.getByLabel("Email", { exact: true })).toBeFocused();
  await invitee.keyboard.press("Tab");
  await expect(invitee.getByLabel("Password", { exact: true })).toBeFocused();
  await invitee.keyboard.type(PASSWORD);
  await invitee.keyboard.press("Tab");
  await expect(invitee.getByLabel("Confirm password")).toBeFocused();
  await invitee.keyboard.type(PASSWORD);
  await invitee.keyboard.press("Enter");
  await expectOnWorkspacePage(invitee, kim, WORKSPACE);
});

// Rosa, not the shared Owner, creates the second workspace: an account signs in to the workspace
// it joined last, and the other tests expect the Owner in Portico.
test("someone with an account signs in to join a second workspace, then switches back", async ({
  page,
  invitee,
  newBrowser,
}, info) => {
  test.setTimeout(90_000);
  const rosa = newPerson(info, "Rosa", "Ferreira");
  const sam = newPerson(info, "Sam", "Achterberg");
  const [rosaLink, samLink] = await ownerInvites(page, info, [rosa, sam]);
  const rosaPage = await newBrowser();
  await acceptAsNewPerson(rosaPage, rosaLink, rosa, info);
  // Developers may see the people, so they land on the Users page.
  await expect(rosaPage).toHaveURL(/\/settings\/users$/);
  await acceptAsNewPerson(invitee, samLink, sam, info);
  await signOut(invitee);

  const harbour = "Harbour";
  await createWorkspace(rosaPage, info, harbour);
  const [harbourLink] = await invite(rosaPage, info, [sam], "Guests");

  await openInvitation(invitee, harbourLink, info);
  await expect(invitee.getByRole("heading", { level: 1, name: `Join ${harbour}` })).toBeVisible();
  await expect(invitee.getByRole("main")).toContainText(`${fullName(rosa)} invited you to join ${harbour} on Portico.`);
  await expect(invitee.getByRole("heading", { level: 2, name: `Sign in to join ${harbour}` })).toBeVisible();
  await expect(invitee.getByRole("main")).toContainText(`You already have a Portico account with ${sam.email}.`);
  await expectAccessible(invitee, info);

  await invitee.getByLabel("Password").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Sign in" }).click();
  const join = invitee.getByRole("button", { name: `Join ${harbour}` });
  await expect(join).toBeVisible();
  await expect(invitee).toHaveURL(/\/join$/);
  await expectAccessible(invitee, info);

  await join.click();
  await expectOnWorkspacePage(invitee, sam, harbour);
  await expect(invitee.getByRole("heading", { level: 2, name: "Your workspaces" })).toBeVisible();
  await expectAccessible(invitee, info);

  await invitee.getByRole("button", { name: `Switch to ${WORKSPACE}` }).click();
  await expect(invitee).toHaveURL(/\/settings\/users$/);
  await invitee.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Workspace" }).click();
  await expect(invitee.getByRole("heading", { level: 1, name: WORKSPACE })).toBeVisible();
  await expect(invitee.getByRole("button", { name: `Switch to ${harbour}` })).toBeVisible();
});

test("someone signed in with another account signs out before accepting", async ({ page, invitee }, info) => {
  test.setTimeout(60_000);
  const pat = newPerson(info, "Pat", "Okafor");
  const quinn = newPerson(info, "Quinn", "Lindqvist");
  const [patLink, quinnLink] = await ownerInvites(page, info, [pat, quinn]);
  await acceptAsNewPerson(invitee, patLink, pat, info);

  // Pat opens Quinn's link in the same browser: nothing is offered but signing out.
  await openInvitation(invitee, quinnLink, info);
  await expect(invitee.getByRole("heading", { level: 1, name: `Join ${WORKSPACE}` })).toBeVisible();
  await expect(invitee.getByRole("status")).toContainText(
    `You are signed in as ${pat.email}, but this invitation is for a different email address`,
  );
  await expect(invitee.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  await expectAccessible(invitee, info);

  await invitee.getByRole("button", { name: "Sign out" }).click();
  await expect(invitee.getByRole("status")).toHaveCount(0);
  await expectNewAccountForm(invitee, quinn);
  await expectAccessible(invitee, info);
});

test("the invitee declines, the link stops working, and the Owner sees it", async ({ page, invitee }, info) => {
  test.setTimeout(60_000);
  const dana = newPerson(info, "Dana", "Whitfield");
  const [link] = await ownerInvites(page, info, [dana]);

  await openInvitation(invitee, link, info);
  await invitee.getByRole("link", { name: "Decline" }).click();
  await expect(invitee).toHaveURL(/\/join\/decline$/);
  await expect(
    invitee.getByRole("heading", { level: 1, name: `Decline the invitation to ${WORKSPACE}?` }),
  ).toBeVisible();
  await expect(invitee.getByRole("link", { name: "Go back to the invitation" })).toHaveAttribute("href", "/join");
  await expectAccessible(invitee, info);

  await invitee.getByRole("button", { name: "Decline invitation" }).click();
  await expect(invitee).toHaveURL(/\/join\/declined$/);
  await expect(invitee.getByRole("heading", { level: 1, name: "Invitation declined" })).toBeVisible();
  await expectAccessible(invitee, info);

  await openInvitation(invitee, link, info);
  await expect(invitee.getByRole("heading", { level: 1, name: "This invitation link cannot be used" })).toBeVisible();
  await expectAccessible(invitee, info);

  await open(page, "/settings/users", info);
  await expect(page.getByRole("row").filter({ hasText: dana.email })).toContainText("Declined");
});

test("an unknown link says only that it cannot be used", async ({ invitee }, info) => {
  await openInvitation(invitee, "/join?token=this-is-no-invitation-token-at-all-000000000", info);
  await expect(invitee.getByRole("heading", { level: 1, name: "This invitation link cannot be used" })).toBeVisible();
  await expect(invitee.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/sign-in");
  await expectAccessible(invitee, info);
});

test("an expired link lets the invitee ask the inviter for a new one", async ({ page, invitee }, info) => {
  test.setTimeout(60_000);
  const origin = EXPIRING_SERVERS[info.project.name];
  const eve = newPerson(info, "Eve", "Marchetti");
  const [link] = await ownerInvites(page, info, [eve], { origin });
  expect(link.startsWith(`${origin}/join?token=`)).toBe(true);

  // The expiring server's invitations last 3 seconds: open the link until it says so.
  const expired = invitee.getByRole("heading", { level: 1, name: "This invitation has expired" });
  await expect(async () => {
    await openInvitation(invitee, link, info);
    await expect(expired).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expectAccessible(invitee, info);

  await invitee.getByRole("button", { name: "Ask for a new link" }).click();
  await expect(invitee).toHaveURL(/\/join\/new-link-requested$/);
  await expect(invitee.getByRole("heading", { level: 1, name: "New link requested" })).toBeVisible();
  await expectAccessible(invitee, info);

  const subject = `${fullName(eve)} asked for a new invitation link to ${WORKSPACE}`;
  const note = await findEmail(OWNER.email, (email) => email.subject === subject && email.text.includes(eve.email));
  expect(note.text).toContain(`${origin}/settings/users/`);
});
