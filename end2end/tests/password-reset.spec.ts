import { expect, test } from "@playwright/test";
import { findEmail, fullName, joinAsNewPerson, newPerson, ownerAdds } from "./invitations";
import { expectAccessible, open, signIn } from "./support";

const NEW_PASSWORD = "marmalade comets drift past the harbour";

test("someone who forgot their password gets a link by email, chooses a new one and signs in", async ({ page, browser }, info) => {
  const person = newPerson(info, "Rosalind", "Franklin");
  const [invitation] = await ownerAdds(page, info, [person]);
  await (await joinAsNewPerson(browser, invitation, info)).context().close();

  const own = await (await browser.newContext()).newPage();
  await open(own, "/sign-in", info);
  await own.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(own.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await expect(own.locator("script[type=module]")).toHaveCount(0);
  await expectAccessible(own, info);
  // From the keyboard alone.
  await own.getByLabel("Email").focus();
  await own.keyboard.type(person.email);
  await own.keyboard.press("Enter");
  await expect(own.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expectAccessible(own, info);

  const email = await findEmail(person.email, (e) => e.subject === "Reset your Portico password");
  const link = email.text.match(/http:\/\/\S+\/password-reset\/new\?token=[A-Za-z0-9_-]+/)![0];
  const response = await open(own, link, info);
  expect(own.url()).not.toContain("token=");
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response?.headers()["cache-control"]).toBe("no-store");
  await expect(own.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expect(own.getByRole("main")).toContainText(person.email);
  await expectAccessible(own, info);

  await own.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await own.getByLabel("Confirm password").fill("not the same passphrase at all");
  await own.getByRole("button", { name: "Change password" }).click();
  const summary = own.getByRole("alert");
  await expect(summary).toContainText("The passwords do not match");
  await expectAccessible(own, info);

  await own.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await own.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await own.getByRole("button", { name: "Change password" }).click();
  await expect(own.getByRole("heading", { level: 1, name: "Your password was changed" })).toBeVisible();
  await expectAccessible(own, info);
  const notice = await findEmail(person.email, (e) => e.subject === "Your Portico password was changed");
  expect(notice.text).toContain("If it was not you");

  // The link is spent.
  await open(own, link, info);
  await expect(own.getByRole("heading", { level: 1, name: "This reset link cannot be used" })).toBeVisible();

  await own.getByRole("link", { name: "Ask for a new one" }).click();
  await signIn(own, info, person.email, NEW_PASSWORD);
  await expect(own.getByRole("banner")).toContainText(`Signed in as ${fullName(person)}`);
  await own.context().close();
});

test("the reset pages are usable at 390 px", async ({ page }, info) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/password-reset", "/password-reset/sent", "/password-reset/new"]) {
    await open(page, path, info);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
    await expectAccessible(page, info);
  }
  await expect(page.getByRole("heading", { level: 1, name: "This reset link cannot be used" })).toBeVisible();
});
