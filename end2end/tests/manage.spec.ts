// Managing people on Settings > Users and their details page: row actions, bulk actions,
// editing, groups, deactivation and removal, hydrated and with JavaScript off.
import { expect, Page, test, TestInfo } from "@playwright/test";
import { add, emailIds, fullName, invitationLink, joinAsNewPerson, newPerson, ownerAdds, Person } from "./invitations";
import { EXPIRING_SERVERS, OWNER } from "./servers";
import { expectAccessible, jsEnabled, open, ownerSignsIn } from "./support";

/** The Users page, searched for `text`. */
async function usersMatching(page: Page, info: TestInfo, text: string) {
  const origin = new URL(page.url()).origin;
  await open(page, `${origin}/settings/users?q=${encodeURIComponent(text)}`, info);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
}

const row = (page: Page, person: Person) => page.getByRole("row").filter({ hasText: person.email });
/**
 * The row's action `name`, its actions menu (a disclosure) opened first. A live update may draw
 * the table again, closing the menu, hence the retry.
 */
async function rowAction(page: Page, person: Person, role: "button" | "link", name: string) {
  const action = row(page, person).getByRole(role, { name });
  await expect(async () => {
    if (!(await action.isVisible())) await row(page, person).locator("details.menu > summary").click();
    await expect(action).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return action;
}
const notice = (page: Page) => page.getByRole("status").filter({ hasText: /\S/ }).first();

test("row actions resend, copy a fresh link and revoke an invitation", async ({ page, browser }, info) => {
  const grace = newPerson(info, "Grace", "Hopper");
  const [emailed] = await ownerAdds(page, info, [grace]);
  await usersMatching(page, info, grace.email);
  await expect(row(page, grace)).toContainText("Invitation sent for Developer");
  await expectAccessible(page, info);

  const before = await emailIds([grace]);
  await (await rowAction(page, grace, "button", `Resend invitation for ${fullName(grace)}`)).click();
  await expect(notice(page)).toContainText(`Invitation resent to ${fullName(grace)}.`);
  const resent = await invitationLink(grace, before);
  expect(resent).not.toBe(emailed);

  await (await rowAction(page, grace, "button", `Copy invite link for ${fullName(grace)}`)).click();
  await expect(page.getByRole("heading", { level: 1, name: "New invite link" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Earlier links, including the one in their email, no longer work.");
  const copied = await page.getByLabel(`Invite link for ${fullName(grace)}`).inputValue();
  expect(copied).toMatch(/\/join\?token=/);
  await expectAccessible(page, info);

  // Of the three links, only the copied one still works.
  const invitee = await (await browser.newContext()).newPage();
  for (const [link, works] of [[emailed, false], [resent, false], [copied, true]] as const) {
    await open(invitee, link, info);
    const accept = invitee.getByRole("button", { name: "Accept invitation" });
    await expect(accept).toHaveCount(works ? 1 : 0);
  }

  await usersMatching(page, info, grace.email);
  await (await rowAction(page, grace, "link", `Revoke invitation for ${fullName(grace)}`)).click();
  await expect(page.getByRole("heading", { level: 1, name: `Revoke the invitation of ${fullName(grace)}?` })).toBeVisible();
  await expectAccessible(page, info);
  await page.getByRole("button", { name: "Revoke invitation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: fullName(grace) })).toBeVisible();
  await expect(notice(page)).toContainText(`Invitation of ${fullName(grace)} revoked.`);
  await expect(page.getByRole("list", { name: "Invitation history" })).toContainText(`Invitation revoked by ${OWNER.name}`);
  await open(invitee, copied, info);
  await expect(invitee.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  await invitee.context().close();
});

test("an expired invitation is generated anew", async ({ page }, info) => {
  // This server's invitations expire after 3 seconds.
  const grace = newPerson(info, "Grace", "Expired");
  await ownerSignsIn(page, info, EXPIRING_SERVERS[info.project.name]);
  const [first] = await add(page, [grace]);
  // Expiry is not pushed to the page: load it again until the state badge says so (the row's
  // name holds "Expired" too, hence the badge). An invitation that never expires fails here.
  const expired = row(page, grace).locator(".badge", { hasText: /^Expired$/ });
  await expect(async () => {
    await usersMatching(page, info, grace.email);
    await expect(expired).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(row(page, grace).getByRole("button", { name: /^Resend invitation/ })).toHaveCount(0);
  const before = await emailIds([grace]);
  await (await rowAction(page, grace, "button", `Generate new invitation for ${fullName(grace)}`)).click();
  await expect(notice(page)).toContainText(`New invitation sent to ${fullName(grace)}.`);
  expect(await invitationLink(grace, before)).not.toBe(first);
});

test("selected invitations are revoked together after a confirmation", async ({ page }, info) => {
  const batch = `bulk${Date.now()}`;
  const people = [newPerson(info, "Ada", batch), newPerson(info, "Alan", batch)];
  await ownerAdds(page, info, people);
  await usersMatching(page, info, batch);
  const tick = (person: Person) => row(page, person).getByRole("checkbox", { name: `Select ${fullName(person)}` });
  for (const person of people) await tick(person).check();
  if (jsEnabled(info)) {
    // Someone else is invited meanwhile: the table is fetched again, and the ticks stay.
    const later = newPerson(info, "Later", batch);
    await add(page, [later]);
    await expect(row(page, later)).toBeVisible();
    for (const person of people) await expect(tick(person)).toBeChecked();
    await expect(tick(later)).not.toBeChecked();
  }
  await page.getByRole("button", { name: "Revoke selected" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Revoke 2 invitations?" })).toBeVisible();
  await expectAccessible(page, info);
  await page.getByRole("button", { name: "Revoke 2 invitations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(notice(page)).toContainText("2 invitations revoked.");
  await usersMatching(page, info, batch);
  for (const person of people) await expect(row(page, person)).toContainText("Revoked");
});

test("pages of fifty with previous and next", async ({ page }, info) => {
  const batch = `page${Date.now()}`;
  const people = Array.from({ length: 51 }, (_, i) => newPerson(info, `P${String(i).padStart(2, "0")}`, batch));
  await ownerAdds(page, info, people.slice(0, 50));
  await add(page, people.slice(50));
  await usersMatching(page, info, batch);
  await expect(page.getByRole("table")).toContainText("51 people match");
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("Page 1 of 2");
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("Page 2 of 2");
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
  await page.getByRole("link", { name: "Previous page" }).click();
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("Page 1 of 2");

  // The first column's heading sorts by email too, keeping the search.
  await page.getByRole("link", { name: /sort by email$/ }).click();
  await expect(page).toHaveURL(/sort=email/);
  await expect(page.getByRole("columnheader", { name: /sort by email$/ })).toHaveAttribute("aria-sort", "ascending");
  const emails = await page.getByRole("table").locator(".person-email").allTextContents();
  expect(emails.length).toBe(50);
  expect([...emails].sort()).toEqual(emails);
});

test("details, edit, change groups, deactivate, reactivate and remove", async ({ page, browser }, info) => {
  const ada = newPerson(info, "Ada", "Lovelace");
  const [link] = await ownerAdds(page, info, [ada]);
  const invitee = await joinAsNewPerson(browser, link, info);

  await usersMatching(page, info, ada.email);
  await (await rowAction(page, ada, "link", `View details of ${fullName(ada)}`)).click();
  await expect(page.getByRole("heading", { level: 1, name: fullName(ada) })).toBeVisible();
  await expect(page.getByRole("list", { name: "Invitation history" })).toContainText("Invitation accepted");
  await expectAccessible(page, info);

  await page.getByRole("link", { name: "Edit user" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit user" })).toBeVisible();
  await page.getByLabel("First name").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Enter a first name");
  if (jsEnabled(info)) await expect(summary).toBeFocused();
  await expectAccessible(page, info);
  await page.getByLabel("First name").fill("Augusta Ada");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Augusta Ada ${ada.last}` })).toBeVisible();
  await expect(notice(page)).toContainText("Details of Augusta Ada Lovelace saved.");

  await page.getByRole("link", { name: "Change groups" }).click();
  await page.getByRole("checkbox", { name: /^Admins\b/ }).check();
  await page.getByRole("checkbox", { name: /^Developers\b/ }).uncheck();
  await page.getByRole("button", { name: "Save groups" }).click();
  await expect(notice(page)).toContainText("is now in Admins.");
  await expect(page.getByRole("main")).toContainText("Invite people");

  await page.getByRole("link", { name: "Deactivate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Deactivate / })).toBeVisible();
  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(notice(page)).toContainText("is deactivated and signed out of this workspace.");
  await open(invitee, "/settings/users", info);
  await expect(invitee).toHaveURL(/\/sign-in/);

  await page.getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByRole("definition").filter({ hasText: /^Active$/ })).toBeVisible();
  await page.getByRole("link", { name: "Remove user" }).click();
  await page.getByRole("button", { name: "Remove user" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(notice(page)).toContainText("Augusta Ada Lovelace was removed from the workspace.");
  await invitee.context().close();
});
