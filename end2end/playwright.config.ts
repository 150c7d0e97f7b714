import { defineConfig } from "@playwright/test";
import { OWNER_SERVER, SETUP_SERVERS } from "./tests/servers";

// Debian's Chromium: browsers are never downloaded (TOOLCHAIN.md).
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const server = (name: string, port: number, args: string) => ({
  command: `../scripts/e2e-server.sh ${name} ${port} ${args}`,
  url: `http://127.0.0.1:${port}/readyz`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: "pipe" as const,
});

export default defineConfig({
  testDir: "./tests",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: OWNER_SERVER,
    launchOptions: { executablePath, args: chromiumArgs },
    trace: "retain-on-failure",
  },
  // Every spec runs twice: hydrated, and as a browser with JavaScript off.
  projects: [
    { name: "hydrated", use: { javaScriptEnabled: true } },
    { name: "no-js", use: { javaScriptEnabled: false } },
  ],
  webServer: [
    server("owner", Number(new URL(OWNER_SERVER).port), "bootstrap"),
    ...Object.entries(SETUP_SERVERS).map(([project, url]) =>
      server(`setup-${project}`, Number(new URL(url).port), "empty"),
    ),
  ],
});
