import { defineConfig, devices } from "@playwright/test";

const PORT = 3100;

const chromium = {
  ...devices["Desktop Chrome"],
  // Debian's Chromium: the test machines cannot download Playwright's own browsers.
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  },
};

/**
 * Browser tests against the built app (`npm run test:e2e` builds first), on a freshly seeded
 * embedded database with a local SMTP catcher: see tests/e2e/server.ts. The specs share that
 * one database and the journey consumes the demo applicant's only chance to apply, so they run
 * one after the other in a single worker, and a retry could only fail on what the first
 * attempt left behind.
 */
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "tests/.output/playwright",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "chromium", testIgnore: /journey\.spec\.ts/, use: chromium },
    // The journey moves the app's clock past its call's closing for good (clocks never run
    // backwards in real life, and the login throttle's timestamps would not survive it): last.
    { name: "journey", testMatch: /journey\.spec\.ts/, dependencies: ["chromium"], use: chromium },
  ],
  webServer: {
    command: "npx tsx tests/e2e/server.ts",
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    // Lets server.ts stop the app and remove its temporary database instead of being killed.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
