import AxeBuilder from "@axe-core/playwright";
import { expect, Page, TestInfo } from "@playwright/test";
import { OWNER } from "./servers";

export const jsEnabled = (info: TestInfo) => info.project.use.javaScriptEnabled !== false;

/**
 * Opens a page and, with JavaScript on, waits for hydration: earlier clicks do nothing.
 * Returns the response of the navigation (after any redirects).
 */
export async function open(page: Page, url: string, info: TestInfo) {
  const response = await page.goto(url);
  await waitForHydration(page, info);
  return response;
}

export async function waitForHydration(page: Page, info: TestInfo) {
  if (jsEnabled(info)) {
    await page.locator("body[data-hydrated]").waitFor();
  }
}

/**
 * axe-core finds no violation on the page as it stands. axe runs in the page, so with
 * JavaScript off it scans the same URL (GETs change nothing) in a context where only the app's
 * own scripts are blocked, with the same cookies: the page a browser without JavaScript shows.
 */
export async function expectAccessible(page: Page, info: TestInfo) {
  if (jsEnabled(info)) {
    return expectNoViolations(page);
  }
  const browser = page.context().browser()!;
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    await context.addCookies(await page.context().cookies());
    await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    const copy = await context.newPage();
    await copy.goto(page.url());
    await expectNoViolations(copy);
  } finally {
    await context.close();
  }
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations, JSON.stringify(results.violations, null, 2)).toEqual([]);
}

/**
 * The Owner signs in on `origin` and lands on the Users page with its table loaded. (A click on
 * the shell's links while the navigation after signing in is still loading can be lost.)
 */
export async function ownerSignsIn(page: Page, info: TestInfo, origin = "") {
  await signIn(page, info, OWNER.email, OWNER.password, origin);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByRole("table")).toBeVisible();
  await waitForHydration(page, info);
}

/** Signs in on `origin`: the project's own server (its `baseURL`) unless given. */
export async function signIn(page: Page, info: TestInfo, email: string, password: string, origin = "") {
  await open(page, `${origin}/sign-in`, info);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
