// Unit tests of the page's pure modules (the view <-> URL mapping and the math splitter), loaded from
// their TypeScript source through TypeScript's transpiler. No browser needed.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

async function load(name) {
  const file = resolve(dirname(fileURLToPath(import.meta.url)), "..", "src", name);
  const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputText).toString("base64")}`);
}

const state = await load("state.ts");
const math = await load("math.ts");

test("a URL query becomes a view and back, in the order the filters were added", () => {
  const search = "?author=Simeng%20Zhang&keyword=sparse%20attention&category=cs.CL&q=au%3Azhang%20-diffusion";
  const view = state.parseView(search);
  assert.deepEqual(view.filters, [
    { kind: "author", value: "Simeng Zhang" },
    { kind: "keyword", value: "sparse attention" },
    { kind: "category", value: "cs.CL" },
  ]);
  assert.equal(view.q, "au:zhang -diffusion");
  assert.equal(state.serializeView(view), search.slice(1));
});

test("unknown parameters, blanks and duplicates are dropped; since and until keep the last value", () => {
  const view = state.parseView("?utm=x&author=&author=A&author=a&since=2026-01-01&since=2026-02-01&limit=5");
  assert.deepEqual(view.filters, [
    { kind: "author", value: "A" },
    { kind: "since", value: "2026-02-01" },
  ]);
});

const cases = [
  ["adding a duplicate (any case) changes nothing", { kind: "author", value: "SIMENG ZHANG" }, 1],
  ["adding another author keeps both", { kind: "author", value: "Wei Liu" }, 2],
  ["adding a category keeps both", { kind: "category", value: "cs.CL" }, 2],
];
for (const [name, filter, count] of cases) {
  test(name, () => {
    const view = state.withFilter({ filters: [{ kind: "author", value: "Simeng Zhang" }], q: "" }, filter);
    assert.equal(view.filters.length, count);
  });
}

test("a day is since = until; stepping crosses month ends; clearing drops both bounds", () => {
  const day = state.withDay({ filters: [{ kind: "author", value: "A" }], q: "" }, "2026-03-01");
  assert.equal(state.dayOf(day), "2026-03-01");
  assert.equal(state.serializeView(day), "author=A&since=2026-03-01&until=2026-03-01");
  assert.equal(state.shiftDay("2026-03-01", -1), "2026-02-28");
  assert.equal(state.shiftDay("2024-12-31", 1), "2025-01-01");
  assert.equal(state.dayOf(state.withDay(day, null)), null);
  assert.equal(state.withDay(day, null).filters.length, 1);
});

test("dates must be real calendar days written YYYY-MM-DD", () => {
  for (const good of ["2026-06-17", "2024-02-29"]) assert.ok(state.isIsoDate(good), good);
  for (const bad of ["2026-6-1", "2026-02-30", "2025-02-29", "17.06.2026", ""]) assert.ok(!state.isIsoDate(bad), bad);
});

const split = (s) => math.splitMath(s).map((x) => (x.kind === "text" ? x.text : `[${x.display ? "D" : "I"}:${x.tex}]`)).join("");
const mathCases = [
  ["$\\alpha$-entmax", "[I:\\alpha]-entmax"],
  ["sum $$\\sum_i x_i$$ done", "sum [D:\\sum_i x_i] done"],
  ["inline \\(\\beta\\) and \\[x^2\\]", "inline [I:\\beta] and [D:x^2]"],
  ["costs $5 and $10.", "costs $5 and $10."],
  ["a \\$5 fee and $x$", "a $5 fee and [I:x]"],
  ["$10 less per token than top-$k$ routing", "$10 less per token than top-[I:k] routing"],
  ["unclosed $x and $$y", "unclosed $x and $$y"],
  ["$ x$ is not math, $x $ neither", "$ x$ is not math, $x $ neither"],
  ["$\\text{for all } x$", "[I:\\text{for all } x]"],
  ["<script>alert(1)</script>", "<script>alert(1)</script>"],
];
for (const [input, expected] of mathCases) {
  test(`math split: ${input}`, () => assert.equal(split(input), expected));
}

const sources = await load("sources.ts");

test("sources are listed by health, running first, then by title", () => {
  const s = (name, health, running = false, title = name) => ({ name, title, status: { health, running } });
  const list = [s("b", "ok"), s("a", "ok"), s("x", "disabled"), s("c", "ok", true), s("f", "failing"), s("u", "weird")];
  assert.deepEqual(
    sources.sortSources(list).map((x) => x.name),
    ["f", "c", "a", "b", "x", "u"],
  );
});

test("ages are whole minutes, hours or days before the server's time", () => {
  const now = "2026-06-17T08:00:00Z";
  assert.deepEqual(sources.ageOf("2026-06-17T07:59:30Z", now), { unit: "now", n: 0 });
  assert.deepEqual(sources.ageOf("2026-06-17T07:58:00Z", now), { unit: "minutes", n: 2 });
  assert.deepEqual(sources.ageOf("2026-06-17T05:00:00Z", now), { unit: "hours", n: 3 });
  assert.deepEqual(sources.ageOf("2026-06-15T07:00:00Z", now), { unit: "days", n: 2 });
  assert.deepEqual(sources.ageOf("2026-06-18T07:00:00Z", now), { unit: "now", n: 0 }, "a clock ahead is now");
  assert.equal(sources.ageOf(null, now), null);
  assert.equal(sources.ageOf("nonsense", now), null);
});

test("the summary names the non-zero counts in the list's order, never the disabled", () => {
  assert.deepEqual(sources.summaryCounts({ ok: 3, failing: 1, disabled: 4, pending: 0, suspect: 2 }), [
    ["failing", 1],
    ["suspect", 2],
    ["ok", 3],
  ]);
});

test("a radar and its view live in the URL: radar=NAME&view=today|week, 'all' and bad views left out", () => {
  const view = state.parseView("?radar=sparse%20attention&view=week&since=2026-06-01");
  assert.equal(view.radar, "sparse attention");
  assert.equal(view.span, "week");
  assert.equal(state.serializeView(view), "radar=sparse%20attention&view=week&since=2026-06-01");
  assert.equal(state.serializeView(state.parseView("?radar=r&view=all")), "radar=r");
  assert.equal(state.parseView("?radar=r&view=month").span, undefined);
  // Without a radar, view= means nothing and is dropped.
  assert.equal(state.serializeView(state.parseView("?view=today&author=A")), "author=A");
  assert.equal(state.viewKey(state.parseView("?radar=r&view=today")) === state.viewKey(state.parseView("?radar=r")), false);
  assert.deepEqual(state.apiParams(state.parseView("?radar=r&view=today&q=x")).toString(), "q=x");
});
