// End-to-end tests of "one paper, one card" in Debian's Chromium, against the real server whose store
// merged the records of several sources (AH_E2E_MERGED_URL, started by e2e/real-server.sh from
// tests/fixtures and e2e/fixtures): an arXiv preprint with its Nature Methods article, a retracted
// and corrected article, PubMed's retracted paper, journal-only and PubMed-only papers. Checks the
// cards' venue, sources, history, badges and links in English and Chinese, the venue and source
// filters, and takes screenshots (e2e/artifacts/merged-*.png) for a person to look at.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, PHONE, openPage, screenshotPath, settled, setup } from "./helpers.mjs";
import { chromeText, foreignFragments, loadTables } from "./i18n-table.mjs";

const MERGED_URL = process.env.AH_E2E_MERGED_URL?.replace(/\/+$/, "");
const T = { timeout: 60_000, skip: MERGED_URL ? false : "needs AH_E2E_MERGED_URL (web/e2e/real-server.sh)" };

let env;
let tables;
before(async () => {
  if (!MERGED_URL) return;
  env = await setup();
  env.baseUrl = MERGED_URL;
  tables = await loadTables();
});
after(async () => {
  await env?.close();
});

async function withPage(options, body) {
  const { context, page, problems } = await openPage(env, options);
  try {
    await settled(page);
    await body(page, problems);
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.console, []);
  } finally {
    await context.close();
  }
}

const card = (page, id) => page.locator(`#papers .card[data-paper-id="${id}"]`);
const texts = (locator) => locator.evaluateAll((els) => els.map((e) => e.textContent.trim()));

describe("one paper, one card", () => {
  test("a preprint and its journal article are one card: venue, sources, history, links", T, async () => {
    await withPage({ path: "/?q=embryo" }, async (page) => {
      assert.equal(await page.locator("#papers .card").count(), 1, "one card for the preprint and the article");
      const c = card(page, "2511.04242");
      assert.equal(await c.locator(".card-venue").textContent(), "Nature Methods 23(5):101-110");
      assert.equal(await c.locator(".card-source").textContent(), "arXiv (Q-BIO.QM), Crossref");
      assert.deepEqual(await texts(c.locator(".card-history li")), ["arXiv v1 2025-11", "v3 2026-02", "Nature Methods 2026-05"]);
      assert.equal(await c.locator(".card-updated").textContent(), "Updated: published");
      assert.equal(await c.locator(".card-updated").getAttribute("title"), "Updated on 2026-05-02");
      assert.equal(await c.locator(".badge").count(), 0);
      assert.equal(await c.locator(".link-doi").getAttribute("href"), "https://doi.org/10.5555/nmeth.2026.0042");
      assert.equal(await c.locator(".link-arxiv").getAttribute("href"), "https://arxiv.org/abs/2511.04242");
      assert.equal(await c.locator(".link-pdf").getAttribute("href"), "https://arxiv.org/pdf/2511.04242");
      assert.equal(await c.locator(".card-id").textContent(), "2511.04242v3");
    });
  });

  test("a retracted article: a red badge linking to the retraction notice, the correction too", T, async () => {
    await withPage({ path: "/?q=widgets" }, async (page) => {
      const c = card(page, "10.5555/jex.2024.0007");
      assert.ok(await c.evaluate((e) => e.classList.contains("is-retracted")));
      const retracted = c.locator(".badge-retracted");
      assert.equal(await retracted.textContent(), "Retracted");
      assert.equal(await retracted.evaluate((e) => e.tagName), "A");
      assert.equal(await retracted.getAttribute("href"), "https://doi.org/10.5555/jex.2026.retr1");
      assert.equal(await retracted.getAttribute("title"), "Notice 10.5555/jex.2026.retr1 of 2026-01-19");
      const [r, g, b] = await retracted.evaluate((e) => getComputedStyle(e).backgroundColor.match(/\d+/g).map(Number));
      assert.ok(r > 120 && r > 2 * g && r > 2 * b, `the badge is red: rgb(${r}, ${g}, ${b})`);
      assert.equal(await c.locator(".badge-corrected").getAttribute("href"), "https://doi.org/10.5555/jex.2024.corr1");
      assert.equal(await c.locator(".badge-corrected").textContent(), "Corrected");
      assert.deepEqual(await texts(c.locator(".card-history li")), [
        "Journal of Examples 2024-02",
        "Corrected 2024-06",
        "Retracted 2026-01",
      ]);
      assert.equal(await c.locator(".card-updated").count(), 0, "the badge already says it was retracted");
      // The notices are no cards of their own, though their titles have the word: their news is
      // the article's badges (issue 8: the feed shows a paper once).
      assert.equal(await card(page, "10.5555/jex.2026.retr1").count(), 0, "no card for the retraction notice");
      assert.equal(await card(page, "10.5555/sci.corr.7").count(), 0, "no card for the correction notice");
    });
  });

  test("PubMed's retracted paper links its notices by DOI and by PMID, in Chinese", T, async () => {
    await withPage({ locale: "zh-CN", path: "/?q=m6A" }, async (page) => {
      const c = card(page, "2401.01234");
      assert.equal(await c.locator(".badge-retracted").textContent(), "已撤稿");
      assert.equal(await c.locator(".badge-retracted").getAttribute("href"), "https://doi.org/10.5555/nmeth.2025.0099");
      assert.equal(await c.locator(".badge-corrected").textContent(), "已更正");
      assert.equal(await c.locator(".badge-corrected").getAttribute("href"), "https://pubmed.ncbi.nlm.nih.gov/39000003/");
      assert.equal(await c.locator(".card-source").textContent(), "PubMed, Semantic Scholar");
      assert.deepEqual(await texts(c.locator(".card-history li")), ["Nature methods 1998-12", "更正 1999-03", "撤稿 2025-01"]);
      assert.equal(await c.locator(".link-pubmed").getAttribute("href"), "https://pubmed.ncbi.nlm.nih.gov/39000001/");
      assert.equal(await c.locator(".link-arxiv").getAttribute("href"), "https://arxiv.org/abs/2401.01234");
      assert.equal(await card(page, "10.5555/nmeth.2025.0099").count(), 0, "no card for the retraction notice");
    });
    await withPage({ locale: "zh-CN", path: "/?q=symptoms" }, async (page) => {
      // medRxiv's v2 came later: updated. Its venue, "medRxiv", would only repeat the source.
      const c = card(page, "10.1101/2024.02.27.24303456");
      assert.equal(await c.locator(".card-updated").textContent(), "已更新：新版本");
      assert.equal(await c.locator(".card-venue").count(), 0);
      assert.equal(await c.locator(".card-source").textContent(), "medRxiv (INFECTIOUS DISEASES)");
      assert.equal(await c.locator(".card-history").count(), 0, "two versions in one month say nothing more");
    });
  });

  test("a journal-only paper: DOI link, no arXiv link nor PDF, its DOI as its id", T, async () => {
    await withPage({ path: "/" }, async (page) => {
      const c = card(page, "10.1371/journal.pex.3000001");
      assert.equal(await c.locator(".card-venue").textContent(), "PLOS Examples: New Articles");
      assert.equal(await c.locator(".card-source").textContent(), "Journal feed");
      assert.equal(await c.locator(".link-doi").getAttribute("href"), "https://doi.org/10.1371/journal.pex.3000001");
      assert.equal(await c.locator(".link-arxiv, .link-pdf").count(), 0);
      assert.equal(await c.locator(".card-id").textContent(), "10.1371/journal.pex.3000001");
      assert.match(await c.locator(".card-title a").getAttribute("href"), /^https:\/\/journals\.plos\.org\//);
      assert.equal(await c.locator(".card-history").count(), 0, "one step is no history");
    });
    await withPage({ path: "/?q=disease" }, async (page) => {
      const c = card(page, "pmid:39000006");
      assert.equal(await c.locator(".card-source").textContent(), "PubMed");
      assert.equal(await c.locator(".link-doi, .link-arxiv, .link-pdf").count(), 0);
      assert.equal(await c.locator(".link-pubmed").getAttribute("href"), "https://pubmed.ncbi.nlm.nih.gov/39000006/");
      assert.equal(await c.locator(".card-id").textContent(), "pmid:39000006");
    });
  });

  test("a card's venue and sources add venue and source filters", T, async () => {
    await withPage({ path: "/?q=embryo" }, async (page) => {
      await card(page, "2511.04242").locator(".venue-filter").click();
      await settled(page);
      assert.deepEqual(new URL(page.url()).searchParams.getAll("venue"), ["Nature Methods"]);
      assert.equal(await page.textContent("#chips .chip-venue .chip-label"), "Venue: Nature Methods");
      await page.click("#chips .chip-remove"); // the search stays; the venue goes
      await settled(page);
      await card(page, "2511.04242").locator(".source-filter", { hasText: "Crossref" }).click();
      await settled(page);
      assert.deepEqual(new URL(page.url()).searchParams.getAll("source"), ["crossref"]);
      assert.equal(await page.textContent("#chips .chip-source .chip-label"), "Source: Crossref");
    });
    await withPage({ path: "/?venue=Nature%20Methods" }, async (page) => {
      const venues = await texts(page.locator("#papers .card .venue-filter"));
      assert.ok(venues.length >= 3, venues.join(" | "));
      for (const v of venues) assert.match(v, /^Nature methods$/i);
    });
    await withPage({ locale: "zh-CN", path: "/?source=journal-feed" }, async (page) => {
      assert.equal(await page.textContent("#chips .chip-source .chip-label"), "来源: 期刊订阅源");
      const sources = await texts(page.locator("#papers .card .card-source"));
      assert.deepEqual([...new Set(sources)], ["期刊订阅源"]);
    });
    await withPage({ path: "/?source=crossref" }, async (page) => {
      const sources = await texts(page.locator("#papers .card .card-source"));
      assert.ok(sources.length >= 3, sources.join(" | "));
      for (const s of sources) assert.match(s, /Crossref/);
    });
  });

  test("no English on the Chinese page of merged cards, no Chinese on the English one", T, async () => {
    for (const [lang, locale, path] of [["zh", "zh-CN", "/?q=widgets"], ["en", "en-US", "/?q=m6A"]]) {
      await withPage({ locale, path }, async (page) => {
        const visible = (await chromeText(page)).join("\n");
        const other = lang === "zh" ? "en" : "zh";
        for (const fragment of foreignFragments(tables, other)) {
          assert.ok(!visible.includes(fragment), `${lang} page shows "${fragment}"`);
        }
      });
    }
  });

  for (const [name, locale, viewport, colorScheme, path] of [
    ["en-desktop", "en-US", DESKTOP, "light", "/"],
    ["zh-desktop", "zh-CN", DESKTOP, "light", "/?q=widgets"],
    ["en-phone", "en-US", PHONE, "light", "/?q=embryo"],
    ["zh-phone-dark", "zh-CN", PHONE, "dark", "/?q=m6A"],
  ]) {
    test(`screenshot of merged cards: ${name}`, T, async () => {
      await withPage({ locale, viewport, colorScheme, path }, async (page) => {
        await page.waitForSelector("#papers .card[data-paper-id]");
        await page.evaluate(() => document.fonts.ready);
        const widths = await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
        assert.deepEqual(widths, [viewport.width, viewport.width], `viewport and page widths ${widths}`);
        await page.locator("#papers").screenshot({ path: screenshotPath(`merged-${name}`) });
      });
    });
  }
});
