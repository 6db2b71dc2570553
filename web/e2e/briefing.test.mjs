// "Write a briefing" end to end, against the real server with its [llm] pointing at a small
// OpenAI-compatible server in this file (streamed answers, slow enough to be seen streaming), and
// against a server with no LLM: the analysis shows first, the LLM's text replaces it as it streams,
// [n] jumps to its card and highlights it, the chart and the exports are there, zh and en, desktop
// and a 390 px phone (screenshots into e2e/artifacts/). Needs the real server's binary and database,
// which web/e2e/real-server.sh passes (AH_E2E_BINARY, AH_E2E_DB); skipped against the mock.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startFakeLlm } from "./fake-llm.mjs";
import { DESKTOP, openPage, screenshotPath, setup, startServer } from "./helpers.mjs";
import { chromeText, foreignFragments, loadTables } from "./i18n-table.mjs";

const BINARY = process.env.AH_E2E_BINARY;
const DB = process.env.AH_E2E_DB;
const SKIP = BINARY && DB ? false : "needs the real server (web/e2e/real-server.sh sets AH_E2E_BINARY and AH_E2E_DB)";
const PHONE_390 = { width: 390, height: 844 };
const KEY = "sk-E2E-BRIEFING-SECRET";

const EN = [
  "## What these papers do\n\n",
  "Several papers study attention and language models [1][2]. ",
  "Others bring the same methods to new data [3].\n\n",
  "## Where fields meet\n\n",
  "- Retrieval meets reasoning in [2] and [4].\n",
];
const ZH = [
  "## 这些论文在做什么\n\n",
  "多篇论文研究注意力机制与语言模型 [1][2]。",
  "另一些论文把同样的方法用于新的数据 [3]。\n\n",
  "## 领域交汇之处\n\n",
  "- 检索与推理在 [2] 和 [4] 中交汇。\n",
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The fake LLM (fake-llm.mjs) answering every request with EN or ZH (as the prompt asks), `gap` ms a piece. */
const startBriefingLlm = (gap) =>
  startFakeLlm({
    gap,
    answer: (ask, body) => ({
      pieces: body.includes("简体中文") ? ZH : EN,
      usage: { prompt_tokens: 812, completion_tokens: 230, total_tokens: 1042 },
    }),
  });

let env;
let llm;
let withLlm;
let withoutLlm;
let tables;
before(async () => {
  if (SKIP) return;
  env = await setup();
  tables = await loadTables();
  llm = await startBriefingLlm(400);
  withLlm = await startServer(BINARY, DB, {
    ACADEMICHUB_LLM_BASE_URL: llm.url,
    ACADEMICHUB_LLM_MODEL: "fake-model",
    ACADEMICHUB_LLM_API_KEY: KEY,
  });
  withoutLlm = await startServer(BINARY, DB, { ACADEMICHUB_LLM_BASE_URL: "", ACADEMICHUB_LLM_MODEL: "" });
});
after(async () => {
  await withLlm?.close();
  await withoutLlm?.close();
  await llm?.close();
  await env?.close();
});

async function open(server, locale, viewport) {
  const opened = await openPage(env, { locale, viewport, path: null });
  await opened.page.goto(server.url + "/");
  await opened.page.waitForSelector("#papers .card[data-paper-id]");
  await opened.page.waitForSelector("#brief-btn:not([disabled])");
  return opened;
}

for (const [lang, locale] of [["en", "en-US"], ["zh", "zh-CN"]]) {
  test(`the briefing streams in, [n] highlights its card, exports (${lang}, desktop)`, { skip: SKIP }, async () => {
    const { context, page, problems } = await open(withLlm, locale, DESKTOP);
    try {
      assert.equal((await page.textContent("#brief-btn")).trim(), tables[lang].briefWrite);
      await page.evaluate(() => {
        // Every state the briefing's text passes through, recorded as it happens.
        window.__briefStates = [];
        new MutationObserver(() => {
          const b = document.querySelector(".brief-text");
          if (b) window.__briefStates.push({ cls: b.className, text: b.textContent });
        }).observe(document.querySelector("#brief-panel"), { subtree: true, childList: true, attributes: true });
      });
      await page.click("#brief-btn");
      await page.waitForSelector(".brief-status.is-done", { timeout: 20_000 });
      // The analysis first (muted), then the LLM's text while it streams, then the checked briefing.
      const states = await page.evaluate(() => window.__briefStates);
      const analysisAt = states.findIndex((s) => s.cls.includes("is-analysis") && s.text !== "");
      const streamingAt = states.findIndex((s) => s.cls.includes("is-streaming"));
      assert.ok(analysisAt >= 0, "the analysis was shown");
      assert.ok(streamingAt > analysisAt, "then the LLM's text as it streamed");
      const first = (lang === "zh" ? ZH : EN)[1].slice(0, 8);
      assert.ok(states[streamingAt].text.includes((lang === "zh" ? ZH : EN)[0].replace(/^## |\n/g, "")), states[streamingAt].text);
      assert.ok(first.length > 0);
      const text = await page.textContent(".brief-text");
      assert.ok(text.includes(lang === "zh" ? "检索与推理" : "Retrieval meets reasoning"), text);
      assert.ok((await page.textContent(".brief-status")).includes("fake-model"));
      assert.ok((await page.$$(".brief-bar")).length >= 1, "a bar per theme");
      // The cards span several days (three papers a day): a bar per day, the papers all counted.
      const perDay = await page.$$eval(".brief-days .brief-bar-count", (els) => els.map((e) => Number(e.textContent)));
      assert.ok(perDay.length >= 2, `a bar per day: ${perDay}`);
      assert.equal(perDay.reduce((a, b) => a + b, 0), (await page.$$("#papers .card")).length);
      const downloads = await page.$$eval(".brief-export", (as) => as.map((a) => a.download));
      assert.equal(downloads.length, 2);
      assert.ok(downloads[0].endsWith(".md") && downloads[1].endsWith(".html"), downloads.join());
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(".brief-export")]);
      const markdown = readFileSync(await download.path(), "utf8");
      assert.ok(markdown.includes("[2]") && markdown.startsWith("# "), markdown);

      // [2] goes to the second card and highlights it.
      const second = (await page.$$eval("#papers .card", (cs) => cs.map((c) => c.dataset.paperId)))[1];
      await page.click('.brief-text a.cite[data-n="2"]');
      const cited = await page.waitForSelector("#papers .card.is-cited");
      assert.equal(await cited.getAttribute("data-paper-id"), second);
      await sleep(600); // the smooth scroll
      const inView = await cited.evaluate((c) => {
        const r = c.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      });
      assert.ok(inView, "the cited card was scrolled into view");

      // The page's own words are all in its language; the key never reaches the page.
      const foreign = foreignFragments(tables, lang === "zh" ? "en" : "zh");
      const chrome = (await chromeText(page)).join("\n");
      for (const f of foreign) assert.ok(!chrome.includes(f), `"${f}" shown in ${lang}`);
      assert.ok(!(await page.content()).includes(KEY));
      await page.locator("#brief-panel").scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`briefing-${lang}-desktop`) });
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });

  test(`the briefing on a 390 px phone (${lang})`, { skip: SKIP }, async () => {
    const { context, page, problems } = await open(withLlm, locale, PHONE_390);
    try {
      await page.click("#brief-btn");
      await page.waitForSelector(".brief-status.is-done", { timeout: 20_000 });
      const widths = await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
      assert.deepEqual(widths, [PHONE_390.width, PHONE_390.width], `no horizontal scroll: ${widths}`);
      await page.locator("#brief-panel").scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`briefing-${lang}-phone`) });
      await page.screenshot({ path: screenshotPath(`briefing-${lang}-phone-full`), fullPage: true });
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
}

test("the key stays on the server: requests carry it, its log does not", { skip: SKIP }, () => {
  assert.ok(llm.requests.length > 0);
  assert.equal(llm.requests[0].authorization, `Bearer ${KEY}`);
  assert.ok(!withLlm.log().includes(KEY));
});

test("with no LLM, the analysis is the briefing", { skip: SKIP }, async () => {
  const { context, page, problems } = await open(withoutLlm, "en-US", DESKTOP);
  try {
    await page.click("#brief-btn");
    await page.waitForSelector(".brief-status.is-done", { timeout: 10_000 });
    assert.equal((await page.textContent(".brief-status")).trim(), tables.en.briefAnalysisOnly);
    assert.ok((await page.$$(".brief-text a.cite")).length > 0, "the analysis cites its papers");
    assert.ok((await page.$$(".brief-bar")).length >= 1);
    await page.click(".brief-text a.cite");
    await page.waitForSelector("#papers .card.is-cited");
    await page.screenshot({ path: screenshotPath("briefing-en-desktop-no-llm") });
    // Closing the panel hides it; a new batch closes it too.
    await page.click(".brief-close");
    assert.ok(await page.isHidden("#brief-panel"));
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});
