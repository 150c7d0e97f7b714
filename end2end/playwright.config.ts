import { defineConfig } from "@playwright/test";
import {
  EXPIRING_SERVERS,
  IMPORT_SERVERS,
  JOIN_SERVERS,
  JOURNEY_SERVERS,
  LAYOUT_SERVERS,
  MAILDEV,
  OWNER_SERVERS,
  SETUP_SERVERS,
} from "./tests/servers";

// Debian's Chromium: browsers are never downloaded (docs/building.md).
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
  // Generous for a loaded 2-core CI machine; every wait inside is a web-first assertion.
  timeout: 60_000,
  use: {
    launchOptions: { executablePath, args: chromiumArgs },
    trace: "retain-on-failure",
  },
  // Every spec runs twice: hydrated, and as a browser with JavaScript off.
  // Each project has its own Portico, so parallel runs never share a draft or a session.
  projects: [
    { name: "hydrated", use: { javaScriptEnabled: true, baseURL: OWNER_SERVERS.hydrated } },
    { name: "no-js", use: { javaScriptEnabled: false, baseURL: OWNER_SERVERS["no-js"] } },
  ],
  webServer: [
    {
      // A real SMTP server with an API to read what it received.
      command: `npx maildev --ip 127.0.0.1 --smtp ${MAILDEV.smtpPort} --web ${MAILDEV.webPort}`,
      url: `${MAILDEV.api}/api/email`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    ...Object.entries(OWNER_SERVERS).map(([project, url]) =>
      server(`owner-${project}`, Number(new URL(url).port), "bootstrap"),
    ),
    ...Object.entries(JOIN_SERVERS).map(([project, url]) =>
      server(`join-${project}`, Number(new URL(url).port), "bootstrap"),
    ),
    ...Object.entries(JOURNEY_SERVERS).map(([project, url]) =>
      server(`journey-${project}`, Number(new URL(url).port), "bootstrap"),
    ),
    ...Object.entries(LAYOUT_SERVERS).map(([project, url]) =>
      server(`layout-${project}`, Number(new URL(url).port), "bootstrap"),
    ),
    ...Object.entries(IMPORT_SERVERS).map(([project, url]) =>
      server(`import-${project}`, Number(new URL(url).port), "bootstrap"),
    ),
    ...Object.entries(EXPIRING_SERVERS).map(([project, url]) =>
      server(`expiring-${project}`, Number(new URL(url).port), "bootstrap short-ttl"),
    ),
    ...Object.entries(SETUP_SERVERS).map(([project, url]) =>
      server(`setup-${project}`, Number(new URL(url).port), "empty"),
    ),
  ],
});
