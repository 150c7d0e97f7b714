// The journeys issue 13 repairs, one test per defect: the wizard's rows keep to their people,
// one landing rule, the Not Found page's scripts, focus, the groups search, and the smaller
// ones (a refused password, the link shown once, one phone format, Recent activity, the header,
// the focus ring, Cancel and the saved draft, the invitation's wording). Hydrated and with
// JavaScript off, on a server of this spec's own (JOURNEY_SERVERS): its tests drive the Owner's
// wizard, which keeps one draft per inviting member.
import { expect, Page, test as base, TestInfo } from "@playwright/test";
import { fillPerson, fullName, invite, newPerson, ownerAdds, Person } from "./invitations";
import { JOURNEY_SERVERS, OWNER } from "./servers";
import { callServer, jsEnabled, open, ownerSignsIn, signIn, waitForHydration, newBrowsers } from "./support";

const WORKSPACE = "Portico";
const PASSWORD = "copper kettles hum beneath the willow";

/** `page` is the Owner's browser; `newBrowser` opens others, none sharing cookies with another. */
const test = base.extend<{ newBrowser: () => Promise<Page> }>({
  baseURL: async ({}, use, info) => use(JOURNEY_SERVERS[info.project.name]),
  newBrowser: newBrowsers,
});

/**
 * The Owner signs in and opens the wizard's first step on a draft of nothing: whatever an
 * earlier test left (one that failed half-way, say) is thrown away first, through the server
 * function the Cancel button calls, so no test here depends on Cancel but the one about it.
 */
async function startWizard(page: Page, info: TestInfo) {
  await ownerSignsIn(page, info);
  await callServer(page, "cancel_draft");
  await open(page, "/settings/users/add", info);
  await expect(page.getByRole("heading", { level: 1, name: "User details" })).toBeVisible();
}

const personRow = (page: Page, number: number) => page.getByRole("group", { name: `Person ${number}`, exact: true });
const personRows = (page: Page) => page.getByRole("group", { name: /^Person \d+$/ });

async function expectRowHolds(page: Page, number: number, person: Person) {
  const row = personRow(page, number);
  await expect(row.getByLabel("First name")).toHaveValue(person.first);
  await expect(row.getByLabel("Last name")).toHaveValue(person.last);
  await expect(row.getByLabel("Email address")).toHaveValue(person.email);
}

/** From the first step (filled), through Groups with `group` ticked, to the Overview. */
async function nextToOverview(page: Page, group = "Developers") {
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await page.getByRole("checkbox", { name: new RegExp(`^${group}\\b`) }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
}

async function addFromOverview(page: Page) {
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invitations sent" })).toBeVisible();
}

/** A person's details page, found from the Users page by their address. */
async function openDetails(page: Page, info: TestInfo, person: Person) {
  await open(page, `/settings/users?q=${encodeURIComponent(person.email)}`, info);
  const row = page.getByRole("row").filter({ hasText: person.email });
  await row.getByRole("link", { name: fullName(person), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: fullName(person) })).toBeVisible();
  await waitForHydration(page, info);
}

test("removing the third of four people removes that person, on the form and on every later step", async ({
  page,
}, info) => {
  test.setTimeout(90_000);
  const [ada, brian, chloe, dmitri] = ["Ada", "Brian", "Chloe", "Dmitri"].map((first) =>
    newPerson(info, first, "Removal"),
  );
  await startWizard(page, info);
  for (const [index, person] of [ada, brian, chloe, dmitri].entries()) {
    if (index > 0) await page.getByRole("button", { name: "Add another person" }).click();
    await fillPerson(page, index + 1, person);
  }
  await expectRowHolds(page, 4, dmitri);

  // Rows are the people, not positions: the one removed is Chloe's, and Dmitri's values move up
  // with him (a row bound to its index would keep showing Chloe in row 3, or lose Dmitri).
  await page.getByRole("button", { name: "Remove person 3" }).click();
  await expect(personRows(page)).toHaveCount(3);
  await expectRowHolds(page, 1, ada);
  await expectRowHolds(page, 2, brian);
  await expectRowHolds(page, 3, dmitri);
  const typed = () =>
    page.locator("input").evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  await expect.poll(typed).not.toContain(chloe.email);
  await expect.poll(typed).not.toContain(chloe.first);

  await nextToOverview(page);
  const people = page.getByRole("region", { name: "People" });
  await expect(people.getByRole("row")).toHaveCount(4); // the header row and three people
  for (const person of [ada, brian, dmitri]) {
    await expect(people.getByRole("row").filter({ hasText: person.email })).toContainText(fullName(person));
  }
  await expect(people).not.toContainText(chloe.email);

  await addFromOverview(page);
  await expect(page.getByRole("main")).toContainText("3 people were invited");
  await expect(page.getByLabel(/^Invite link for /)).toHaveCount(3);
  for (const person of [ada, brian, dmitri]) {
    await expect(page.getByLabel(`Invite link for ${fullName(person)}`, { exact: true })).toBeVisible();
  }
  await expect(page.getByLabel(`Invite link for ${fullName(chloe)}`, { exact: true })).toHaveCount(0);
  await expect(page.getByRole("main")).not.toContainText(chloe.email);
});

test("a Guest signs in and lands on their workspace page, never on Users", async ({ page, newBrowser }, info) => {
  test.setTimeout(60_000);
  const guest = newPerson(info, "Gita", "Guest");
  const [link] = await ownerAdds(page, info, [guest], "Guests");
  const joining = await newBrowser();
  await open(joining, link, info);
  await joining.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await joining.getByLabel("Confirm password").fill(PASSWORD);
  await joining.getByRole("button", { name: "Accept invitation" }).click();
  await expect(joining.getByRole("banner")).toContainText(`Signed in as ${fullName(guest)}`);

  // Another browser, so the landing after signing in is the sign-in page's alone. Every page
  // it passes through is recorded, each hop of a server's redirects (requests) and the
  // browser's router (navigations in the page): a stop on Users, sent on from there, is the
  // defect too.
  const guestPage = await newBrowser();
  const visited: string[] = [];
  guestPage.on("request", (request) => {
    if (request.isNavigationRequest()) visited.push(new URL(request.url()).pathname);
  });
  guestPage.on("framenavigated", (frame) => {
    if (frame === guestPage.mainFrame()) visited.push(new URL(frame.url()).pathname);
  });
  await signIn(guestPage, info, guest.email, PASSWORD);
  await expect(guestPage).toHaveURL(/\/settings\/workspace$/);
  await expect(guestPage.getByRole("heading", { level: 1, name: WORKSPACE })).toBeVisible();
  await expect(guestPage.getByRole("main")).toContainText(`Signed in as ${fullName(guest)} (${guest.email})`);
  await waitForHydration(guestPage, info);
  await expect(guestPage.getByRole("heading", { level: 1, name: "Users" })).toHaveCount(0);
  await expect(guestPage.locator("body")).not.toContainText("You do not have permission to do that");
  expect(visited.filter((path) => path.startsWith("/settings/users"))).toEqual([]);
});

test("the Not Found page answers 404, and hydrates within the Content Security Policy", async ({ page }, info) => {
  // Collected before the navigation: a script the policy blocks is reported while the page loads.
  const messages: string[] = [];
  page.on("console", (message) => messages.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => messages.push(`pageerror: ${error.message}`));

  // `open` waits for body[data-hydrated] with JavaScript on: a blocked script never sets it.
  const response = await open(page, "/no-such-page", info);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  if (jsEnabled(info)) await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
  expect(messages.filter((message) => message.includes("Content Security Policy"))).toEqual([]);
});

test("the error summary's first link puts focus in the field it names", async ({ page }, info) => {
  await startWizard(page, info);
  // Hydrated, the browser's own check shows the summary first and the server's answer shows it
  // again, taking focus as it appears: the link is followed once both have.
  const saved = jsEnabled(info) ? page.waitForResponse((r) => r.url().endsWith("/api/save_people")) : undefined;
  await page.getByRole("button", { name: "Next" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeVisible();
  await saved;
  await expect(summary).toBeFocused();
  const first = summary.getByRole("link").first();
  await expect(first).toHaveText("Enter a first name");
  // With JavaScript the router would only change the address; without it the browser focuses
  // the fragment's target. Either way the person lands in the field, ready to type.
  await first.click();
  await expect(personRow(page, 1).getByLabel("First name")).toBeFocused();
});

test("after Add, focus is on the confirmation's heading, and Tab goes on to the first link", async ({
  page,
}, info) => {
  test.setTimeout(90_000);
  const fiona = newPerson(info, "Fiona", "Focus");
  await startWizard(page, info);
  await invite(page, info, [fiona]);
  await expect(page.getByRole("heading", { level: 1, name: "Invitations sent" })).toBeFocused();
  // The heading is where reading starts: the next stop is the first thing on the page after it.
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(`Invite link for ${fullName(fiona)}`, { exact: true })).toBeFocused();
});

test("Enter in the groups search searches, and stays on the Groups step", async ({ page }, info) => {
  test.setTimeout(90_000);
  await startWizard(page, info);
  await fillPerson(page, 1, newPerson(info, "Sam", "Search"));
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await waitForHydration(page, info);

  const search = page.getByRole("searchbox", { name: "Search", exact: true });
  await search.fill("Guests");
  await search.press("Enter");
  // The search is in the address, as on the Users page: waiting for it waits for Enter's
  // submission to be answered, so nothing below passes on the page as it was before.
  await expect(page).toHaveURL(/\/settings\/users\/add\/groups\?q=Guests$/);
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0); // not "Select at least one group"
  const listed = page.getByRole("group", { name: "Groups", exact: true }).getByRole("checkbox");
  await expect(listed).toHaveCount(1);
  await expect(page.getByRole("checkbox", { name: /^Guests\b/ })).toBeVisible();
  await expect(search).toHaveValue("Guests");
  await expect(page.getByText("1 group shown", { exact: true })).toBeVisible();
});

test("a refused password keeps the display name as typed", async ({ page, newBrowser }, info) => {
  const dora = newPerson(info, "Dora", "Display");
  const [link] = await ownerAdds(page, info, [dora]);
  const invitee = await newBrowser();
  await open(invitee, link, info);
  await expect(invitee.getByLabel("Display name")).toHaveValue(fullName(dora));

  await invitee.getByLabel("Display name").fill("Dee from Accounts");
  await invitee.getByLabel("Password", { exact: true }).fill("password");
  await invitee.getByLabel("Confirm password").fill("password");
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee.getByRole("alert").filter({ hasText: "There is a problem" })).toBeVisible();
  await expect(invitee.getByLabel("Display name")).toHaveValue("Dee from Accounts");
});

test("a new invite link is shown once: reloading its page never shows it again", async ({ page }, info) => {
  const lena = newPerson(info, "Lena", "Link");
  await ownerAdds(page, info, [lena]);
  await openDetails(page, info, lena);
  await page.getByRole("button", { name: `Copy invite link for ${fullName(lena)}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New invite link" })).toBeVisible();
  const field = page.getByLabel(`Invite link for ${fullName(lena)}`, { exact: true });
  await expect(field).toHaveValue(/\/join\?token=[A-Za-z0-9_-]+$/);

  for (const reload of [1, 2, 3]) {
    await test.step(`reload ${reload}`, async () => {
      await page.reload();
      await waitForHydration(page, info);
      await expect(page.getByRole("main")).toContainText("This link was shown already");
      await expect(page.getByLabel(/^Invite link for /)).toHaveCount(0);
    });
  }
});

test("a phone number is shown one way, on the Overview and on the person's page", async ({ page }, info) => {
  test.setTimeout(90_000);
  const priya = newPerson(info, "Priya", "Phone");
  await startWizard(page, info);
  await fillPerson(page, 1, priya);
  await personRow(page, 1).getByLabel("Country code (optional)").selectOption("GB");
  await personRow(page, 1).getByLabel("Phone number (optional)").fill("020 7946 0958");
  await nextToOverview(page);
  const row = page.getByRole("region", { name: "People" }).getByRole("row").filter({ hasText: priya.email });
  await expect(row).toContainText("+44 20 7946 0958");

  await addFromOverview(page);
  await page.getByRole("link", { name: `View details of ${fullName(priya)}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: fullName(priya) })).toBeVisible();
  const phone = page.locator("dt", { hasText: /^Phone number$/ }).locator("xpath=following-sibling::dd[1]");
  await expect(phone).toHaveText("+44 20 7946 0958");
});

test("a freshly invited person's Recent activity lists their invitation", async ({ page }, info) => {
  const rhea = newPerson(info, "Rhea", "Recent");
  await ownerAdds(page, info, [rhea]);
  await openDetails(page, info, rhea);
  const activity = page.getByRole("region", { name: "Recent activity" });
  await expect(activity).toBeVisible();
  await expect(activity.getByRole("listitem").filter({ hasText: /invit/i }).first()).toBeVisible();
  await expect(activity).not.toContainText("Nothing recorded yet");
});

test("the header names the product once when the workspace shares its name", async ({ page }, info) => {
  await ownerSignsIn(page, info);
  const header = page.getByRole("banner");
  await expect(header).toContainText(`Signed in as ${OWNER.name}`);
  await expect(header).toContainText("Portico");
  // The brand and the workspace's name sit in adjacent elements, so the text may run together.
  await expect(header).not.toHaveText(/Portico\s*Portico/);
});

/** WCAG 2 contrast of two opaque sRGB colours given as [r, g, b] from 0 to 255. */
function contrast(a: number[], b: number[]) {
  const luminance = ([r, g, b]: number[]) => {
    const [R, G, B] = [r, g, b].map((channel) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

type Ring = { element: string; outline: string; ring: number[]; page: number[]; behind: number[] };

/**
 * The focused element's outline as drawn: its colour painted over what is behind the element
 * (the nearest ancestor with a background, the page's own if none), read back as sRGB by a
 * canvas, which parses every CSS colour syntax and blends a translucent one.
 */
const measureRing = (): Ring => {
  const paint = (...colours: string[]) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d")!;
    for (const colour of colours) {
      context.fillStyle = colour;
      context.fillRect(0, 0, 1, 1);
    }
    return Array.from(context.getImageData(0, 0, 1, 1).data.slice(0, 3));
  };
  const opaque = (colour: string) => paint("#000", colour).join() === paint("#fff", colour).join();
  const painted = (element: Element | null) => {
    for (let at = element; at; at = at.parentElement) {
      const colour = getComputedStyle(at).backgroundColor;
      if (opaque(colour)) return colour;
    }
    return "#fff";
  };
  const focused = document.activeElement!;
  const style = getComputedStyle(focused);
  const behind = painted(focused.parentElement);
  const page = painted(document.body);
  return {
    element: `${focused.tagName.toLowerCase()}.${[...focused.classList].join(".")} "${focused.textContent?.trim()}"`,
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    ring: paint(behind, style.outlineColor),
    page: paint(page),
    behind: paint(behind),
  };
};

/** Presses Tab until a `tag` element has focus (the skip link aside: it is a link shown only on focus). */
async function tabTo(page: Page, tag: "button" | "a") {
  for (let presses = 0; presses < 30; presses++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return element && !element.classList.contains("skip-link") ? element.tagName.toLowerCase() : "";
    });
    if (focused === tag) return;
  }
  throw new Error(`no ${tag} takes focus within 30 presses of Tab`);
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`the keyboard focus ring stands out 3:1 from the page, ${colorScheme} scheme`, async ({ page }, info) => {
    await page.emulateMedia({ colorScheme });
    await ownerSignsIn(page, info);
    for (const tag of ["button", "a"] as const) {
      await tabTo(page, tag);
      const ring = await page.evaluate(measureRing);
      const described = JSON.stringify(ring);
      expect(ring.outline, described).toMatch(/^(solid|auto|dashed|dotted|double) /);
      expect(parseFloat(ring.outline.split(" ")[1]), described).toBeGreaterThanOrEqual(2);
      expect(contrast(ring.ring, ring.page), described).toBeGreaterThanOrEqual(3);
      expect(contrast(ring.ring, ring.behind), described).toBeGreaterThanOrEqual(3);
    }
  });
}

test("Cancel throws the draft away: Add starts empty again", async ({ page }, info) => {
  await startWizard(page, info);
  await fillPerson(page, 1, newPerson(info, "Cora", "Cancel"));
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await waitForHydration(page, info);

  await page.getByRole("link", { name: "Add", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "User details" })).toBeVisible();
  await expect(personRows(page)).toHaveCount(1);
  for (const label of ["First name", "Last name", "Email address"]) {
    await expect(personRow(page, 1).getByLabel(label)).toHaveValue("");
  }
  await expect(page.getByRole("status").filter({ hasText: /continuing a saved draft/ })).toHaveCount(0);
});

test("a draft left half-way says so when Add opens again", async ({ page }, info) => {
  test.setTimeout(90_000);
  const dana = newPerson(info, "Dana", "Draft");
  await startWizard(page, info);
  await fillPerson(page, 1, dana);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
  await waitForHydration(page, info);

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await page.getByRole("link", { name: "Add", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "User details" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /continuing a saved draft/ })).toBeVisible();
  await expectRowHolds(page, 1, dana);
});

test("the Users row and the confirmation say what the invitation is for, and until when", async ({
  page,
}, info) => {
  test.setTimeout(90_000);
  const wendy = newPerson(info, "Wendy", "Wording");
  await startWizard(page, info);
  await invite(page, info, [wendy], "Developers");
  await expect(page.getByRole("main")).toContainText(/valid for 7 days, until/);

  await open(page, `/settings/users?q=${encodeURIComponent(wendy.email)}`, info);
  const row = page.getByRole("row").filter({ hasText: wendy.email });
  await expect(row).toContainText("Invitation sent for Developer");
  const role = page.getByRole("columnheader", { name: "Role", exact: true });
  await expect(role).toBeVisible();
  // The Role cell is the one under that heading.
  const headings = await page.getByRole("table").getByRole("columnheader").allInnerTexts();
  const column = headings.findIndex((text) => text.trim() === "Role");
  await expect(row.getByRole("cell").nth(column)).toHaveText("Developer");
});
