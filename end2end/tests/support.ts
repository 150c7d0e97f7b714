import AxeBuilder from "@axe-core/playwright";
import { Browser, BrowserContext, expect, Page, TestInfo } from "@playwright/test";
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

/** Pages that load no script (sign-in, setup, the invitee's) are ready as soon as they are loaded. */
export async function waitForHydration(page: Page, info: TestInfo) {
  if (jsEnabled(info) && (await page.locator("script[type=module]").count()) > 0) {
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

/**
 * axe-core for a page a test shows in several ways in place (`page.emulateMedia`,
 * `page.setViewportSize`): each `scan()` finds no violation on the page as it is shown at that
 * moment. With JavaScript off the copy that axe scans (see `expectAccessible`) is opened once,
 * and each scan gives it the page's viewport and colour scheme first, so a contrast only the
 * dark theme or a phone's layout gets wrong is found in both projects. `close()` when done.
 */
export async function accessibilityScanner(page: Page, info: TestInfo) {
  if (jsEnabled(info)) {
    return { scan: () => expectNoViolations(page), close: async () => {} };
  }
  const browser = page.context().browser()!;
  // Only the page's own cookies: a spec's `storageState` would otherwise apply here too.
  const context = await browser.newContext({
    javaScriptEnabled: true,
    viewport: page.viewportSize(),
    storageState: { cookies: [], origins: [] },
  });
  await context.addCookies(await page.context().cookies());
  await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  const copy = await context.newPage();
  await copy.goto(page.url());
  return {
    scan: async () => {
      const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
      await copy.setViewportSize(page.viewportSize()!);
      await copy.emulateMedia({ colorScheme: dark ? "dark" : "light" });
      await expectNoViolations(copy);
    },
    close: () => context.close(),
  };
}

/**
 * Calls the server function `fn` with the page's cookies, as the app's own origin would (it
 * answers 200 to a caller that does not ask for HTML, where a form post would be redirected).
 * For setting up state a test is not about, such as throwing away a wizard draft. `origin`:
 * the server the page is on, unless given (a page that has not opened one yet).
 */
export async function callServer(
  page: Page,
  fn: string,
  form: Record<string, string> = {},
  origin = new URL(page.url()).origin,
) {
  const response = await page.request.post(`${origin}/api/${fn}`, { form, headers: { origin } });
  expect(response.status(), `${fn}: ${await response.text()}`).toBe(200);
  return response;
}

/**
 * A spec fixture: `newBrowser()` opens another browser (its own context, sharing no cookies
 * with any other), closed when the test ends.
 */
export async function newBrowsers(
  { browser }: { browser: Browser },
  use: (open: () => Promise<Page>) => Promise<void>,
) {
  const contexts: BrowserContext[] = [];
  await use(async () => {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  });
  await Promise.all(contexts.map((context) => context.close()));
}
