// End-to-end tests of the research radar on the page, in Debian's Chromium: a radar created from the
// chips, ranked cards that say why, 👎 that takes a card away for good, 换一批 that never repeats, the
// today / week / all views, the panel (description, keywords, candidate people, seeds), both languages,
// and a 390px phone. Against the mock (mock/radar.mjs) unless AH_E2E_BASE_URL names a real server.
// Each test makes its own radar (a unique name) through the API, so the tests do not depend on each other.

import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, USING_MOCK, cardIds, openPage, screenshotPath, settled, setup } from "./helpers.mjs";
import { chromeText, foreignFragments, loadTables } from "./i18n-table.mjs";

const T = { timeout: 90_000 };
const PHONE_390 = { width: 390, height: 844 };
const AUTHOR = "Simeng Zhang";
let serial = 0;

const env = await setup();
const tables = await loadTables();
after(async () => {
  await env.close();
});
// A server without the radar API (built before it) skips these tests, saying so.
const probe = await fetch(`${env.baseUrl}/api/v1/radars`).catch(() => null);
const SKIP = probe && probe.status !== 404 ? false : "the server has no /api/v1/radars";

/** Creates a radar through the API; returns its name. */
async function makeRadar(fields) {
  const name = `e2e radar ${process.pid} ${++serial}`;
  const response = await fetch(`${env.baseUrl}/api/v1/radars`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name, ...fields }),
  });
  assert.ok(response.ok, `POST /radars answered ${response.status}: ${await response.text()}`);
  return name;
}

/** The radar as the API has it now. */
async function storedRadar(name) {
  const answer = await (await fetch(`${env.baseUrl}/api/v1/radars/${encodeURIComponent(name)}`)).json();
  return answer.radar;
}

const radarPath = (name, extra = "") => `/?radar=${encodeURIComponent(name)}${extra}`;

async function withPage(options, body) {
  const { context, page, problems } = await openPage(env, options);
  try {
    if (options.path !== null) await settled(page);
    await body(page, problems);
  } finally {
    await context.close();
  }
}

/** Presses 换一批 and waits for the new batch. */
async function another(page) {
  await page.click("#another");
  await settled(page);
}

/** Every batch of the view until the feed says it is used up (at most `max` batches). */
async function allBatches(page, max = 40) {
  const batches = [await cardIds(page)];
  for (let i = 0; i < max && (await page.isHidden("#feed-end")); i++) {
    await another(page);
    batches.push(await cardIds(page));
  }
  return batches;
}

const whyTexts = (page) => page.$$eval("#papers .card .card-why .why-list", (lists) => lists.map((l) => l.textContent));

describe("the radar", { skip: SKIP }, () => {
  test("is created from the chips shown and ranks cards that say why", T, async () => {
    await withPage({ path: `/?author=${encodeURIComponent(AUTHOR)}&keyword=attention` }, async (page, problems) => {
      await page.click("#radar-new");
      assert.equal(await page.getAttribute("#radar-new", "aria-expanded"), "true");
      const name = `e2e created ${process.pid}`;
      await page.fill("#radar-name", name);
      await page.press("#radar-name", "Enter");
      await page.waitForFunction((n) => new URL(location.href).searchParams.get("radar") === n, name);
      await settled(page);
      await page.waitForSelector("#papers .card.card-ranked");

      assert.equal(await page.$eval("#radar-select", (s) => s.value), name);
      const chips = await page.$$eval("#chips .chip-label", (els) => els.map((e) => e.textContent));
      assert.deepEqual(chips, [`Author: ${AUTHOR}`, "Keyword: attention"]);
      assert.equal(await page.textContent("#radar-body .radar-name"), name);
      // The day browser gives way to the radar's views.
      assert.ok(await page.isVisible("#span"));
      assert.ok(await page.isHidden("#day-group"));

      const whys = await whyTexts(page);
      assert.ok(whys.length > 0);
      assert.ok(whys.some((w) => w.includes(`follows ${AUTHOR}`)), `no "follows ${AUTHOR}" in ${whys}`);
      assert.ok(whys.some((w) => w.includes("matches 'attention'")), `no "matches 'attention'" in ${whys}`);
      // Best first: the first card has both reasons.
      if (USING_MOCK) assert.match(whys[0], /follows Simeng Zhang.*matches 'attention'/);

      // The score breakdown on demand.
      const toggle = page.locator("#papers .card .why-score").first();
      assert.match(await toggle.textContent(), /^Score \d+\.\d\d$/);
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      await toggle.click();
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      const labels = await page.$$eval("#papers .card .why-breakdown:not([hidden]) dt", (els) => els.map((e) => e.textContent));
      assert.ok(labels.includes("Authors") && labels.includes("Recency"), `breakdown ${labels}`);
      assert.ok((await page.$$("#papers .card .why-breakdown:not([hidden]) meter")).length >= 2);
      await page.screenshot({ path: screenshotPath("radar-breakdown-en-desktop"), fullPage: false });

      // Removing a chip edits the radar on the server.
      await page.click("#chips .chip-keyword .chip-remove");
      await page.waitForFunction(() => !document.querySelector("#chips .chip-keyword"));
      const stored = await storedRadar(name);
      assert.deepEqual(stored.keywords, []);
      assert.deepEqual(stored.authors, [AUTHOR]);
      assert.deepEqual(problems.errors, []);
      assert.deepEqual(problems.console, []);
    });
  });

  test("👎 fades a card out, and it never comes back in later batches", T, async () => {
    const name = await makeRadar({ authors: [AUTHOR] });
    await withPage({ path: radarPath(name) }, async (page, problems) => {
      const first = await cardIds(page);
      const gone = first[1];
      const down = page.locator(`#papers .card[data-paper-id="${gone}"] .vote-down`);
      assert.equal(await down.getAttribute("aria-label"), "Fewer like this: hide it");
      await down.click();
      await page.waitForSelector(`#papers .card[data-paper-id="${gone}"]`, { state: "detached" });
      assert.deepEqual(await cardIds(page), first.filter((id) => id !== gone));
      // Focus moves on to a card still there, not to the top of the page.
      assert.equal(await page.evaluate(() => document.activeElement?.matches(".vote-up, #another") ?? false), true);

      const votes = await (await fetch(`${env.baseUrl}/api/v1/radars/${encodeURIComponent(name)}/votes`)).json();
      assert.equal(JSON.stringify(votes).includes('"down"'), true, JSON.stringify(votes));

      const later = (await allBatches(page)).slice(1).flat();
      assert.ok(later.length > 0, "expected more batches");
      assert.ok(!later.includes(gone), `${gone} came back after 👎`);
      assert.deepEqual(problems.errors, []);
    });
  });

  test("👍 is pressed and the next 换一批 reflects it; 👍 again clears the vote", T, async () => {
    const name = await makeRadar({ keywords: ["attention"] });
    await withPage({ path: radarPath(name) }, async (page) => {
      const id = (await cardIds(page))[0];
      const up = page.locator(`#papers .card[data-paper-id="${id}"] .vote-up`);
      await up.click();
      await page.waitForFunction((i) => document.querySelector(`.card[data-paper-id="${i}"] .vote-up`)?.getAttribute("aria-pressed") === "true", id);
      await another(page);
      if (USING_MOCK) {
        // The radar learned from the 👍: the next batch's reasons point at the liked paper.
        const whys = await whyTexts(page);
        assert.ok(whys.some((w) => /your seed paper/.test(w)), `no reason from the liked paper in ${whys}`);
      }
    });
  });

  test("换一批 walks the whole ranked list without repeating a paper, and after a reload too", T, async () => {
    const name = await makeRadar({ authors: [AUTHOR], keywords: ["attention"] });
    await withPage({ path: radarPath(name) }, async (page) => {
      const firstTwo = [await cardIds(page)];
      await another(page);
      firstTwo.push(await cardIds(page));
      // A reload in the same tab (session) goes on where it was, still without repeats.
      await page.reload();
      await settled(page);
      const batches = [...firstTwo, ...(await allBatches(page))];
      const ids = batches.flat();
      assert.ok(batches.length >= 3, `only ${batches.length} batches`);
      assert.equal(new Set(ids).size, ids.length, "a paper was shown twice");
      for (const batch of batches.slice(0, -1)) assert.equal(batch.length, 10);
      assert.equal(await page.textContent("#another"), "Start again");
    });
  });

  test("not interested and mark read: dismissed papers leave, read ones are marked and stay out later", T, async () => {
    const name = await makeRadar({ authors: [AUTHOR] });
    await withPage({ path: radarPath(name) }, async (page) => {
      const [a, b] = await cardIds(page);
      await page.click(`#papers .card[data-paper-id="${a}"] .dismiss`);
      await page.waitForSelector(`#papers .card[data-paper-id="${a}"]`, { state: "detached" });
      await page.click(`#papers .card[data-paper-id="${b}"] .mark-read`);
      await page.waitForSelector(`#papers .card.is-read[data-paper-id="${b}"]`);
      assert.equal(await page.textContent(`#papers .card[data-paper-id="${b}"] .mark-read`), "Read");
      // A new session (another tab) starts from the top: still neither paper.
      const fresh = await env.browser.newContext({ locale: "en-US", viewport: DESKTOP });
      try {
        const other = await fresh.newPage();
        await other.goto(env.baseUrl + radarPath(name));
        await settled(other);
        const ids = (await allBatches(other)).flat();
        assert.ok(!ids.includes(a) && !ids.includes(b), "a dismissed or read paper came back");
      } finally {
        await fresh.close();
      }
    });
  });

  test("views: today's papers, the last week, everything; the URL keeps the view", T, async () => {
    const name = await makeRadar({ keywords: ["the"] });
    await withPage({ path: radarPath(name) }, async (page) => {
      assert.equal(await page.getAttribute('.span-btn[data-span="all"]', "aria-pressed"), "true");
      await page.click('.span-btn[data-span="today"]');
      await page.waitForFunction(() => new URL(location.href).searchParams.get("view") === "today");
      await settled(page);
      assert.equal(await page.getAttribute('.span-btn[data-span="today"]', "aria-pressed"), "true");
      const today = await page.$$eval("#papers .card .card-date", (els) => [...new Set(els.map((e) => e.textContent))]);
      if (USING_MOCK) assert.deepEqual(today, ["2026-06-17"]);
      await page.click('.span-btn[data-span="week"]');
      await page.waitForFunction(() => new URL(location.href).searchParams.get("view") === "week");
      await settled(page);
      const week = await page.$$eval("#papers .card .card-date", (els) => els.map((e) => e.textContent));
      if (USING_MOCK) for (const d of week) assert.ok(d >= "2026-06-11", `${d} is older than a week`);
      await page.goBack();
      await page.waitForFunction(() => new URL(location.href).searchParams.get("view") === "today");
      await settled(page);
      assert.equal(await page.getAttribute('.span-btn[data-span="today"]', "aria-pressed"), "true");
    });
  });

  test("the panel edits the description and keywords, follows a candidate person, and takes a card as a seed", T, async () => {
    const name = await makeRadar({ keywords: ["attention"] });
    await withPage({ path: radarPath(name) }, async (page, problems) => {
      await page.fill("#radar-description", "efficient attention for long contexts");
      await page.click("#radar-body .radar-desc button");
      await page.waitForSelector("#radar-body .radar-message");
      await page.fill("#radar-exclude", "diffusion");
      await page.press("#radar-exclude", "Enter");
      await page.waitForSelector("#radar-body .radar-excludes .radar-tag");
      assert.ok((await page.$$eval("#chips .chip-label", (els) => els.map((e) => e.textContent))).includes("Excluded: diffusion"));

      await page.fill("#radar-author", "Simeng");
      await page.press("#radar-author", "Enter");
      await page.waitForSelector("#radar-body .candidate");
      const people = await page.$$eval("#radar-body .candidate", (els) =>
        els.map((e) => ({ name: e.querySelector(".candidate-name")?.textContent, aff: e.querySelector(".candidate-aff")?.textContent })),
      );
      assert.ok(people.some((p) => p.name === AUTHOR), JSON.stringify(people));
      if (USING_MOCK) {
        // Two people of one name, told apart by affiliation and recent papers.
        assert.deepEqual(people.filter((p) => p.name === AUTHOR).map((p) => p.aff), ["Example University", "Institute of Marine Biology"]);
        assert.ok((await page.$$("#radar-body .candidate-recent li")).length > 0);
      }
      await page.locator("#radar-body .candidate").first().locator("button").click();
      await page.waitForFunction((n) => [...document.querySelectorAll("#chips .chip-label")].some((c) => c.textContent === `Author: ${n}`), AUTHOR);
      await settled(page);

      // A card whose title has no math (KaTeX makes its text differ from the stored title).
      const id = await page.$$eval("#papers .card", (cards) => cards.find((c) => !c.querySelector(".card-title .katex"))?.dataset.paperId);
      const title = (await page.textContent(`#papers .card[data-paper-id="${id}"] .card-title`)).trim();
      await page.click(`#papers .card[data-paper-id="${id}"] .add-seed`);
      await page.waitForSelector(`#papers .card[data-paper-id="${id}"] .add-seed:disabled`);
      await page.waitForSelector("#radar-body .radar-seed");
      const seedTitle = await page.getAttribute("#radar-body .radar-seed .radar-tag-label", "title");
      assert.equal(seedTitle.replace(/\s+/g, " "), title.replace(/\s+/g, " "));

      const stored = await storedRadar(name);
      assert.equal(stored.description, "efficient attention for long contexts");
      assert.deepEqual(stored.excludes, ["diffusion"]);
      assert.ok(stored.authors.includes(AUTHOR));
      assert.equal(stored.seeds.length, 1);
      await page.screenshot({ path: screenshotPath("radar-panel-edited-en-desktop"), fullPage: true });
      assert.deepEqual(problems.errors, []);
    });
  });

  test("the panel imports a BibTeX library: the papers found become seeds, the others are named", T, async () => {
    const name = await makeRadar({ keywords: ["attention"] });
    const feed = await (await fetch(`${env.baseUrl}/api/v1/radars/${encodeURIComponent(name)}/feed?limit=2`)).json();
    assert.equal(feed.papers.length, 2);
    const bib =
      feed.papers.map((p, i) => `@article{k${i},\n  title = {${p.title}},\n  eprint = {${p.id}},\n  archivePrefix = {arXiv}\n}\n`).join("") +
      "@article{gone,\n  title = {A paper this store has never seen},\n  year = {1901}\n}\n";
    await withPage({ path: radarPath(name) }, async (page, problems) => {
      await page.setInputFiles("#radar-import-file", { name: "library.bib", mimeType: "text/x-bibtex", buffer: Buffer.from(bib) });
      await page.waitForFunction(() => document.querySelectorAll("#radar-body .radar-seed").length === 2);
      const message = await page.textContent("#radar-body .radar-message");
      assert.match(message, /library\.bib: 2 of 3 references found here, 2 added as seeds\./);
      assert.match(message, /1 not in the store: “A paper this store has never seen”/);
      const stored = await storedRadar(name);
      assert.equal(stored.seeds.length, 2);
      await settled(page);
      const shown = await cardIds(page);
      for (const p of feed.papers) assert.ok(!shown.includes(p.id), `seed ${p.id} is still in the feed`);
      await page.screenshot({ path: screenshotPath("radar-import-en-desktop"), fullPage: true });

      // A file that is no library: an error naming it, and the seeds stay.
      await page.setInputFiles("#radar-import-file", { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("just some notes") });
      await page.waitForSelector("#radar-body .radar-message.is-error");
      assert.match(await page.textContent("#radar-body .radar-message.is-error"), /^Not imported: notes\.txt/);
      assert.equal((await storedRadar(name)).seeds.length, 2);
      assert.deepEqual(problems.errors, []);
    });
    await withPage({ path: radarPath(name), locale: "zh-CN", viewport: PHONE_390 }, async (page) => {
      await page.waitForSelector("#radar-body .radar-import");
      assert.equal((await page.textContent("#radar-body .radar-import-label")).trim(), "导入文献库…");
      await page.screenshot({ path: screenshotPath("radar-import-zh-phone"), fullPage: true });
    });
  });

  test("a briefing of the radar's view names the radar, so its followed authors and its previous week count", T, async () => {
    const name = await makeRadar({ authors: [AUTHOR], keywords: ["attention"] });
    const { id } = await storedRadar(name);
    await withPage({ path: radarPath(name) }, async (page) => {
      await page.waitForSelector("#brief-btn:not([disabled])");
      const asked = page.waitForRequest((r) => r.url().endsWith("/api/v1/briefings") && r.method() === "POST");
      await page.click("#brief-btn");
      const body = JSON.parse((await asked).postData());
      assert.equal(String(body.radar), String(id));
      assert.ok(body.ids.length > 0);
      await page.selectOption("#radar-select", "");
      await page.waitForFunction(() => !new URL(location.href).searchParams.has("radar"));
      await settled(page);
      await page.waitForSelector("#brief-btn:not([disabled])");
      const plain = page.waitForRequest((r) => r.url().endsWith("/api/v1/briefings") && r.method() === "POST");
      await page.click("#brief-btn");
      assert.equal(JSON.parse((await plain).postData()).radar, undefined, "all papers name no radar");
    });
  });

  test("switching radar, all papers and a radar that is gone", T, async () => {
    const one = await makeRadar({ keywords: ["attention"] });
    await withPage({ path: radarPath(one) }, async (page) => {
      await page.selectOption("#radar-select", "");
      await page.waitForFunction(() => !new URL(location.href).searchParams.has("radar"));
      await settled(page);
      assert.equal(await page.$("#papers .card-ranked"), null);
      assert.ok(await page.isVisible("#day-group"));
      await page.selectOption("#radar-select", one);
      await page.waitForFunction((n) => new URL(location.href).searchParams.get("radar") === n, one);
      await settled(page);
      assert.ok(await page.$("#papers .card-ranked"));
    });
    await withPage({ path: radarPath("no such radar e2e") }, async (page) => {
      await page.waitForSelector("#radar-notice:not([hidden])");
      assert.match(await page.textContent("#radar-notice"), /no radar “no such radar e2e”/);
      assert.ok(!new URL(page.url()).searchParams.has("radar"));
      assert.ok((await cardIds(page)).length > 0);
    });
  });

  for (const [lang, locale] of [["zh", "zh-CN"], ["en", "en-US"]]) {
    for (const [device, viewport] of [["desktop", DESKTOP], ["phone", PHONE_390]]) {
      test(`speaks ${lang} on a ${device} (${viewport.width}px), nothing of the other language; screenshot`, T, async () => {
        const name = await makeRadar({ authors: [AUTHOR], keywords: ["attention"] });
        await withPage({ locale, viewport, path: radarPath(name) }, async (page, problems) => {
          await page.waitForSelector("#papers .card-why");
          const whys = await whyTexts(page);
          const own = lang === "zh" ? `关注的作者 ${AUTHOR}` : `follows ${AUTHOR}`;
          assert.ok(whys.some((w) => w.includes(own)), `no "${own}" in ${whys}`);
          const text = (await chromeText(page)).join("\n");
          const foreign = foreignFragments(tables, lang === "zh" ? "en" : "zh").filter((f) => text.includes(f));
          assert.deepEqual(foreign, [], `${lang} page shows strings of the other language`);
          assert.ok(text.includes(lang === "zh" ? "科研雷达" : "Research radar"));
          if (lang === "en") assert.equal(whys.join("").match(/[\u3400-\u9fff]/), null, `Chinese in the reasons: ${whys}`);
          else assert.equal(whys.join("").match(/\b(follows|matches|like \d|weighed)\b/), null, `English in the reasons: ${whys}`);

          const widths = await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
          assert.deepEqual(widths, [viewport.width, viewport.width], `viewport and page widths ${widths}`);
          // Every radar button has a name and is big enough to tap.
          const buttons = await page.$$eval("#papers .card-radar button", (els) =>
            els.map((b) => ({ name: b.getAttribute("aria-label") || b.textContent.trim(), h: b.getBoundingClientRect().height, w: b.getBoundingClientRect().width })),
          );
          for (const b of buttons) {
            assert.ok(b.name, "a radar button without a name");
            assert.ok(b.h >= 32 && b.w >= 32, `${b.name}: ${b.w}x${b.h}`);
          }
          await page.screenshot({ path: screenshotPath(`radar-${lang}-${device}`), fullPage: false });
          await page.locator("#radar-panel").scrollIntoViewIfNeeded();
          await page.screenshot({ path: screenshotPath(`radar-panel-${lang}-${device}`), fullPage: false });
          assert.deepEqual(problems.errors, []);
        });
      });
    }
  }

  test("switching language re-renders the reasons, the panel and the views", T, async () => {
    const name = await makeRadar({ authors: [AUTHOR] });
    await withPage({ locale: "en-US", path: radarPath(name) }, async (page) => {
      assert.ok((await whyTexts(page)).some((w) => w.includes(`follows ${AUTHOR}`)));
      await page.click('.lang-btn[data-lang="zh"]');
      await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
      assert.ok((await whyTexts(page)).some((w) => w.includes(`关注的作者 ${AUTHOR}`)));
      assert.equal(await page.textContent("#radar-heading"), "科研雷达");
      assert.equal(await page.textContent('.span-btn[data-span="week"]'), "近一周");
      assert.equal(await page.getAttribute("#papers .card .vote-up", "aria-label"), "多推荐这类论文");
      assert.equal((await page.textContent("#another")).trim(), "换一批");
    });
  });

  test("keyboard: the card's buttons are reached with Tab and work with Enter; N is another batch", T, async () => {
    const name = await makeRadar({ authors: [AUTHOR] });
    await withPage({ path: radarPath(name) }, async (page) => {
      const first = await cardIds(page);
      await page.focus("#papers .card .why-score");
      await page.keyboard.press("Enter");
      assert.equal(await page.getAttribute("#papers .card .why-score", "aria-expanded"), "true");
      await page.focus("#papers .card .vote-down");
      await page.keyboard.press("Enter");
      await page.waitForSelector(`#papers .card[data-paper-id="${first[0]}"]`, { state: "detached" });
      await page.focus("body");
      await page.keyboard.press("n");
      await settled(page);
      const next = await cardIds(page);
      assert.ok(next.every((id) => !first.includes(id)), "the next batch repeated a paper");
    });
  });
});
