// The split browser bundle (docs/architecture.md, Performance): a link loads only the next
// area's piece, and a piece that cannot be fetched gives the page from the server instead.
import { expect, test } from "@playwright/test";
import { jsEnabled, ownerSignsIn } from "./support";

const areaOf = (url: string) => new URL(url).pathname.split("/").pop()!.split(".")[0];

test("following a link fetches only the next area's piece of the bundle", async ({ page }, info) => {
  // The areas, as the build named their pieces (scripts/finish-assets.js); the rest are shared.
  const manifest = await (await page.request.get("/pkg/__wasm_split_manifest.json")).json();
  const areas = Object.keys(manifest);
  expect(areas).toContain("groups");
  await ownerSignsIn(page, info);
  const fetched: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith(".wasm")) fetched.push(areaOf(request.url()));
  });
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Groups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // Hydrated, only the Groups area's piece and shared ones are new. Without JavaScript the
  // link is a plain navigation: the browser may or may not fetch what the new page's head
  // names for preloading, but that is never another area's piece.
  const fetchedAreas = fetched.filter((name) => areas.includes(name));
  if (jsEnabled(info)) expect(fetchedAreas).toEqual(["groups"]);
  else expect(fetchedAreas.filter((name) => name !== "groups")).toEqual([]);
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
  // The page keeps working: its links and forms lead on.
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Users" }).click();
  // A whole new document, which the server renders complete (its table included) before it
  // sends it: with every other spec running beside this one, that can take a while.
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible({ timeout: 15_000 });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Portico" })).toBeVisible();
});
