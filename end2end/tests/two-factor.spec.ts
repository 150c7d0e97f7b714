// Two-factor authentication (docs/security.md §38): an authenticator app set up from the
// account page, asked for after the password, recovery codes that work once, and turning it
// off with the password and a code. Every form works without JavaScript.
import { expect, test, type Page } from "@playwright/test";
import { TOTP } from "otpauth";
import { add, fullName, joinAsNewPerson, newPerson, ownerAdds } from "./invitations";
import { expectAccessible, open, signIn } from "./support";

// joinAsNewPerson's password.
const PASSWORD = "copper kettles hum beneath the willow";

/** What the app shows for the key `offset` seconds from now: the server takes a code of the
 * step before or after its own, and each step only once. */
const appCode = (key: string, offset = 0) =>
  new TOTP({ secret: key.replace(/ /g, "") }).generate({ timestamp: Date.now() + offset * 1000 });

async function typeCode(page: Page, code: string) {
  await expect(page).toHaveURL(/\/two-factor(\?|$)/);
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

test("a member turns on two-factor authentication, signs in with a code and a recovery code, and turns it off", async ({ page, browser }, info) => {
  const person = newPerson(info, "Radia", "Perlman");
  const [link] = await ownerAdds(page, info, [person]);
  const own = await joinAsNewPerson(browser, link, info);

  await open(own, "/settings/account", info);
  const section = own.getByRole("region", { name: "Two-factor authentication" });
  await expect(section).toContainText("Off.");
  await section.getByLabel("Your password, to set it up").fill("not my password at all");
  await section.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(own.getByRole("alert")).toContainText("The password is incorrect");
  await section.getByLabel("Your password, to set it up").fill(PASSWORD);
  await section.getByRole("button", { name: "Set up two-factor authentication" }).click();

  await expect(own.getByRole("heading", { level: 1, name: "Set up two-factor authentication" })).toBeVisible();
  await expect(own.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const key = (await own.locator("#setup-key").textContent())!.trim();
  expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  await expectAccessible(own, info);
  await own.getByLabel("Code from the app").fill("000000");
  await own.getByRole("button", { name: "Turn on" }).click();
  await expect(own.getByRole("alert")).toContainText("That code is not right");
  await own.getByLabel("Code from the app").fill(appCode(key));
  await own.getByRole("button", { name: "Turn on" }).click();

  await expect(own.getByRole("heading", { level: 1, name: "Your recovery codes" })).toBeVisible();
  const listed = own.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(listed).toHaveCount(10);
  const codes = (await listed.allTextContents()).map((code) => code.trim());
  await expectAccessible(own, info);

  // Another browser: the password, then a code from the app (the next step's: this one's was
  // just used to turn it on).
  const other = await (await browser.newContext()).newPage();
  await signIn(other, info, person.email, PASSWORD);
  await expect(other.getByRole("heading", { level: 1, name: "Two-factor authentication" })).toBeVisible();
  await expectAccessible(other, info);
  await typeCode(other, "000000");
  await expect(other.getByRole("alert")).toContainText("That code is not right");
  await typeCode(other, appCode(key, 30));
  await expect(other.getByRole("banner")).toContainText(`Signed in as ${fullName(person)}`);

  // A third: a recovery code, which then works no more.
  const third = await (await browser.newContext()).newPage();
  await signIn(third, info, person.email, PASSWORD);
  await typeCode(third, codes[0]);
  await expect(third.getByRole("banner")).toContainText(`Signed in as ${fullName(person)}`);
  const fourth = await (await browser.newContext()).newPage();
  await signIn(fourth, info, person.email, PASSWORD);
  await typeCode(fourth, codes[0]);
  await expect(fourth.getByRole("alert")).toContainText("That code is not right");

  // Ten new recovery codes, for the password and one of the old ones.
  await open(own, "/settings/account", info);
  await expect(section).toContainText("9 of your recovery codes are left");
  await section.getByLabel("Your password, for new recovery codes").fill(PASSWORD);
  await section.getByLabel("Authentication code, for new recovery codes").fill(codes[1]);
  await section.getByRole("button", { name: "Get new recovery codes" }).click();
  await expect(own.getByRole("heading", { level: 1, name: "Your recovery codes" })).toBeVisible();
  await expect(listed).toHaveCount(10);
  const fresh = (await listed.allTextContents()).map((code) => code.trim());
  expect(fresh).not.toContain(codes[2]);

  // Off again: the password and a current factor.
  await open(own, "/settings/account", info);
  await expect(section).toContainText("10 of your recovery codes are left");
  await section.getByLabel("Your password, to turn it off").fill(PASSWORD);
  await section.getByLabel("Authentication code, to turn it off").fill(fresh[0]);
  await section.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(own.getByRole("status")).toContainText("Two-factor authentication is off");
  await expect(section).toContainText("Off.");
  await signIn(fourth, info, person.email, PASSWORD);
  await expect(fourth.getByRole("banner")).toContainText(`Signed in as ${fullName(person)}`);
  for (const context of [own, other, third, fourth]) await context.context().close();
});

/** Sets up an app from the account page of the signed-in `page`; its key. */
async function setUp(page: Page, info: Parameters<typeof open>[2]) {
  await open(page, "/settings/account", info);
  await page.getByLabel("Your password, to set it up").fill(PASSWORD);
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const key = (await page.locator("#setup-key").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(appCode(key));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  return key;
}

test("a workspace that requires two-factor authentication has an invitee set it up before it opens", async ({ page, browser }, info) => {
  // An Owner of a workspace of their own (the shared Owner's is left as the other specs need it).
  const owner = newPerson(info, "Barbara", "Liskov");
  const [link] = await ownerAdds(page, info, [owner]);
  const own = await joinAsNewPerson(browser, link, info);
  await open(own, "/settings/workspace", info);
  const lab = `${fullName(owner)}'s lab`;
  await own.getByLabel("Workspace name").fill(lab);
  await own.getByRole("button", { name: "Create workspace" }).click();
  await expect(own.getByRole("banner")).toContainText(lab);
  await setUp(own, info);
  await open(own, "/settings/workspace", info);
  const rule = own.getByRole("region", { name: "Two-factor authentication" });
  await expect(rule).toContainText("Not required");
  await rule.getByRole("button", { name: "Require two-factor authentication" }).click();
  await expect(rule).toContainText("Required: members without it set it up");
  await expectAccessible(own, info);

  const invitee = newPerson(info, "Shafi", "Goldwasser");
  const [invitation] = await add(own, [invitee]);
  const joined = await (await browser.newContext()).newPage();
  await open(joined, invitation, info);
  await joined.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await joined.getByLabel("Confirm password").fill(PASSWORD);
  await joined.getByRole("button", { name: "Accept invitation" }).click();
  // Accepting lands on the account, not the workspace, until a second factor is set up.
  await expect(joined).toHaveURL(/\/settings\/account$/);
  await expect(joined.getByRole("region", { name: "Two-factor authentication" })).toContainText(`${lab} requires two-factor authentication`);
  await open(joined, "/settings/users", info);
  await expect(joined.getByRole("main")).toContainText("requires two-factor authentication");
  await setUp(joined, info);
  await open(joined, "/settings/users", info);
  await expect(joined.getByRole("table")).toContainText(fullName(invitee));
  const row = joined.getByRole("row", { name: new RegExp(fullName(invitee)) });
  await expect(row.getByRole("cell").filter({ hasText: /^On$/ })).toHaveCount(1);
  await own.context().close();
  await joined.context().close();
});

test("the code step is usable at 390 px and from the keyboard alone", async ({ page, browser }, info) => {
  const person = newPerson(info, "Frances", "Allen");
  const [link] = await ownerAdds(page, info, [person]);
  const own = await joinAsNewPerson(browser, link, info);
  await open(own, "/settings/account", info);
  await own.getByLabel("Your password, to set it up").focus();
  await own.keyboard.type(PASSWORD);
  await own.keyboard.press("Enter");
  const key = (await own.locator("#setup-key").textContent())!.trim();
  await own.getByLabel("Code from the app").focus();
  await own.keyboard.type(appCode(key));
  await own.keyboard.press("Enter");
  await expect(own.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);

  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(phone, info, person.email, PASSWORD);
  await expect(phone).toHaveURL(/\/sign-in\/two-factor$/);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await phone.getByLabel("Authentication code").focus();
  await phone.keyboard.type(appCode(key, 30));
  await phone.keyboard.press("Enter");
  await expect(phone.getByRole("banner")).toContainText(`Signed in as ${fullName(person)}`);
  await own.context().close();
  await phone.context().close();
});
