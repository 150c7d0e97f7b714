import { expect, test } from "@playwright/test";
import { OWNER } from "./servers";
import { expectAccessible, jsEnabled, open, ownerSignsIn } from "./support";

test("the Users page searches by name or email and filters by state", async ({ page }, info) => {
  await ownerSignsIn(page, info);
  await expectAccessible(page, info);

  const search = page.getByRole("search", { name: "People" });
  await search.getByLabel("Search by name or email").fill("OWNER@EXAMPLE");
  if (!jsEnabled(info)) {
    // Without JavaScript the form is submitted; with it, typing is enough.
    await search.getByRole("button", { name: "Search" }).click();
  }
  await expect(page).toHaveURL(/[?&]q=OWNER%40EXAMPLE/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.filter({ hasText: OWNER.email })).toHaveCount(1);
  await expect(page.getByRole("table")).toContainText("1 person match");

  await search.getByLabel("State").selectOption({ label: "Revoked" });
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]state=revoked/);
  await expect(page.getByRole("table")).toContainText("0 people match");
  await expect(search.getByLabel("Search by name or email")).toHaveValue("OWNER@EXAMPLE");
  await expectAccessible(page, info);

  await open(page, "/settings/users", info);
  await expect(rows.filter({ hasText: OWNER.email })).toHaveCount(1);
});
