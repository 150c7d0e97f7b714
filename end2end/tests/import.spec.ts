// Importing people from a CSV file: the dry run, the import with its progress, and the report
// of the rows skipped. Hydrated, the page follows the import by itself; without JavaScript,
// "Check progress" reloads it.
import { expect, Page, test, TestInfo } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { newPerson } from "./invitations";
import { IMPORT_SERVERS } from "./servers";
import { expectAccessible, jsEnabled, open, ownerSignsIn } from "./support";

// The project's import server (see IMPORT_SERVERS).
test.use({ baseURL: async ({}, use, info) => use(IMPORT_SERVERS[info.project.name]) });

const HEADER = "first name,last name,email,country code,phone,groups";

/** A file of `count` new people in Developers, then a row with a bad address and one naming a
 * group that does not exist. */
function peopleFile(info: TestInfo, count: number): string {
  const rows = Array.from({ length: count }, (_, n) => {
    const person = newPerson(info, "Imported", `Person${n}`);
    return `${person.first},${person.last},${person.email},US,202 555 0143,Developers`;
  });
  const stray = newPerson(info, "Stray", "Pilot");
  return [HEADER, ...rows, "Broken,Row,not-an-email,,,Developers", `Stray,Pilot,${stray.email},,,Pilots`, ""].join("\n");
}

async function waitUntilFinished(page: Page, info: TestInfo) {
  const finished = page.getByRole("heading", { level: 1, name: "Import finished" });
  if (jsEnabled(info)) {
    // The page follows the import by itself, and focus moves to the step's heading.
    await expect(finished).toBeVisible({ timeout: 30_000 });
    await expect(finished).toBeFocused();
    return;
  }
  // Without JavaScript, "Check progress" reloads the page until the import has finished.
  await expect(async () => {
    if (await finished.isVisible()) return;
    await expect(page.getByRole("heading", { level: 1, name: "Importing…" })).toBeVisible();
    await page.getByRole("link", { name: "Check progress" }).click();
    await expect(finished).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
}

test("people are imported from a CSV file after a dry run, with progress and a report", async ({ page }, info) => {
  const count = 150;
  await ownerSignsIn(page, info);
  await page.getByRole("link", { name: "Import from CSV" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import from CSV" })).toBeVisible();
  await expectAccessible(page, info);

  await page.getByRole("button", { name: "Check the file" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Choose a CSV file, or paste its text");
  await expect(summary).toBeFocused();
  await expect(page.getByText("Error: Choose a CSV file, or paste its text")).toBeVisible();
  await expectAccessible(page, info);

  await page.getByLabel("CSV file").setInputFiles({
    name: "people.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(peopleFile(info, count)),
  });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check the import" })).toBeVisible();
  await expect(page.getByText(`${count + 2} rows checked. Nothing has been added yet.`)).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: `Ready to import: ${count}` })).toBeVisible();
  await page.getByRole("link", { name: "Only rows skipped" }).click();
  const table = page.getByRole("table");
  await expect(table).toContainText("Rows skipped: 2");
  await expect(table).toContainText("Invalid: Enter an email address in the format name@example.com");
  await expect(table).toContainText("Unknown group: Pilots");
  await expectAccessible(page, info);

  await page.getByRole("button", { name: `Import ${count} people` }).click();
  await expect(page.getByRole("progressbar", { name: "Progress" })).toBeVisible();
  await waitUntilFinished(page, info);
  await expect(page.getByRole("progressbar", { name: "Progress" })).toHaveAttribute("value", String(count));
  await expect(page.getByRole("status").filter({ hasText: "Imported" })).toHaveText(
    `Imported ${count} people. Skipped 2 rows.`,
  );
  await expectAccessible(page, info);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the report of skipped rows (CSV)" }).click();
  const report = await readFile(await (await download).path(), "utf8");
  const lines = report.trim().split("\n");
  expect(lines[0]).toBe("line,first name,last name,email,country code,phone,groups,reason");
  expect(lines).toHaveLength(3);
  expect(lines[2]).toContain("Unknown group: Pilots");

  await page.getByRole("link", { name: "Back to Users" }).click();
  const search = page.getByRole("search", { name: "People" });
  await search.getByLabel("Search by name or email").fill("Person7");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Imported Person7 " }).first()).toContainText(
    "Invitation sent for Developer",
  );
});

test("pasted CSV text is checked like a file", async ({ page }, info) => {
  const person = newPerson(info, "Pasted", "Person");
  await ownerSignsIn(page, info);
  await expect(page).toHaveURL(/\/settings\/users$/);
  await open(page, "/settings/users/import", info);
  await page.getByLabel("Or paste the CSV text").fill(`${HEADER}\nPasted,Person,${person.email},,,Guests\n`);
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check the import" })).toBeVisible();
  await expect(page.getByText("From Pasted text")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: person.email })).toContainText("Ready to import");
});
