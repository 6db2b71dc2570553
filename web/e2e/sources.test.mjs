// The side panel's source list in Chromium: the summary, the whole list behind its toggle with what needs
// attention first, both languages, and a phone. Against the mock's fixed list (a source in each state), or
// against a real server, whose catalogue has many sources (then only what any list shows is checked).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { PHONE, USING_MOCK, openPage, screenshotPath, settled, setup } from "./helpers.mjs";
import { chromeText, foreignFragments, loadTables } from "./i18n-table.mjs";

const T = { timeout: 60_000 };
let env;
let tables;

before(async () => {
  env = await setup();
  tables = await loadTables();
});
after(async () => {
  await env?.close();
});

async function withPage(options, body) {
  const { context, page, problems } = await openPage(env, options);
  try {
    await settled(page);
    await page.waitForSelector("#sources-panel:not([hidden])");
    await body(page, problems);
  } finally {
    await context.close();
  }
}

const HEALTHS = ["failing", "suspect", "pending", "ok", "unavailable", "disabled"];

describe("the source list", () => {
  test("sums the sources up and lists them, what needs attention first", T, async () => {
    await withPage({}, async (page, problems) => {
      const summary = await page.textContent("#sources-summary");
      assert.match(summary, /^\d+ of \d+ sources on/);
      assert.equal(await page.isVisible("#sources-list"), false, "folded away at first");
      await page.click("#sources-details summary");
      const rows = await page.$$eval("#sources-list .source", (items) =>
        items.map((i) => ({ name: i.dataset.source, health: i.dataset.health, text: i.textContent })),
      );
      assert.ok(rows.length >= 1);
      const ranks = rows.map((r) => HEALTHS.indexOf(r.health));
      assert.ok(ranks.every((r) => r >= 0), `known health values: ${rows.map((r) => r.health)}`);
      assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), "ordered by health");
      if (USING_MOCK) {
        assert.equal(summary, "6 of 7 sources on · 1 failing · 1 suspect · 1 not harvested yet · 2 OK · 1 not in this build");
        assert.deepEqual(
          rows.map((r) => r.name),
          ["nature.crossref", "nature-methods.feed", "medrxiv", "biorxiv", "arxiv", "openalex-pnas", "pubmed-nejm"],
        );
        const failing = await page.textContent('#sources-list [data-source="nature.crossref"]');
        assert.match(failing, /Nature/);
        assert.match(failing, /Failing · last harvest 1 d ago/);
        assert.match(failing, /HTTP 503 still after 5 retries/);
        const running = await page.textContent('#sources-list [data-source="biorxiv"] .source-state');
        assert.equal(running, "OK · harvesting now · last harvest 2 min ago · 120 new");
        assert.equal(await page.textContent('#sources-list [data-source="arxiv"] .source-kind'), "arXiv");
        assert.equal(
          await page.textContent('#sources-list [data-source="nature-methods.feed"] .source-kind'),
          "journal feed",
        );
        assert.equal(await page.isVisible("#sources-note"), false);
      }
      assert.deepEqual(problems.errors, []);
    });
  });

  test("speaks Chinese, with no English left in its words", T, async () => {
    await withPage({ locale: "zh-CN" }, async (page, problems) => {
      await page.click("#sources-details summary");
      assert.equal(await page.textContent("#sources-heading"), "文献来源");
      assert.match(await page.textContent("#sources-summary"), /^共 \d+ 个来源，\d+ 个已启用/);
      if (USING_MOCK) {
        assert.equal(
          await page.textContent('#sources-list [data-source="biorxiv"] .source-state'),
          "正常 · 正在采集 · 最近采集：2 分钟前 · 新增 120 篇",
        );
        assert.equal(await page.textContent('#sources-list [data-source="pubmed-nejm"] .source-state'), "已停用");
      }
      const shown = (await chromeText(page)).join("\n");
      for (const fragment of foreignFragments(tables, "en")) {
        assert.ok(!shown.includes(fragment), `English "${fragment}" on the Chinese page`);
      }
      // Switching language re-renders the list in place.
      await page.click('.lang-btn[data-lang="en"]');
      assert.match(await page.textContent("#sources-summary"), /^\d+ of \d+ sources on/);
      assert.deepEqual(problems.errors, []);
    });
  });

  test("fits a phone and says when the list could not be loaded", T, async () => {
    await withPage({ viewport: PHONE }, async (page, problems) => {
      await page.click("#sources-details summary");
      const widths = await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
      assert.deepEqual(widths, [PHONE.width, PHONE.width]);
      assert.deepEqual(problems.errors, []);
    });
    const { context, page } = await openPage(env, { path: null });
    try {
      await page.route("**/api/v1/sources", (route) =>
        route.fulfill({ status: 503, contentType: "application/json", body: '{"error":{"code":"unavailable","message":"x"}}' }),
      );
      await page.goto(env.baseUrl + "/");
      await page.waitForSelector("#sources-panel:not([hidden])");
      assert.equal(await page.textContent("#sources-summary"), "The source list could not be loaded.");
      assert.equal(await page.isVisible("#sources-details"), false);
    } finally {
      await context.close();
    }
  });

  for (const [lang, locale] of [["zh", "zh-CN"], ["en", "en-US"]]) {
    for (const [device, viewport] of [["desktop", undefined], ["phone", PHONE]]) {
      test(`screenshot of the source list, ${lang} ${device}`, T, async () => {
        await withPage({ locale, ...(viewport ? { viewport } : {}) }, async (page) => {
          await page.click("#sources-details summary");
          await page.locator("#sources-panel").scrollIntoViewIfNeeded();
          await page.screenshot({ path: screenshotPath(`sources-${lang}-${device}`) });
        });
      });
    }
  }
});
