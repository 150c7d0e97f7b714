// Measures what a browser fetches to show each page (docs/architecture.md, Performance), in
// Debian's Chromium through Playwright: bytes on the wire per page with a cold cache, by kind;
// the time until the page is usable (hydrated, or loaded when it ships no script) under
// Chromium's network throttling at 1.6 Mbit/s and 150 ms latency; and the JS and WASM bytes a
// repeat visit transfers; and, from the Users page, which pieces of the WASM following a link
// to another page fetches. Prints figures; asserts nothing.
// Usage: node scripts/first-load.js <base URL of a bootstrapped Portico> <setup link or "">
const path = require("path");
const { chromium, request } = require(path.join(__dirname, "../end2end/node_modules/playwright"));

const [base, setupLink] = process.argv.slice(2);
const OWNER = { email: "owner@example.com", password: "a long and quiet harbour at dawn" };
// 1.6 Mbit/s down and up, 150 ms each way, as the issue's slow connection.
const SLOW = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 200_000 };

const kindOf = (url) => {
  const ext = new URL(url).pathname.split(".").pop();
  return ["js", "wasm", "css"].includes(ext) ? ext : ext === "svg" ? "icon" : "html";
};

/** Loads `url` in `context`'s page, counting encoded bytes per kind; returns them and the time. */
async function load(context, page, url, throttle) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
  if (throttle) await cdp.send("Network.emulateNetworkConditions", SLOW);
  const urls = new Map();
  const bytes = { html: 0, css: 0, js: 0, wasm: 0, icon: 0 };
  cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
  cdp.on("Network.loadingFinished", (e) => {
    const url = urls.get(e.requestId);
    if (url) bytes[kindOf(url)] += e.encodedDataLength;
  });
  const started = Date.now();
  await page.goto(url);
  const hydrates = (await page.locator("script[type=module]").count()) > 0;
  if (hydrates) await page.locator("body[data-hydrated]").waitFor({ timeout: 120_000 });
  const usable = Date.now() - started;
  await page.waitForLoadState("networkidle");
  await cdp.detach();
  return { bytes, usable, hydrates };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const total = (bytes) => Object.values(bytes).reduce((a, b) => a + b, 0);

async function measure(browser, label, url, storageState) {
  const cold = await browser.newContext({ storageState });
  const page = await cold.newPage();
  const first = await load(cold, page, url, false);
  const repeat = await load(cold, page, url, false);
  await cold.close();
  const slow = await browser.newContext({ storageState });
  const slowLoad = await load(slow, await slow.newPage(), url, true);
  await slow.close();
  const parts = Object.entries(first.bytes).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${kb(n)}`);
  console.log(
    `${label.padEnd(26)} cold ${kb(total(first.bytes)).padStart(10)} (${parts.join(", ")})` +
      `  usable at 1.6 Mbit/s ${(slowLoad.usable / 1000).toFixed(2)} s` +
      `${first.hydrates ? " (hydrated)" : " (no script)"}` +
      `  repeat visit JS+WASM ${kb(repeat.bytes.js + repeat.bytes.wasm)}`,
  );
}

/** From the Users page, hydrated, follows the header's link to `linkName`: what that fetches. */
async function navigate(browser, linkName, storageState) {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  await load(context, page, `${base}/settings/users`, false);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const urls = new Map();
  const fetched = [];
  cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
  cdp.on("Network.loadingFinished", (e) => {
    if (urls.has(e.requestId)) fetched.push({ url: urls.get(e.requestId), bytes: e.encodedDataLength });
  });
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: linkName }).click();
  await page.getByRole("heading", { level: 1, name: linkName }).waitFor();
  await page.waitForLoadState("networkidle");
  await context.close();
  const wasm = fetched.filter((f) => kindOf(f.url) === "wasm");
  const names = wasm.map((f) => new URL(f.url).pathname.split("/").pop().split(".")[0]);
  const own = names.filter((name) => name !== "shared");
  console.log(
    `${`then ${linkName}`.padEnd(26)} WASM ${kb(wasm.reduce((a, f) => a + f.bytes, 0)).padStart(10)}` +
      ` in ${wasm.length} pieces (own: ${own.join(", ") || "none"}, ${names.length - own.length} shared)` +
      `, other requests ${fetched.length - wasm.length}`,
  );
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"],
  });
  // The Owner's session and an invitation link, through the same HTTP a browser uses.
  const api = await request.newContext({ baseURL: base, extraHTTPHeaders: { Origin: base } });
  await api.post("/api/sign_in", { form: OWNER });
  const groups = await (await api.post("/api/list_groups")).json();
  const developers = groups.find((g) => g.name === "Developers").group_id;
  const invited = await api.post("/api/invite_people", {
    form: {
      "people[0][first_name]": "First",
      "people[0][last_name]": "Load",
      "people[0][email]": `first-load-${Date.now()}@example.com`,
      "group_ids[0]": developers,
    },
  });
  const link = (await invited.json())[0].link.replace(/^https?:\/\/[^/]+/, base);
  const owner = await api.storageState();

  console.log(`First load of ${base} (encoded bytes, headers included)`);
  await measure(browser, "sign-in", `${base}/sign-in`, undefined);
  if (setupLink) await measure(browser, "setup", setupLink, undefined);
  await measure(browser, "join (invitation link)", link, undefined);
  await measure(browser, "Users, signed in", `${base}/settings/users`, owner);
  await measure(browser, "Groups, signed in", `${base}/settings/groups`, owner);
  for (const link of ["Groups", "Audit log", "Roles"]) await navigate(browser, link, owner);
  await api.dispose();
  await browser.close();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
