import { expect, test } from "@playwright/test";
import { OWNER } from "./servers";
import { expectAccessible, open, signIn, waitForHydration } from "./support";

test("the Owner signs in, sees themself on the Users page, and signs out", async ({ page }, info) => {
  await signIn(page, info, OWNER.email, OWNER.password);

  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page).toHaveURL(/\/settings\/users$/);
  const owner = page.getByRole("row").filter({ hasText: OWNER.email });
  await expect(owner).toContainText(OWNER.name);
  await expect(owner).toContainText("Active");
  await expect(owner).toContainText("Owners");
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Users" })).toBeVisible();
  await waitForHydration(page, info);
  await expectAccessible(page, info);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Portico" })).toBeVisible();
  await open(page, "/settings/users", info);
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a wrong password shows one message in the error summary, which takes focus", async ({ page }, info) => {
  await signIn(page, info, OWNER.email, "this is not the right password");

  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toContainText("The email address or password is incorrect");
  await expect(summary).toBeFocused();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toHaveCount(0);
  await expectAccessible(page, info);
});

test("a malformed email is reported beside the field and in the summary", async ({ page }, info) => {
  await signIn(page, info, "not-an-email", "whatever it is, it is long");

  const message = "Enter an email address in the format name@example.com";
  await expect(page.getByRole("alert").getByRole("link", { name: message })).toBeVisible();
  await expect(page.locator("#email-error")).toContainText(message);
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, info);
});

test("the sign-in page is accessible and works from the keyboard alone", async ({ page }, info) => {
  await open(page, "/sign-in", info);
  await expectAccessible(page, info);

  await page.keyboard.press("Tab"); // skip link
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(OWNER.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(OWNER.password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
});
