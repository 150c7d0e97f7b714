// Every page the Owner can reach fits a phone and a laptop, in the light and the dark theme,
// without scrolling sideways, and axe-core finds nothing wrong with it as it is shown there.
// One test per page and size, generated from the tables below; each checks both themes on the
// page as opened (the colour scheme is switched in place), so a page loads once per size. The
// Owner signs in once per worker (the session's cookies are every test's storage state), on a
// server of this spec's own (LAYOUT_SERVERS): it fills the Owner's wizard draft to lay out each
// step.
import { Browser, BrowserContext, expect, Page, test as base, TestInfo } from "@playwright/test";
import { add, fullName, Person } from "./invitations";
import { LAYOUT_SERVERS, OWNER } from "./servers";
import { accessibilityScanner, callServer, open } from "./support";

const SIZES = [
  { name: "phone", viewport: { width: 390, height: 844 } },
  { name: "laptop", viewport: { width: 1280, height: 800 } },
] as const;
const THEMES = ["light", "dark"] as const;

type Setup = {
  /** The Owner's signed-in cookies. */
  owner: Awaited<ReturnType<Awaited<ReturnType<Browser["newContext"]>>["storageState"]>>;
  /** Someone invited and not yet joined: their details, edit and groups pages, and their link. */
  invitee: Person;
  memberId: string;
  joinLink: string;
  /** The Developers group, to edit and to tick in the wizard. */
  groupId: string;
};

/**
 * Realistic lengths (long names, an ordinary address), unique to this run and project. The
 * address is ASCII whatever the name: Portico accepts no other.
 */
let people = 0;
function person(info: { project: { name: string } }, first: string, last: string): Person {
  const unique = `${info.project.name === "no-js" ? "n" : "h"}${(Date.now() % 1e8).toString(36)}${people++}`;
  const local = first.normalize("NFD").replace(/[^A-Za-z]/g, "");
  return { first, last, email: `${local}.${unique}@example.com`.toLowerCase() };
}

const test = base.extend<{ anonymous: () => Promise<Page> }, { setup: Setup }>({
  baseURL: async ({}, use, info) => use(LAYOUT_SERVERS[info.project.name]),
  storageState: async ({ setup }, use) => use(setup.owner),
  /** Opens a browser of its own, signed out, at the test's size (only for the pages that need one). */
  anonymous: async ({ browser, baseURL, javaScriptEnabled, viewport }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      // An empty storage state, or the test's (the Owner's) would apply to this context too.
      const context = await browser.newContext({
        baseURL,
        javaScriptEnabled,
        viewport,
        storageState: { cookies: [], origins: [] },
      });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
  setup: [
    async ({ browser }, use, worker) => {
      // Setting up is no test's subject: a plain form post signs in, whatever the project.
      const origin = LAYOUT_SERVERS[worker.project.name];
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${origin}/sign-in`);
      await page.getByLabel("Email").fill(OWNER.email);
      await page.getByLabel("Password").fill(OWNER.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();

      const invitee = person(worker, "Maximiliana", "Wolfeschlegelsteinhausen");
      const [joinLink] = await add(page, [invitee]);
      await page.goto(`${origin}/settings/users?q=${encodeURIComponent(invitee.email)}`);
      const details = await page.getByRole("link", { name: fullName(invitee), exact: true }).getAttribute("href");
      await page.goto(`${origin}/settings/groups`);
      const group = await page.getByRole("link", { name: "Developers", exact: true }).getAttribute("href");
      const owner = await context.storageState();
      await context.close();
      await use({
        owner,
        invitee,
        joinLink,
        memberId: details!.split("/").pop()!,
        groupId: group!.split("/").pop()!,
      });
    },
    { scope: "worker" },
  ],
});

/**
 * The wizard's draft holds two people and the Developers group, as if typed: the server
 * functions each step's button calls. Saved afresh by every test that shows a step, so no test
 * depends on another's (the confirmation's Add empties the draft).
 */
async function fillDraft(page: Page, setup: Setup, draft: Person[], info: TestInfo) {
  const origin = LAYOUT_SERVERS[info.project.name];
  const form: Record<string, string> = { intent: "next" };
  draft.forEach((one, i) => {
    form[`people[${i}][first_name]`] = one.first;
    form[`people[${i}][last_name]`] = one.last;
    form[`people[${i}][email]`] = one.email;
    form[`people[${i}][country]`] = "GB";
    form[`people[${i}][phone]`] = "020 7946 0958";
  });
  await callServer(page, "save_people", form, origin);
  await callServer(page, "save_groups", { "group_ids[0]": setup.groupId, intent: "next" }, origin);
}

/** Two people the wizard has not invited (only the confirmation's test invites, with its own). */
const drafted = (info: TestInfo) => [
  person(info, "Bartholomew", "Featherstonehaugh-Smythe"),
  person(info, "Zoë", "Ó Súilleabháin"),
];

type Shown = {
  name: string;
  /** The page's h1: a page that redirected elsewhere (to sign in, say) would pass vacuously. */
  heading: string | ((setup: Setup) => string);
  /** Signed out, in a browser of its own. */
  anonymous?: boolean;
  /** How the page is reached: opened at `path`, unless there is more to it. */
  path?: (setup: Setup) => string;
  reach?: (page: Page, setup: Setup, info: TestInfo) => Promise<void>;
};

/** A step of the add-user wizard, opened on a draft of this worker's people. */
function wizardStep(name: string, heading: string, path: string): Shown {
  return {
    name,
    heading,
    reach: async (page, setup, info) => {
      await fillDraft(page, setup, drafted(info), info);
      await open(page, path, info);
    },
  };
}

const PAGES: Shown[] = [
  { name: "Sign in", heading: "Sign in to Portico", anonymous: true, path: () => "/sign-in" },
  { name: "Users", heading: "Users", path: () => "/settings/users" },
  wizardStep("Add user: User details", "User details", "/settings/users/add"),
  wizardStep("Add user: Groups", "Groups", "/settings/users/add/groups"),
  wizardStep("Add user: Overview", "Overview", "/settings/users/add/overview"),
  {
    name: "Add user: Invitations sent",
    heading: "Invitations sent",
    reach: async (page, setup, info) => {
      await fillDraft(page, setup, drafted(info), info);
      await open(page, "/settings/users/add/overview", info);
      await page.getByRole("button", { name: "Add", exact: true }).click();
      await expect(page.getByLabel(/^Invite link for /)).toHaveCount(2);
    },
  },
  { name: "Import", heading: "Import from CSV", path: () => "/settings/users/import" },
  { name: "Groups", heading: "Groups", path: () => "/settings/groups" },
  { name: "Edit group", heading: "Edit Developers", path: (setup) => `/settings/groups/${setup.groupId}` },
  { name: "Roles", heading: "Roles", path: () => "/settings/roles" },
  { name: "Workspace", heading: "Portico", path: () => "/settings/workspace" },
  { name: "Audit log", heading: "Audit log", path: () => "/settings/audit-log" },
  {
    name: "User details",
    heading: (setup) => fullName(setup.invitee),
    path: (setup) => `/settings/users/${setup.memberId}`,
  },
  { name: "Edit user", heading: "Edit user", path: (setup) => `/settings/users/${setup.memberId}/edit` },
  { name: "Change groups", heading: "Change groups", path: (setup) => `/settings/users/${setup.memberId}/groups` },
  { name: "Mailbox (development)", heading: "Development mailbox", path: () => "/settings/mailbox" },
  {
    name: "Join (new account)",
    heading: "Join Portico",
    anonymous: true,
    reach: async (page, setup, info) => {
      await open(page, setup.joinLink, info);
      await expect(page.getByRole("heading", { level: 2, name: "Create your account" })).toBeVisible();
    },
  },
  { name: "Not Found", heading: "Page not found", anonymous: true, path: () => "/no-such-page" },
];

/**
 * "fits", or by how much the page is wider than the window and which elements reach past its
 * right edge: the outermost of them (their parent ends within the window), leaving out those
 * inside a box that scrolls or clips on its own.
 */
const measureFit = () => {
  const width = window.innerWidth;
  const overflow = document.documentElement.scrollWidth - width;
  if (overflow <= 0) return "fits";
  const past = (element: Element) => element.getBoundingClientRect().right > width + 0.5;
  const clipped = (element: Element) => {
    for (let at = element.parentElement; at && at !== document.body; at = at.parentElement) {
      if (getComputedStyle(at).overflowX !== "visible") return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll("*")]
    .filter((element) => past(element) && !past(element.parentElement!) && !clipped(element))
    .slice(0, 12)
    .map((element) => {
      const name = [element.tagName.toLowerCase(), ...element.classList].join(".");
      return `${name}${element.id ? `#${element.id}` : ""} (right ${Math.round(element.getBoundingClientRect().right)})`;
    });
  return `${overflow}px wider than the ${width}px window: ${wide.join(", ") || "(no element found)"}`;
};

for (const size of SIZES) {
  test.describe(`${size.name} ${size.viewport.width}×${size.viewport.height}`, () => {
    test.use({ viewport: size.viewport });
    for (const shown of PAGES) {
      test(`${shown.name} fits and is accessible, light and dark`, async ({ page, anonymous, setup }, info) => {
        const on = shown.anonymous ? await anonymous() : page;
        if (shown.reach) {
          await shown.reach(on, setup, info);
        } else {
          await open(on, shown.path!(setup), info);
        }
        const heading = typeof shown.heading === "string" ? shown.heading : shown.heading(setup);
        await expect(on.getByRole("heading", { level: 1, name: heading, exact: true })).toBeVisible();
        // Every check runs even when another fails: the test fails with all they found.
        const axe = await accessibilityScanner(on, info);
        const problems: string[] = [];
        const check = (name: string, body: () => Promise<void>) =>
          test.step(name, body).catch((error: Error) => problems.push(`${name}: ${error.message}`));
        for (const colorScheme of THEMES) {
          await on.emulateMedia({ colorScheme });
          // Polled: fonts and late content may still move things once the heading shows.
          await check(`${colorScheme}: fits the window`, () => expect.poll(() => on.evaluate(measureFit)).toBe("fits"));
          await check(`${colorScheme}: axe-core`, axe.scan);
        }
        await axe.close();
        expect(problems.length, problems.join("\n\n")).toBe(0);
      });
    }
  });
}
