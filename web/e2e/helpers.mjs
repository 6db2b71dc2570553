// Shared set-up of the end-to-end tests: the server under test (AH_E2E_BASE_URL, else the mock server on a
// free port, serving web/dist) and Debian's Chromium driven by playwright-core (never a downloaded browser).

import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startMockServer } from "../mock/server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = resolve(HERE, "artifacts");
export const CHROMIUM = process.env.AH_E2E_CHROMIUM ?? "/usr/bin/chromium";

/** True when the tests run against the mock (its fixed corpus may then be relied on). */
export const USING_MOCK = !process.env.AH_E2E_BASE_URL;

/** Starts what the tests need; returns {baseUrl, browser, close()}. */
export async function setup() {
  let baseUrl = process.env.AH_E2E_BASE_URL?.replace(/\/+$/, "");
  let server = null;
  if (!baseUrl) {
    const started = await startMockServer({ port: 0 });
    server = started.server;
    baseUrl = started.url;
  }
  // launch() gives every run a fresh temporary profile (its own --user-data-dir), removed on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    baseUrl,
    browser,
    async close() {
      await browser.close();
      if (server) await new Promise((r) => server.close(r));
    },
  };
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 740 };

/**
 * A new page in a fresh context with `locale` ("zh-CN" or "en-US"); collects page errors and dialogs so a
 * test can assert that none happened.
 */
export async function openPage(env, { locale = "en-US", viewport = DESKTOP, colorScheme = "light", path = "/" } = {}) {
  const context = await env.browser.newContext({ locale, viewport, colorScheme, isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
  const page = await context.newPage();
  const problems = { errors: [], dialogs: [], console: [] };
  page.on("pageerror", (e) => problems.errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && problems.console.push(m.text()));
  page.on("dialog", async (d) => {
    problems.dialogs.push(d.message());
    await d.dismiss();
  });
  if (path !== null) await page.goto(env.baseUrl + path);
  return { context, page, problems };
}

/** Waits until the papers section has settled (cards, an empty state or an error). */
export async function settled(page) {
  await page.waitForSelector('#papers[aria-busy="false"]');
}

/** The ids of the cards shown, in order. */
export function cardIds(page) {
  return page.$$eval("#papers .card[data-paper-id]", (cards) => cards.map((c) => c.dataset.paperId));
}

export function screenshotPath(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, `${name}.png`);
}

/**
 * `binary serve` over a copy of the database `db`, with `env` added to the environment (an [llm] of the
 * test's own, or none); resolves to {url, log(), close()}. For the tests that need the real server with
 * settings of their own (web/e2e/real-server.sh passes AH_E2E_BINARY and AH_E2E_DB).
 */
export async function startServer(binary, db, env) {
  const dir = mkdtempSync(join(tmpdir(), "ah-e2e-"));
  copyFileSync(db, join(dir, "papers.db"));
  const child = spawn(binary, ["--db", join(dir, "papers.db"), "serve", "--listen", "127.0.0.1:0"], {
    env: { ...process.env, ACADEMICHUB_SOURCES_FILE: join(dir, "sources.toml"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let log = "";
  child.stderr.on("data", (d) => (log += d));
  const url = await new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      const m = /serving (http:\/\/\S+)\/ /.exec(out);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${log}`)));
    child.on("error", reject); // the binary cannot be started (a relative path from another folder)
  });
  return {
    url,
    log: () => log,
    async close() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
