// Screenshots of the home page, zh and en, desktop and phone, light and dark, into e2e/artifacts/ (for a
// person to look at), with the checks that need no eyes: cards shown, no horizontal scroll on a phone.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, PHONE, openPage, screenshotPath, settled, setup } from "./helpers.mjs";

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

for (const [lang, locale] of [["zh", "zh-CN"], ["en", "en-US"]]) {
  for (const [device, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    for (const scheme of ["light", "dark"]) {
      test(`screenshot ${lang} ${device} ${scheme}`, async () => {
        const { context, page, problems } = await openPage(env, { locale, viewport, colorScheme: scheme });
        try {
          await settled(page);
          await page.waitForSelector("#papers .card[data-paper-id]");
          await page.evaluate(() => document.fonts.ready);
          const expectedLang = lang === "zh" ? "zh-CN" : "en";
          assert.equal(await page.getAttribute("html", "lang"), expectedLang);
          const widths = await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
          assert.deepEqual(widths, [viewport.width, viewport.width], `viewport and page widths ${widths}`);
          await page.screenshot({ path: screenshotPath(`home-${lang}-${device}-${scheme}`), fullPage: false });
          assert.deepEqual(problems.errors, []);
        } finally {
          await context.close();
        }
      });
    }
  }
}

// The design's own view (one author chip), the filter form open with suggestions, and the last batch.
test("screenshot zh desktop with the design's author chip and suggestions", async () => {
  const { context, page, problems } = await openPage(env, { locale: "zh-CN", path: "/?author=Simeng%20Zhang" });
  try {
    await settled(page);
    await page.click("#add-filter-toggle");
    await page.fill("#filter-value", "Si");
    await page.waitForSelector("#suggestions .option");
    await page.screenshot({ path: screenshotPath("chips-zh-desktop-light") });
    await page.keyboard.press("Escape");
    await page.click("#another");
    await settled(page);
    await page.locator("#feed-end").scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("last-batch-zh-desktop-light") });
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test("screenshot en phone, whole page, dark, with chips", async () => {
  const { context, page, problems } = await openPage(env, {
    locale: "en-US",
    viewport: PHONE,
    colorScheme: "dark",
    path: "/?author=Simeng%20Zhang&keyword=attention&since=2026-06-01",
  });
  try {
    await settled(page);
    await page.screenshot({ path: screenshotPath("chips-en-phone-dark-full"), fullPage: true });
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});
