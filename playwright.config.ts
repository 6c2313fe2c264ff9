import { defineConfig, devices } from "@playwright/test";
import { e2eBaseURL as baseURL } from "./e2e/support/base-url";

const port = new URL(baseURL).port;

// The browser suite runs Debian's Chromium against the production server on its own
// port, with its own database in .e2e-data (wiped at the start of every run).
export default defineConfig({
  testDir: "e2e",
  // The screenshot spec is for people to look at, not a check: only with PIGEON_SCREENSHOTS=1.
  testIgnore: process.env.PIGEON_SCREENSHOTS ? [] : ["**/screenshots.spec.ts"],
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: "rm -rf .e2e-data && node --import tsx scripts/start.ts",
    url: `${baseURL}/api/ready`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: port,
      PIGEON_DATA_DIR: ".e2e-data",
      DATABASE_URL: "file:.e2e-data/e2e.db",
      PUBLIC_URL: baseURL,
      // The browser tests' webhook receivers listen on this machine.
      PIGEON_ALLOWED_NETWORKS: "127.0.0.0/8,::1/128",
      // Every spec signs people up from this one address.
      PIGEON_SIGNUP_LIMIT_PER_HOUR: "1000",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
