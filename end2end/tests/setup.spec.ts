import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { serverDir, SETUP_SERVERS } from "./servers";
import { expectAccessible, open } from "./support";

/** The one-time link the empty server printed for this project. */
function setupLink(project: string): string {
  const output = readFileSync(`${serverDir(`setup-${project}`)}/output.log`, "utf8");
  const link = output.match(/http:\/\/\S+\/setup\?token=\S+/);
  if (!link) throw new Error(`no setup link in the output of the ${project} server`);
  return link[0];
}

test("the printed setup link creates the workspace and its Owner", async ({ page }, info) => {
  const base = SETUP_SERVERS[info.project.name];
  const link = setupLink(info.project.name);
  expect(link.startsWith(base)).toBe(true);
  await open(page, link, info);
  await expect(page.getByRole("heading", { level: 1, name: "Set up Portico" })).toBeVisible();
  await expectAccessible(page, info);

  // First a mistake: every problem is listed, nothing is created.
  await page.getByLabel("Workspace name").fill("Acme");
  await page.getByLabel("Password").fill("too short");
  await page.getByRole("button", { name: "Create workspace" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Enter your first name");
  await expect(summary).toContainText("Enter an email address");
  await expect(summary).toContainText("Password must be at least 15 characters");
  await expect(summary).toBeFocused();
  await expectAccessible(page, info);

  await page.getByLabel("Workspace name").fill("Acme");
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Last name").fill("Lovelace");
  await page.getByLabel("Email").fill("ada@example.com");
  await page.getByLabel("Password").fill("analytical engines weave algebra");
  await page.getByRole("button", { name: "Create workspace" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "ada@example.com" })).toContainText("Ada Lovelace");
  await expect(page.getByRole("banner")).toContainText("Acme");
});
