// End-to-end tests of the home page in Debian's Chromium: cards, chips and the URL, batches, keyboard,
// language, math, escaping, search, days, and the empty / error states. Against the mock server unless
// AH_E2E_BASE_URL names a running AcademicHub server (which then needs at least two batches of papers).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, PHONE, USING_MOCK, cardIds, openPage, settled, setup } from "./helpers.mjs";
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

/** Opens the page, runs `body(page, problems)`, and always closes the context. */
async function withPage(options, body) {
  const { context, page, problems } = await openPage(env, options);
  try {
    if (options.path !== null) await settled(page);
    await body(page, problems);
  } finally {
    await context.close();
  }
}

const searchParams = (page) => new URL(page.url()).searchParams;

async function clickAndSettle(page, selector) {
  await page.click(selector);
  await settled(page);
}

describe("the page", () => {
  test("loads with numbered cards: source (category), date, title link, authors", T, async () => {
    await withPage({}, async (page, problems) => {
      const cards = await page.$$("#papers .card[data-paper-id]");
      assert.ok(cards.length >= 2, `expected cards, got ${cards.length}`);
      assert.equal(await page.textContent("#papers .card .card-num"), "01.");
      assert.equal(await page.textContent("#papers li:nth-child(2) .card-num"), "02.");
      const source = await page.textContent("#papers .card .card-source");
      assert.match(source, /^arXiv \([A-Z][A-Z0-9.-]*\)$/);
      const date = await page.textContent("#papers .card .card-date");
      assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
      const href = await page.getAttribute("#papers .card .card-title a", "href");
      assert.match(href, /^https?:\/\//);
      assert.ok((await page.$$("#papers .card:first-child .author")).length > 0 || true);
      if (USING_MOCK) {
        assert.equal(source, "arXiv (CS.CL)");
        assert.equal(date, "2026-06-17");
        assert.match(await page.textContent("#papers .card .card-title"), /^ConSA: Controllable Sparsity/);
      }
      assert.ok(await page.$("#radar-panel"), "#radar-panel placeholder");
      assert.ok(await page.$("#briefing"), "#briefing placeholder");
      assert.deepEqual(problems.errors, []);
      assert.deepEqual(problems.console, []);
    });
  });

  test("an author click adds a chip, filters the cards and the URL; × removes it", T, async () => {
    await withPage({}, async (page) => {
      const before = await cardIds(page);
      const name = (await page.textContent("#papers .card .author")).trim();
      await clickAndSettle(page, "#papers .card .author");
      assert.deepEqual(searchParams(page).getAll("author"), [name]);
      const chip = (await page.textContent("#chips .chip-author .chip-label")).trim();
      assert.equal(chip, `Author: ${name}`);
      const authorLists = await page.$$eval("#papers .card", (cards) =>
        cards.map((c) => [...c.querySelectorAll(".author")].map((a) => a.textContent)),
      );
      assert.ok(authorLists.length > 0);
      for (const list of authorLists) assert.ok(list.includes(name), `a card without ${name}: ${list}`);
      const filtered = await cardIds(page);
      assert.notDeepEqual(filtered, before);

      await clickAndSettle(page, "#chips .chip-author .chip-remove");
      assert.equal(searchParams(page).get("author"), null);
      assert.equal(await page.$("#chips .chip-author"), null);
      assert.deepEqual(await cardIds(page), before);
    });
  });

  test("back and forward restore the view (popstate)", T, async () => {
    await withPage({}, async (page) => {
      const first = await cardIds(page);
      await clickAndSettle(page, "#papers .card .author");
      const filtered = await cardIds(page);
      await page.goBack();
      await page.waitForFunction(() => !location.search.includes("author="));
      await settled(page);
      assert.deepEqual(await cardIds(page), first);
      assert.equal(await page.$("#chips .chip-author"), null);
      await page.goForward();
      await page.waitForFunction(() => location.search.includes("author="));
      await settled(page);
      assert.deepEqual(await cardIds(page), filtered);
      assert.ok(await page.$("#chips .chip-author"));
    });
  });

  test("a shared URL reproduces its chips, in the API's parameter names", T, async () => {
    const path = "/?author=Simeng%20Zhang&keyword=attention&exclude=diffusion&category=cs.CL&since=2026-01-01";
    await withPage({ path }, async (page) => {
      const chips = await page.$$eval("#chips .chip-label", (els) => els.map((e) => e.textContent));
      assert.deepEqual(chips, [
        "Author: Simeng Zhang",
        "Keyword: attention",
        "Excluded: diffusion",
        "Category: cs.CL",
        "Since: 2026-01-01",
      ]);
      if (USING_MOCK) {
        const ids = await cardIds(page);
        assert.ok(ids.includes("2606.15872"), `ConSA expected in ${ids}`);
      }
    });
  });

  test("the add-filter input suggests authors with counts and categories with names", T, async () => {
    await withPage({}, async (page) => {
      const name = (await page.textContent("#papers .card .author")).trim();
      await page.click("#add-filter-toggle");
      assert.equal(await page.getAttribute("#add-filter-toggle", "aria-expanded"), "true");
      await page.fill("#filter-value", name.slice(0, 4));
      await page.waitForSelector("#suggestions .option");
      const values = await page.$$eval("#suggestions .option-value", (els) => els.map((e) => e.textContent));
      assert.ok(values.includes(name), `${name} not in ${values}`);
      assert.match(await page.textContent("#suggestions .option-count"), /^\d[\d,]* papers$/);
      const index = values.indexOf(name);
      for (let i = 0; i <= index; i++) await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await settled(page);
      assert.deepEqual(searchParams(page).getAll("author"), [name]);

      await page.selectOption("#filter-kind", "category");
      await page.fill("#filter-value", "cs");
      await page.waitForSelector("#suggestions .option-label");
      if (USING_MOCK) {
        const labels = await page.$$eval("#suggestions .option", (els) => els.map((e) => e.textContent));
        assert.ok(labels.some((l) => l.startsWith("cs.CLComputation and Language")), labels.join(" | "));
      }
      await page.fill("#filter-value", "cs.CL");
      await page.keyboard.press("Escape"); // closes the suggestions, keeps the typed value
      await page.click("#add-filter button[type=submit]");
      await settled(page);
      assert.deepEqual(searchParams(page).getAll("category"), ["cs.CL"]);
      assert.equal(await page.textContent("#chips .chip-category .chip-label"), "Category: cs.CL");
      for (const label of await page.$$eval(".card-source", (els) => els.map((e) => e.textContent))) {
        assert.ok(label.length > 0);
      }
    });
  });

  test("a date filter is validated before it reaches the server", T, async () => {
    await withPage({}, async (page) => {
      await page.click("#add-filter-toggle");
      await page.selectOption("#filter-kind", "since");
      assert.equal(await page.getAttribute("#filter-value", "type"), "date");
      await page.fill("#filter-value", "2026-06-10");
      await page.click("#add-filter button[type=submit]");
      await settled(page);
      assert.equal(searchParams(page).get("since"), "2026-06-10");
      for (const d of await page.$$eval(".card-date", (els) => els.map((e) => e.textContent))) {
        assert.ok(d >= "2026-06-10", `${d} is before the since bound`);
      }
    });
  });
});

describe("batches", () => {
  test("换一批 shows different papers; none repeats until the feed is used up; then start again", T, async () => {
    const path = USING_MOCK ? "/?author=Simeng%20Zhang" : "/";
    await withPage({ path, locale: "zh-CN" }, async (page) => {
      assert.equal((await page.textContent("#another")).trim(), "换一批");
      const first = await cardIds(page);
      const seen = [...first];
      for (let round = 0; round < 50; round++) {
        const label = (await page.textContent("#another")).trim();
        if (label === "从头再来") break;
        await clickAndSettle(page, "#another");
        const ids = await cardIds(page);
        if (ids.length === 0) break;
        if (round === 0) assert.ok(ids.every((id) => !first.includes(id)), "the second batch repeats the first");
        seen.push(...ids);
      }
      assert.equal(new Set(seen).size, seen.length, "a paper repeated");
      if (USING_MOCK) assert.equal(seen.length, 18);
      assert.ok(await page.isVisible("#feed-end"));
      assert.match(await page.textContent("#feed-end"), new RegExp(`${seen.length} 篇论文已全部看过`));
      await clickAndSettle(page, "#another");
      assert.deepEqual(await cardIds(page), first);
      assert.equal((await page.textContent("#papers .card-num")).trim(), "01.");
    });
  });

  test("the N key brings another batch, but not while typing", T, async () => {
    await withPage({}, async (page) => {
      const first = await cardIds(page);
      await page.click("#q");
      await page.keyboard.type("n");
      assert.deepEqual(await cardIds(page), first);
      await page.fill("#q", "");
      await page.click("h1");
      await page.keyboard.press("n");
      await settled(page);
      const second = await cardIds(page);
      assert.ok(second.length > 0 && second.every((id) => !first.includes(id)));
      assert.equal((await page.textContent("#papers .card-num")).trim(), `${String(first.length + 1).padStart(2, "0")}.`);
    });
  });

  test("the keyboard alone reaches 换一批, with a visible focus ring", T, async () => {
    await withPage({}, async (page) => {
      const first = await cardIds(page);
      let reached = false;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate(() => document.activeElement?.id === "another");
      }
      assert.ok(reached, "Tab never reached #another");
      const outline = await page.$eval("#another", (el) => getComputedStyle(el).outlineStyle);
      assert.notEqual(outline, "none");
      await page.keyboard.press("Enter");
      await settled(page);
      assert.notDeepEqual(await cardIds(page), first);
    });
  });

  test("going back to the page keeps the batch it showed", T, async () => {
    await withPage({}, async (page) => {
      await clickAndSettle(page, "#another");
      const second = await cardIds(page);
      await page.goto(`${env.baseUrl}/api/v1/health`);
      await page.goBack();
      await settled(page);
      await page.waitForSelector("#papers .card[data-paper-id]");
      assert.deepEqual(await cardIds(page), second);
    });
  });
});

describe("language", () => {
  for (const [start, target] of [
    ["en-US", "zh"],
    ["zh-CN", "en"],
  ]) {
    test(`${start} default, then the switch to ${target} changes every visible string`, T, async () => {
      await withPage({ locale: start }, async (page) => {
        const startLang = start.startsWith("zh") ? "zh" : "en";
        const check = async (lang) => {
          const text = (await chromeText(page)).join("\n");
          const foreign = foreignFragments(tables, lang === "zh" ? "en" : "zh").filter((f) => text.includes(f));
          assert.deepEqual(foreign, [], `${lang} page shows strings of the other language`);
          const own = lang === "zh" ? "换一批" : "Another batch";
          assert.ok(text.includes(own), `${own} not visible`);
          if (lang === "en") {
            const cjk = text.replace(/中文/g, "").match(/[\u3400-\u9fff]+/g);
            assert.equal(cjk, null, `Chinese characters on the English page: ${cjk}`);
          }
        };
        // Open the filter form and a search-help box so their strings are visible too.
        await page.click("#add-filter-toggle");
        await page.click(".search-help summary");
        await check(startLang);
        await page.click(`.lang-btn[data-lang="${target}"]`);
        await check(target);
        assert.equal(await page.getAttribute("html", "lang"), target === "zh" ? "zh-CN" : "en");
        await page.reload();
        await settled(page);
        await check(target); // remembered in localStorage
        assert.equal(await page.evaluate(() => localStorage.getItem("academichub.lang")), target);
      });
    });
  }

  test("the chip of the design reads 作者: Simeng Zhang × in Chinese", T, async () => {
    await withPage({ locale: "zh-CN", path: "/?author=Simeng%20Zhang" }, async (page) => {
      const chip = await page.$eval("#chips .chip", (el) => el.textContent);
      assert.equal(chip, "作者: Simeng Zhang×");
      assert.equal(await page.getAttribute("#chips .chip-remove", "aria-label"), "移除筛选 作者: Simeng Zhang");
    });
  });
});

describe("paper text", () => {
  const mathFeed = {
    papers: [
      {
        id: "2606.00001",
        title: "On $\\alpha$-divergences",
        abstract: "We bound $$\\sum_i p_i^\\alpha$$ and \\(\\beta\\); it costs $5 and $10.",
        authors: [{ name: "A. Author" }],
        categories: ["math.ST"],
        primary_category: "math.ST",
        published: "2026-06-17T00:00:00Z",
        links: { abs: "https://arxiv.org/abs/2606.00001", pdf: null, doi: null },
        source: "arxiv-api",
      },
      {
        id: "2606.00002",
        title: '<script>alert(1)</script><img src=x onerror="alert(2)">',
        abstract: "</p><b>not bold</b> $\\href{javascript:alert(3)}{x}$",
        authors: [{ name: "<b>Mallory</b>" }],
        categories: ["cs.CR"],
        primary_category: "cs.CR",
        published: null,
        announced: "2026-06-16",
        links: { abs: "javascript:alert(4)", pdf: null, doi: null },
        source: "arxiv-rss",
      },
    ],
    next_cursor: null,
  };

  async function routeFeed(page, body) {
    await page.route(/\/api\/v1\/(feed|search)\?/, (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(body) }),
    );
  }

  test("math renders with KaTeX; prices stay text", T, async () => {
    if (USING_MOCK) {
      await withPage({ path: "/?q=entmax" }, async (page) => {
        const card = page.locator("#papers .card").first();
        assert.ok((await card.locator(".card-title .katex").count()) >= 1, "no .katex in the title");
        assert.ok((await card.locator(".card-abstract .katex-display").count()) >= 1, "no display math");
        assert.match(await card.locator(".card-abstract").textContent(), /It costs \$5 and \$10 less/);
      });
    }
    await withPage({ path: null }, async (page, problems) => {
      await routeFeed(page, mathFeed);
      await page.goto(`${env.baseUrl}/`);
      await settled(page);
      assert.equal(await page.locator("#papers .card").first().locator(".card-title .katex").count(), 1);
      assert.ok(await page.$(".card-abstract .katex-display"));
      assert.match(await page.locator(".card-abstract").first().textContent(), /it costs \$5 and \$10\./);
      assert.equal(await page.$$eval(".katex-error", (e) => e.length), 0);
      assert.deepEqual(problems.errors, []);
    });
  });

  test("a title with <script> shows as text; nothing from a paper runs", T, async () => {
    if (USING_MOCK) {
      await withPage({ path: "/?q=injection" }, async (page, problems) => {
        const title = await page.textContent("#papers .card .card-title");
        assert.ok(title.includes("<script>alert(1)</script>"), title);
        assert.equal(await page.$$eval("#papers script, #papers img", (e) => e.length), 0);
        assert.match(await page.textContent("#papers .card-abstract"), /<img src=x onerror=alert\(2\)>/);
        await page.waitForTimeout(300);
        assert.deepEqual(problems.dialogs, []);
      });
    }
    await withPage({ path: null }, async (page, problems) => {
      await routeFeed(page, mathFeed);
      await page.goto(`${env.baseUrl}/`);
      await settled(page);
      const card = page.locator("#papers .card").nth(1);
      assert.equal(await card.locator(".card-title").textContent(), mathFeed.papers[1].title);
      assert.equal(await card.locator(".author").textContent(), "<b>Mallory</b>");
      assert.equal(await page.$$eval("#papers script, #papers img, #papers b", (e) => e.length), 0);
      assert.equal(await card.locator(".card-title a").count(), 0, "a javascript: URL became a link");
      assert.equal(await card.locator(".card-date").textContent(), "2026-06-16"); // announced date
      assert.equal(await card.locator(".card-source").textContent(), "arXiv (CS.CR)");
      await card.locator(".card-title").click();
      await page.waitForTimeout(300);
      assert.deepEqual(problems.dialogs, []);
      assert.deepEqual(problems.errors, []);
    });
  });

  test("the abstract is clamped and expands with its toggle", T, async () => {
    await withPage({}, async (page) => {
      const card = page.locator("#papers .card").first();
      const toggle = card.locator(".toggle");
      await toggle.waitFor({ state: "visible" });
      const clamped = await card.locator(".card-abstract").evaluate((e) => e.clientHeight);
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      await toggle.click();
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      const open = await card.locator(".card-abstract").evaluate((e) => e.clientHeight);
      assert.ok(open > clamped, `${open} <= ${clamped}`);
      assert.equal((await toggle.textContent()).trim(), "Show less");
    });
  });
});

describe("search, days and states", () => {
  test("the search box sets q and shows the total", T, async () => {
    await withPage({}, async (page) => {
      const name = (await page.textContent("#papers .card .author")).trim();
      const q = `au:"${name}"`;
      await page.fill("#q", q);
      await page.press("#q", "Enter");
      await settled(page);
      assert.equal(searchParams(page).get("q"), q);
      assert.match(await page.textContent("#status"), new RegExp(`^\\d[\\d,]* results for “${q}”`));
      if (USING_MOCK) assert.match(await page.textContent("#status"), /^18 results/);
      await page.click("#search-clear");
      await settled(page);
      assert.equal(searchParams(page).get("q"), null);
    });
  });

  test("browsing by day sets since = until and steps back a day", T, async () => {
    await withPage({}, async (page) => {
      await clickAndSettle(page, "#day-prev");
      const day = searchParams(page).get("since");
      assert.match(day, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(searchParams(page).get("until"), day);
      assert.equal(await page.inputValue("#day"), day);
      assert.equal(await page.textContent("#chips .chip-day .chip-label"), `Day: ${day}`);
      for (const d of await page.$$eval(".card-date", (els) => els.map((e) => e.textContent))) assert.equal(d, day);
      await clickAndSettle(page, "#day-prev");
      const previous = searchParams(page).get("since");
      assert.ok(previous < day);
      await clickAndSettle(page, "#chips .chip-day .chip-remove");
      assert.equal(searchParams(page).get("since"), null);
      assert.equal(searchParams(page).get("until"), null);
    });
  });

  test("an empty store says when the harvester ran and how to import", T, async () => {
    await withPage({ path: null }, async (page) => {
      await page.route(/\/api\/v1\/feed\?/, (r) =>
        r.fulfill({ contentType: "application/json", body: '{"papers": [], "next_cursor": null}' }),
      );
      await page.route(/\/api\/v1\/stats$/, (r) =>
        r.fulfill({
          contentType: "application/json",
          body: '{"papers": 0, "newest_published": null, "last_harvest": "2026-06-17T06:00:00Z"}',
        }),
      );
      await page.goto(`${env.baseUrl}/`);
      await settled(page);
      const text = await page.textContent("#papers .state");
      assert.equal(
        text,
        "No papers yet: the harvester last ran at 2026-06-17 06:00 UTC, or import a snapshot with academichub import.",
      );
      assert.equal(await page.textContent("#papers .state code"), "academichub import");
      assert.ok(await page.isHidden("#another"));
    });
  });

  test("no match under filters is said plainly", T, async () => {
    await withPage({ path: "/?keyword=zzzzqqqq-no-such-word" }, async (page) => {
      assert.equal(await page.textContent("#papers .state h2"), "No papers match this view.");
    });
  });

  test("a server error is shown with its message, and retry recovers", T, async () => {
    await withPage({ path: null, locale: "zh-CN" }, async (page) => {
      let fail = true;
      await page.route(/\/api\/v1\/feed\?/, (r) =>
        fail
          ? r.fulfill({
              status: 503,
              contentType: "application/json",
              body: '{"error": {"code": "unavailable", "message": "store is migrating"}}',
            })
          : r.continue(),
      );
      await page.goto(`${env.baseUrl}/`);
      await settled(page);
      assert.equal(await page.textContent("#papers .state-error h2"), "无法加载论文");
      assert.match(await page.textContent("#papers .state-error p"), /服务器返回 503：store is migrating/);
      fail = false;
      await clickAndSettle(page, "#papers .state-error button");
      assert.ok((await cardIds(page)).length > 0);
    });
  });

  test("a bad date in the URL shows the server's invalid_argument message", T, async () => {
    await withPage({ path: "/?since=2026-6-1" }, async (page) => {
      assert.match(await page.textContent("#papers .state-error"), /400/);
    });
  });
});

describe("layout", () => {
  for (const path of [
    "/?author=Simeng%20Zhang&keyword=attention&category=cs.CL&venue=Transactions%20on%20Machine%20Learning%20Research",
    "/?q=entmax",
  ]) {
    test(`a 360 px phone has no horizontal scroll: ${path}`, T, async () => {
      await withPage({ viewport: PHONE, path }, async (page) => {
        await page.click("#add-filter-toggle");
        const toggle = page.locator(".toggle:visible").first();
        if (await toggle.count()) await toggle.click();
        // A mobile browser widens its layout viewport to fit wide content, so compare with 360 itself.
        const widths = await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]);
        assert.deepEqual(widths, [PHONE.width, PHONE.width], `viewport and page widths ${widths}`);
      });
    });
  }

  test("loading the page shifts no layout (CLS < 0.05)", T, async () => {
    await withPage({ path: null, viewport: DESKTOP }, async (page) => {
      await page.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
        }).observe({ type: "layout-shift", buffered: true });
      });
      await page.goto(`${env.baseUrl}/`);
      await settled(page);
      await page.waitForTimeout(500);
      const cls = await page.evaluate(() => window.__cls);
      assert.ok(cls < 0.05, `cumulative layout shift ${cls}`);
    });
  });
});
