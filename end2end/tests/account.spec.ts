import { expect, test } from "@playwright/test";
import { findEmail, fullName, joinAsNewPerson, newPerson, ownerAdds } from "./invitations";
import { expectAccessible, open, signIn, waitForHydration } from "./support";

const FIRST_PASSWORD = "copper kettles hum beneath the willow";
const NEW_PASSWORD = "lanterns sway over the night market";

test("a member renames themself, changes their password and signs out their other browser", async ({ page, browser }, info) => {
  const person = newPerson(info, "Katherine", "Johnson");
  const [link] = await ownerAdds(page, info, [person]);
  const own = await joinAsNewPerson(browser, link, info);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, info, person.email, FIRST_PASSWORD);
  await expect(other.getByRole("banner")).toContainText(`Signed in as ${fullName(person)}`);

  await own.getByRole("banner").getByRole("link", { name: "Your account" }).click();
  await expect(own.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await waitForHydration(own, info);
  const sessions = own.getByRole("region", { name: "Where you are signed in" });
  await expect(sessions.getByRole("row")).toHaveCount(3);
  await expect(sessions.getByRole("row").nth(1)).toContainText("This browser");
  await expectAccessible(own, info);

  await own.getByLabel("Display name").fill("Katherine G. Johnson");
  await own.getByRole("button", { name: "Save name" }).click();
  await expect(own.getByRole("status")).toContainText("Your display name is now Katherine G. Johnson");
  await expect(own.getByRole("banner")).toContainText("Signed in as Katherine G. Johnson");

  // A wrong current password is refused, and the summary says why.
  await own.getByLabel("Current password").fill("this is not my password at all");
  await own.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await own.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await own.getByRole("button", { name: "Change password" }).click();
  await expect(own.getByRole("alert")).toContainText("The password is incorrect");
  await expectAccessible(own, info);

  await own.getByLabel("Current password").fill(FIRST_PASSWORD);
  await own.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await own.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await own.getByRole("button", { name: "Change password" }).click();
  await expect(own.getByRole("status")).toContainText("Your password was changed");
  await expect(sessions.getByRole("row")).toHaveCount(2);

  await open(other, "/settings/workspace", info);
  await expect(other).toHaveURL(/\/sign-in$/);
  await signIn(other, info, person.email, NEW_PASSWORD);
  await expect(other.getByRole("banner")).toContainText("Signed in as Katherine G. Johnson");

  await open(own, "/settings/account", info);
  await expect(sessions.getByRole("row")).toHaveCount(3);
  await own.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(own.getByRole("status")).toContainText("You were signed out of 1 other session");
  await expect(sessions.getByRole("row")).toHaveCount(2);
  await open(other, "/settings/workspace", info);
  await expect(other).toHaveURL(/\/sign-in$/);
  await own.context().close();
  await other.context().close();
});

test("the account page is usable at 390 px and from the keyboard", async ({ page, browser }, info) => {
  const person = newPerson(info, "Dorothy", "Vaughan");
  const [link] = await ownerAdds(page, info, [person]);
  const own = await joinAsNewPerson(browser, link, info);
  await own.setViewportSize({ width: 390, height: 844 });
  await open(own, "/settings/account", info);
  const overflow = await own.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(own, info);
  await own.getByLabel("Display name").focus();
  await own.keyboard.press("Control+A");
  await own.keyboard.type("Dorothy J. Vaughan");
  await own.keyboard.press("Enter");
  await expect(own.getByRole("status")).toContainText("Your display name is now Dorothy J. Vaughan");
  await own.context().close();
});

test("a member moves to a new sign-in address by following the link sent to it", async ({ page, browser }, info) => {
  const person = newPerson(info, "Mary", "Jackson");
  const moved = newPerson(info, "Mary", "Moved");
  const [link] = await ownerAdds(page, info, [person]);
  const own = await joinAsNewPerson(browser, link, info);
  await open(own, "/settings/account", info);
  const section = own.getByRole("region", { name: "Sign-in address" });
  await section.getByLabel("New email address").fill(moved.email);
  await section.getByLabel("Your password").fill(FIRST_PASSWORD);
  await section.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(own.getByRole("status")).toContainText(`We sent a link to ${moved.email}`);

  const email = await findEmail(moved.email, (e) => e.subject === "Confirm your new Portico sign-in address");
  const confirmation = email.text.match(/http:\/\/\S+\/email-change\/confirm\?token=[A-Za-z0-9_-]+/)![0];
  const phone = await (await browser.newContext()).newPage();
  const response = await open(phone, confirmation, info);
  expect(phone.url()).not.toContain("token=");
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(phone.getByRole("heading", { level: 1, name: "Confirm your new sign-in address" })).toBeVisible();
  await expect(phone.getByRole("main")).toContainText(moved.email);
  await expectAccessible(phone, info);
  await phone.getByRole("button", { name: "Confirm this address" }).click();
  await expect(phone.getByRole("heading", { level: 1, name: "Your sign-in address was changed" })).toBeVisible();
  await expectAccessible(phone, info);
  const notice = await findEmail(person.email, (e) => e.subject === "Your Portico sign-in address was changed");
  expect(notice.text).toContain(moved.email);

  await signIn(phone, info, moved.email, FIRST_PASSWORD);
  await expect(phone.getByRole("banner")).toContainText(`Signed in as ${fullName(person)}`);
  await own.context().close();
  await phone.context().close();
});
