import { expect, test } from "@playwright/test";
import { fillPerson, findEmail } from "./invitations";
import { expectAccessible, jsEnabled, open, ownerSignsIn, waitForHydration } from "./support";

test("an admin adds two people in three steps and each gets an invitation email", async ({ page }, info) => {
  test.setTimeout(90_000);
  const tag = info.project.name;
  const grace = { first: "Grace", last: "Hopper", email: `grace.${tag}@example.com` };
  const alan = { first: "Alan", last: "Turing", email: `alan.${tag}@example.com` };

  await ownerSignsIn(page, info);
  await page.getByRole("link", { name: "Add", exact: true }).click();
  await waitForHydration(page, info);
  const heading = page.getByRole("heading", { level: 1, name: "User details" });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expectAccessible(page, info);

  // Nothing typed: every problem is listed, and the summary takes focus.
  await page.getByRole("button", { name: "Next" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Enter a first name");
  await expect(summary).toContainText("Enter a last name");
  await expect(summary).toContainText("Enter an email address");
  await expect(summary).toBeFocused();
  await expectAccessible(page, info);

  await fillPerson(page, 1, grace);
  await page.getByRole("button", { name: "Add another person" }).click();
  await expect(page.getByRole("group", { name: "Person 2" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Person 1" }).getByLabel("Email address")).toHaveValue(grace.email);
  await fillPerson(page, 2, { ...alan, email: "alan-at-example" });
  // Hydrated, the browser shows its own check at once while the draft is still being saved.
  const saved = jsEnabled(info) ? page.waitForResponse((r) => r.url().endsWith("/api/save_people")) : undefined;
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter an email address in the format name@example.com");
  await saved;

  // A reload loses nothing that was typed.
  await page.reload();
  await waitForHydration(page, info);
  await expect(page.getByRole("group", { name: "Person 2" }).getByLabel("Email address")).toHaveValue("alan-at-example");
  await fillPerson(page, 2, alan);
  await page.getByRole("button", { name: "Next" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeFocused();
  await expect(page).toHaveURL(/\/settings\/users\/add\/groups/);
  await expectAccessible(page, info);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("alert")).toContainText("Select at least one group");

  await page.getByLabel("Search").fill("dev");
  if (!jsEnabled(info)) await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("checkbox", { name: /Developers/ })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /Owners/ })).toBeHidden();
  await page.getByRole("checkbox", { name: /Developers/ }).check();
  await page.getByRole("button", { name: "Next" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeFocused();
  await expect(page.getByRole("row").filter({ hasText: grace.email })).toContainText("Grace Hopper");
  await expect(page.getByRole("row").filter({ hasText: alan.email })).toContainText("Alan Turing");
  await expect(page.getByRole("region", { name: "Groups" })).toContainText("Developers (Developer)");
  await expect(page.getByRole("region", { name: "Permissions" })).toContainText("See the people in the workspace");
  await expect(page.getByRole("note")).toHaveCount(0);
  await expectAccessible(page, info);

  // Change goes back to the step, with the choice still made.
  await page.getByRole("link", { name: "Change groups" }).click();
  await expect(page.getByRole("checkbox", { name: /Developers/ })).toBeChecked();
  await page.getByRole("button", { name: "Next" }).click();

  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invitations sent" })).toBeVisible();
  const graceLink = await page.getByLabel("Invite link for Grace Hopper").inputValue();
  expect(graceLink).toMatch(/\/join\?token=[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page, info);

  const email = await findEmail(grace.email);
  expect(email.to).toHaveLength(1);
  expect(email.text).toContain(graceLink);
  expect(email.html).toContain("Accept invitation");
  expect(email.text).toContain("Developers (Developer)");

  await page.getByRole("link", { name: "View details of Grace Hopper" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Grace Hopper" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Invitation sent for Developer" })).toBeVisible();
  await expectAccessible(page, info);
  await page.getByRole("link", { name: "Back to Users" }).click();
  const row = page.getByRole("row").filter({ hasText: grace.email });
  await expect(row).toContainText("Invitation sent for Developer");
  await expect(row).toContainText(/Queued|Sent/);
});

test("the browser checks each row with the server's own rules before the server answers", async ({ page }, info) => {
  await ownerSignsIn(page, info);
  await open(page, "/settings/users/add", info);
  // Hydrated, the server's answer is held back 5 s: the messages must come from the browser.
  const within = jsEnabled(info) ? 2_000 : 5_000;
  if (jsEnabled(info)) {
    await page.route("**/api/save_people", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      await route.continue();
    });
  }
  const row = page.getByRole("group", { name: "Person 1" });
  await row.getByLabel("First name").fill("Ada");
  await row.getByLabel("Email address").fill("ada.example.com");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter a last name", { timeout: within });
  await expect(page.getByRole("alert")).toContainText("Enter an email address in the format name@example.com");
  await expect(row.getByLabel("Last name")).toHaveAttribute("aria-invalid", "true", { timeout: within });
});
