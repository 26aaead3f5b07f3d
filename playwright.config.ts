import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const ADMIN_PASSWORD = "e2e-admin-password";
export const API_KEY = "vgl_e2e_bootstrap_key_7c41d9a2f0b86e35";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
      ],
    },
  },
  webServer: {
    command: "npm start",
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5000 },
    env: {
      PORT: String(PORT),
      HOSTNAME_BIND: "127.0.0.1",
      VIGIL_URL: `http://127.0.0.1:${PORT}`,
      VIGIL_DATA_DIR: path.join(os.tmpdir(), `vigil-e2e-${Date.now()}`),
      VIGIL_DEMO: "0",
      VIGIL_SIGNIN_RATE_LIMIT: "1000",
      VIGIL_ENCRYPTION_KEY: "22".repeat(32),
      VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD,
      VIGIL_BOOTSTRAP_API_KEY: API_KEY,
      // Fixtures carry fixed dates; retention (tested on its own) must not remove them mid-test on a later day.
      VIGIL_EVENT_RETENTION_DAYS: "0",
      // Rule actions look for new alerts every 2 s, so a test sees the message quickly.
      VIGIL_ACTIONS_INTERVAL_MS: "2000",
      DATABASE_URL: "",
    },
  },
});
