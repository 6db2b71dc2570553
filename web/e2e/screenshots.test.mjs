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
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
          await page.screenshot({ path: screenshotPath(`home-${lang}-${device}-${scheme}`), fullPage: device === "phone" ? false : false });
          assert.deepEqual(problems.errors, []);
        } finally {
          await context.close();
        }
      });
    }
  }
}
