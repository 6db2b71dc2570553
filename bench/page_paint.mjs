#!/usr/bin/env node
// Time until the home page shows its cards: opens BASE_URL in Debian's Chromium (playwright-core
// from web/node_modules) RUNS times, each in a fresh context (empty cache), and prints the
// median and the worst of: first contentful paint, and the first frame painted after the first
// card entered the DOM (both from navigation start). Used by bench/serve_bench.sh.
//   node bench/page_paint.mjs BASE_URL [RUNS]

import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const web = resolve(dirname(fileURLToPath(import.meta.url)), "..", "web");
const { chromium } = await import(pathToFileURL(resolve(web, "node_modules/playwright-core/index.mjs")).href);
const base = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
if (!base) {
  console.error("usage: node bench/page_paint.mjs BASE_URL [RUNS]");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.AH_E2E_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const cards = [];
const fcps = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    const page = await context.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector("#papers .card[data-paper-id]")) {
          observer.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => (window.__cardsPainted = performance.now())));
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(base + "/");
    await page.waitForFunction(() => window.__cardsPainted !== undefined, null, { timeout: 30_000 });
    cards.push(await page.evaluate(() => window.__cardsPainted));
    fcps.push(
      await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN),
    );
    await context.close();
  }
} finally {
  await browser.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;
console.log(`first contentful paint: median ${ms(median(fcps))}, worst ${ms(Math.max(...fcps))}`);
console.log(`cards painted:          median ${ms(median(cards))}, worst ${ms(Math.max(...cards))} (${runs} runs, empty cache)`);
