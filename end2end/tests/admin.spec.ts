// The rest of the console's shell: the roles matrix, the audit log and the workspace switcher.
import { expect, test } from "@playwright/test";
import { fullName, joinAsNewPerson, newPerson, ownerAdds } from "./invitations";
import { OWNER } from "./servers";
import { expectAccessible, jsEnabled, open, ownerSignsIn } from "./support";

test("the roles page shows what each role allows", async ({ page }, info) => {
  await ownerSignsIn(page, info);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Roles" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Roles" })).toBeVisible();
  const auditRow = page.getByRole("row", { name: /Read the audit log/ });
  await expect(auditRow.getByRole("cell")).toHaveText(["Yes", "Yes", "Yes", "No", "No"]);
  await expectAccessible(page, info);
});

test("the audit log filters by what happened", async ({ page }, info) => {
  await ownerSignsIn(page, info);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const filters = page.getByRole("search", { name: "Audit events" });
  await filters.getByLabel("What").selectOption({ label: "Workspace created" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=workspace.created/);
  await expect(page.getByRole("table")).toContainText("1 event match");
  await expect(page.getByRole("table").getByRole("row").nth(1)).toContainText(OWNER.name);
  await expectAccessible(page, info);

  await filters.getByLabel("From (date)").fill("2000-01-01");
  await filters.getByLabel("To (date)").fill("2000-01-31");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("table")).toContainText("0 events match");
});

test("someone in two workspaces switches between them from the header", async ({ page, browser }, info) => {
  const ada = newPerson(info, "Ada", "Switcher");
  const [link] = await ownerAdds(page, info, [ada]);
  const own = await joinAsNewPerson(browser, link, info);

  await open(own, "/settings/workspace", info);
  await own.getByLabel("Workspace name").fill(`${fullName(ada)}'s lab`);
  await own.getByRole("button", { name: "Create workspace" }).click();
  const header = own.getByRole("banner");
  const switcher = header.getByLabel("Workspace");
  await expect(switcher).toBeVisible();
  await expect(header).toContainText(`${fullName(ada)}'s lab`);
  // The switcher marks the workspace the page was rendered in: the `selected` attribute, which
  // choosing another option below does not change (that sets the property).
  const choice = (name: string) => switcher.getByRole("option", { name, exact: true });
  await expect(choice(`${fullName(ada)}'s lab`)).toHaveAttribute("selected");
  await expect(choice("Portico")).not.toHaveAttribute("selected");
  await expectAccessible(own, info);

  await switcher.selectOption({ label: "Portico" });
  await header.getByRole("button", { name: "Switch" }).click();
  await expect(own).toHaveURL(/\/settings\/users$/);
  // The header, rendered anew, is Portico's.
  await expect(choice("Portico")).toHaveAttribute("selected");
  await expect(choice(`${fullName(ada)}'s lab`)).not.toHaveAttribute("selected");
  await own.context().close();
});

test("a group is created, given roles, renamed and deleted", async ({ page }, info) => {
  const name = `QA ${info.project.name} ${Date.now()}`;
  await ownerSignsIn(page, info);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Groups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await expectAccessible(page, info);
  await page.getByRole("link", { name: "Create group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create group" })).toBeVisible();

  await page.getByRole("button", { name: "Save group" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Enter a group name");
  await page.getByLabel("Group name").fill(name);
  await page.getByRole("checkbox", { name: /^Developer\b/ }).check();
  await expectAccessible(page, info);
  await page.getByRole("button", { name: "Save group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`Group ${name} created.`);

  const search = page.getByRole("search", { name: "Groups" });
  await search.getByLabel("Search by name or role").fill(name);
  await search.getByRole("button", { name: "Search" }).click();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Developer");
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Edit ${name}` })).toBeVisible();
  await page.getByLabel("Group name").fill(`${name} renamed`);
  await page.getByRole("checkbox", { name: /^Security Engineer\b/ }).check();
  await page.getByRole("button", { name: "Save group" }).click();
  await expect(page.getByRole("status")).toContainText(`Group ${name} renamed saved.`);

  await open(page, `/settings/groups?q=${encodeURIComponent(name)}`, info);
  await expect(page.getByRole("row").filter({ hasText: `${name} renamed` })).toContainText("Security Engineer, Developer");
  await page.getByRole("link", { name: `${name} renamed` }).click();
  await page.getByRole("link", { name: "Delete group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Delete the group ${name} renamed?` })).toBeVisible();
  await page.getByRole("button", { name: "Delete group" }).click();
  await expect(page.getByRole("status")).toContainText(`Group ${name} renamed deleted.`);
});

test("an open Users page shows an acceptance without a reload", async ({ page, browser }, info) => {
  const grace = newPerson(info, "Grace", "Live");
  const [link] = await ownerAdds(page, info, [grace]);
  await open(page, `/settings/users?q=${encodeURIComponent(grace.email)}`, info);
  const row = page.getByRole("row").filter({ hasText: grace.email });
  await expect(row).toContainText("Invitation sent for Developer");

  const invitee = await joinAsNewPerson(browser, link, info);
  await invitee.context().close();

  if (!jsEnabled(info)) {
    // Without JavaScript there is no live stream: the page shows the change when reloaded.
    await page.reload();
  }
  await expect(row).toContainText("Active");
});
