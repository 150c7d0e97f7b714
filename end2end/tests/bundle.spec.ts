// The split browser bundle (docs/architecture.md, Performance): a link loads only the next
// area's piece, and a piece that cannot be fetched gives the page from the server instead.
import { expect, test } from "@playwright/test";
import { jsEnabled, ownerSignsIn } from "./support";

// The pieces named after their area (scripts/finish-assets.js); shared pieces are `shared.*`.
const AREAS = ["landing", "workspace", "users", "member_pages", "add_user", "import", "groups", "audit_log", "mailbox"];
const areaOf = (url: string) => new URL(url).pathname.split("/").pop()!.split(".")[0];

test("following a link fetches only the next area's piece of the bundle", async ({ page }, info) => {
  await ownerSignsIn(page, info);
  const fetched: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith(".wasm")) fetched.push(areaOf(request.url()));
  });
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Groups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // Without JavaScript the link is a plain navigation, and the new page's head names what it
  // would load; hydrated, only the Groups area's piece and shared ones are new.
  const areas = fetched.filter((name) => AREAS.includes(name));
  expect(areas).toEqual(["groups"]);
});

test("a page whose piece cannot be fetched is loaded from the server instead", async ({ page }, info) => {
  await ownerSignsIn(page, info);
  // As after a new release removed the pieces this open page knows.
  await page.route(/\/pkg\/groups\.[0-9a-f]+\.wasm$/, (route) => route.abort());
  await page.evaluate(() => ((window as unknown as { before: boolean }).before = true));
  let documents = 0;
  page.on("load", () => documents++);
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Groups" }).click();
  await expect(page).toHaveURL(/\/settings\/groups$/);
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // A new document, fetched from the server once: hydrating it fails the same way, and a
  // page that has not hydrated does not reload itself again.
  expect(await page.evaluate(() => (window as unknown as { before?: boolean }).before)).toBeUndefined();
  expect(documents).toBe(1);
  await expect(page.getByRole("table")).toBeVisible();
});
