// A card's "TL;DR" and "译文 / Translate" end to end, against the real server with its [llm] pointing at
// a small OpenAI-compatible server in this file (slow enough for the loading state to be seen), one
// whose LLM fails every time, and one with no LLM: the note shows under its card while it loads, then
// the answer (the second time from the server's cache), or the error; zh and en, desktop and a 390 px
// phone (screenshots into e2e/artifacts/). Needs the real server's binary and database, which
// web/e2e/real-server.sh passes (AH_E2E_BINARY, AH_E2E_DB); skipped against the mock.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startFakeLlm } from "./fake-llm.mjs";
import { DESKTOP, openPage, screenshotPath, setup, startServer } from "./helpers.mjs";
import { chromeText, foreignFragments, loadTables } from "./i18n-table.mjs";

const BINARY = process.env.AH_E2E_BINARY;
const DB = process.env.AH_E2E_DB;
const SKIP = BINARY && DB ? false : "needs the real server (web/e2e/real-server.sh sets AH_E2E_BINARY and AH_E2E_DB)";
const PHONE_390 = { width: 390, height: 844 };
const KEY = "sk-E2E-NOTES-SECRET";

const TLDR_EN = "A new attention method makes long-document language models faster and more accurate.";
const TLDR_ZH = "提出一种新的注意力方法，使长文档语言模型更快、更准确。";
const TITLE_ZH = "面向长文档的高效注意力机制";
const ABSTRACT_ZH = "我们提出一种新的注意力机制，在保持精度的同时显著降低长文档建模的计算开销，并在多个基准上验证了其效果。";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The fake LLM (fake-llm.mjs) answering a TL;DR in the language its prompt asks for, or a translation as
 * JSON, after `delay` ms; `status` other than 200 fails every request with it (its message quoting the key).
 */
const startNotesLlm = (delay, status = 200) =>
  startFakeLlm({
    delay,
    status,
    errorMessage: `failing on purpose (key ${KEY})`,
    answer: (ask) => {
      const system = ask.messages[0].content;
      const content = system.includes("translate")
        ? JSON.stringify({ title: TITLE_ZH, abstract: ABSTRACT_ZH })
        : system.includes("Simplified Chinese")
          ? TLDR_ZH
          : TLDR_EN;
      return { pieces: [content], usage: { prompt_tokens: 431, completion_tokens: 37, total_tokens: 468 } };
    },
  });

let env;
let tables;
let llm;
let failingLlm;
let withLlm;
let failing;
let withoutLlm;
before(async () => {
  if (SKIP) return;
  env = await setup();
  tables = await loadTables();
  llm = await startNotesLlm(700);
  failingLlm = await startNotesLlm(0, 500);
  const settings = (url) => ({ ACADEMICHUB_LLM_BASE_URL: url, ACADEMICHUB_LLM_MODEL: "fake-model", ACADEMICHUB_LLM_API_KEY: KEY });
  withLlm = await startServer(BINARY, DB, settings(llm.url));
  failing = await startServer(BINARY, DB, { ...settings(failingLlm.url), ACADEMICHUB_LLM_RETRIES: "0" });
  withoutLlm = await startServer(BINARY, DB, { ACADEMICHUB_LLM_BASE_URL: "", ACADEMICHUB_LLM_MODEL: "" });
});
after(async () => {
  await withLlm?.close();
  await failing?.close();
  await withoutLlm?.close();
  await llm?.close();
  await failingLlm?.close();
  await env?.close();
});

async function open(server, locale, viewport) {
  const opened = await openPage(env, { locale, viewport, path: null });
  await opened.page.goto(server.url + "/");
  await opened.page.waitForSelector("#papers .card[data-paper-id] .note-btn-tldr");
  return opened;
}

/** The n-th card (1-based) as a locator. */
const card = (page, n) => page.locator("#papers .card").nth(n - 1);

for (const [lang, locale] of [["en", "en-US"], ["zh", "zh-CN"]]) {
  test(`a card's TL;DR and translation show under it (${lang}, desktop)`, { skip: SKIP }, async () => {
    const { context, page, problems } = await open(withLlm, locale, DESKTOP);
    try {
      const first = card(page, lang === "en" ? 1 : 2);
      assert.equal((await first.locator(".note-btn-tldr").textContent()).trim(), tables[lang].noteTldr);
      assert.equal((await first.locator(".note-btn-translation").textContent()).trim(), tables[lang].noteTranslate);
      const asked = llm.requests.length;

      // The TL;DR: a loading state while the model writes, then the line in the page's language.
      await first.locator(".note-btn-tldr").click();
      await first.locator(".note-tldr.is-loading").waitFor();
      assert.equal((await first.locator(".note-tldr .note-status").textContent()).trim(), tables[lang].noteLoading);
      assert.equal(await first.locator(".note-btn-tldr").getAttribute("aria-expanded"), "true");
      await first.locator(".note-tldr.is-done").waitFor({ timeout: 15_000 });
      assert.equal((await first.locator(".note-tldr .note-text").textContent()).trim(), lang === "zh" ? TLDR_ZH : TLDR_EN);
      assert.ok((await first.locator(".note-tldr .note-meta").textContent()).includes("fake-model"));
      const tldrAsk = llm.requests[asked].ask;
      assert.ok(tldrAsk.messages[0].content.includes(lang === "zh" ? "Simplified Chinese" : "English"));

      // The translation: Chinese title and abstract.
      await first.locator(".note-btn-translation").click();
      await first.locator(".note-translation.is-done").waitFor({ timeout: 15_000 });
      assert.equal((await first.locator(".note-translation .note-title").textContent()).trim(), TITLE_ZH);
      assert.equal((await first.locator(".note-translation .note-text").textContent()).trim(), ABSTRACT_ZH);
      assert.equal(llm.requests.length, asked + 2);

      // The page's own words are in its language; the key never reaches the page.
      const foreign = foreignFragments(tables, lang === "zh" ? "en" : "zh");
      const chrome = (await chromeText(page)).join("\n");
      for (const f of foreign) assert.ok(!chrome.includes(f), `"${f}" shown in ${lang}`);
      assert.ok(!(await page.content()).includes(KEY));
      await first.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`notes-${lang}-desktop`) });

      // A second press hides the note, a third shows it again without asking.
      await first.locator(".note-btn-tldr").click();
      assert.ok(await first.locator(".note-tldr").isHidden());
      await first.locator(".note-btn-tldr").click();
      assert.ok(await first.locator(".note-tldr").isVisible());
      assert.equal(llm.requests.length, asked + 2);
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
}

test("a note asked again comes from the server's cache", { skip: SKIP }, async () => {
  const { context, page, problems } = await open(withLlm, "en-US", DESKTOP);
  try {
    const asked = llm.requests.length;
    await card(page, 1).locator(".note-btn-tldr").click();
    await card(page, 1).locator(".note-tldr.is-done").waitFor({ timeout: 15_000 });
    assert.ok((await card(page, 1).locator(".note-meta").textContent()).includes(tables.en.noteCached));
    assert.equal(llm.requests.length, asked, "the LLM was not asked again");
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

for (const [lang, locale] of [["en", "en-US"], ["zh", "zh-CN"]]) {
  test(`notes on a 390 px phone (${lang})`, { skip: SKIP }, async () => {
    const { context, page, problems } = await open(withLlm, locale, PHONE_390);
    try {
      const third = card(page, 3);
      await third.locator(".note-btn-tldr").click();
      await third.locator(".note-btn-translation").click();
      await third.locator(".note-tldr.is-done").waitFor({ timeout: 15_000 });
      await third.locator(".note-translation.is-done").waitFor({ timeout: 15_000 });
      const widths = await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
      assert.deepEqual(widths, [PHONE_390.width, PHONE_390.width], `no horizontal scroll: ${widths}`);
      await third.locator(".card-foot").scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`notes-${lang}-phone`) });
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
}

test("an LLM that fails shows an error naming its host and status, and a retry asks again", { skip: SKIP }, async () => {
  const { context, page, problems } = await open(failing, "en-US", DESKTOP);
  try {
    const first = card(page, 1);
    await first.locator(".note-btn-tldr").click();
    const alert = first.locator(".note-tldr.is-error [role=alert]");
    await alert.waitFor({ timeout: 15_000 });
    const text = await alert.textContent();
    const host = new URL(failingLlm.url).host;
    assert.ok(text.startsWith("The language model failed: "), text);
    assert.ok(text.includes(host) && text.includes("HTTP 500"), text);
    assert.ok(!(await page.content()).includes(KEY));
    assert.ok(!failing.log().includes(KEY));
    await first.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("notes-en-desktop-error") });
    const asked = failingLlm.requests.length;
    await first.locator(".note-btn-tldr").click();
    await first.locator(".note-tldr.is-error").waitFor();
    await sleep(300);
    assert.ok(failingLlm.requests.length > asked, "a press after an error asks again");
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test("with no LLM, a note says none is configured", { skip: SKIP }, async () => {
  const { context, page, problems } = await open(withoutLlm, "zh-CN", DESKTOP);
  try {
    const first = card(page, 1);
    await first.locator(".note-btn-translation").click();
    const alert = first.locator(".note-translation.is-error [role=alert]");
    await alert.waitFor({ timeout: 10_000 });
    assert.equal((await alert.textContent()).trim(), tables.zh.noteNoLlm);
    assert.deepEqual(problems.errors, []);
  } finally {
    await context.close();
  }
});

test("the key stays on the server: requests carry it, logs do not", { skip: SKIP }, () => {
  assert.ok(llm.requests.length > 0);
  assert.equal(llm.requests[0].authorization, `Bearer ${KEY}`);
  assert.ok(!withLlm.log().includes(KEY));
});
