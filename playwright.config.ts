import { defineConfig, devices } from '@playwright/test';
import {
  APP_PORT,
  APP_URL,
  DATA_DIR,
  E2E_TOKEN,
  HISTORY_SAMPLE_SECONDS,
  MANAGER_PASSWORD,
  MANAGER_STATE,
  METRICS_TOKEN,
  REFRESH_SECONDS,
  SERVER_LOG,
  SESSION_SECRET,
  SIM_PORT,
  SIM_URL,
  VIEWER_PASSWORD,
} from './tests/e2e/support/env';

// e2e: the built dashboard in real Chromium, with the wamm.chat simulator as its upstream. Tests
// drive the simulator through its control endpoints; nothing in the browser is intercepted.
// Debian's Chromium is used (CHROMIUM_PATH, else /usr/bin/chromium); see tests/e2e/README.md.

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

export default defineConfig({
  testDir: './tests/e2e',
  // The simulator is one shared upstream whose faults the tests switch: one test at a time.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // Signs in once as a manager; the other projects start from that browser state.
    { name: 'login', use: chromium, testMatch: /login\.setup\.ts/ },
    {
      name: 'desktop',
      use: { ...chromium, storageState: MANAGER_STATE },
      testIgnore: [/secrets\.spec\.ts/, /phone\.spec\.ts/],
      dependencies: ['login'],
    },
    {
      name: 'phone',
      use: { ...chromium, storageState: MANAGER_STATE, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
      testMatch: /phone\.spec\.ts/,
      dependencies: ['login'],
    },
    // Runs after everything else has sent its traffic, so the server log it reads is complete.
    { name: 'secrets', use: { ...chromium, storageState: MANAGER_STATE }, testMatch: /secrets\.spec\.ts/, dependencies: ['desktop', 'phone'] },
  ],
  webServer: [
    {
      command: 'npx tsx lib/simulator/cli.ts',
      url: `${SIM_URL}/__sim/health`,
      env: { SIM_PORT: String(SIM_PORT), SIM_TOKEN: E2E_TOKEN, SIM_LIVE: '0', SIM_TIMEZONE: 'Europe/Moscow' },
      reuseExistingServer: false,
      stdout: 'ignore',
      timeout: 30_000,
    },
    {
      command: `node tests/e2e/support/serve-app.mjs ${APP_PORT} ${SERVER_LOG}`,
      url: `${APP_URL}/api/health`,
      env: {
        WAMM_TOKEN: E2E_TOKEN,
        WAMM_API_URL: `${SIM_URL}/api2`,
        WAMM_TIMEZONE: 'Europe/Moscow',
        REFRESH_SECONDS: String(REFRESH_SECONDS),
        WAMM_TIMEOUT_MS: '3000',
        DATA_DIR,
        HISTORY_SAMPLE_SECONDS: String(HISTORY_SAMPLE_SECONDS),
        MANAGER_PASSWORD,
        VIEWER_PASSWORD,
        SESSION_SECRET,
        METRICS_TOKEN,
        // The PostgreSQL pass (tests/e2e/support/postgres-pass.ts) puts the app on a database of its own.
        ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
