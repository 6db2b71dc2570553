// The briefing's Markdown (src/briefing-text.ts): blocks and inline parts, [n] citations, and the
// exported HTML escaping every text. Loaded through TypeScript's transpiler; no browser needed.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const file = resolve(dirname(fileURLToPath(import.meta.url)), "..", "src", "briefing-text.ts");
const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
});
const md = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString("base64")}`);

test("headings, paragraphs and lists become blocks", () => {
  const blocks = md.parseMarkdown("## Themes\n\nFirst line\nsecond line [1].\n\n- one [2]\n- two\n\n1. a\n2. b\n");
  assert.deepEqual(
    blocks.map((b) => b.kind),
    ["h", "p", "ul", "ol"],
  );
  assert.equal(blocks[0].level, 2);
  assert.deepEqual(blocks[1].inline, [{ t: "text", s: "First line second line " }, { t: "cite", n: 1 }, { t: "text", s: "." }]);
  assert.equal(blocks[2].items.length, 2);
  assert.equal(blocks[3].items.length, 2);
});

test("inline parts: bold, code, citations and the uncited mark", () => {
  assert.deepEqual(md.parseInline("**Key** `x` [12][?] end"), [
    { t: "strong", s: "Key" },
    { t: "text", s: " " },
    { t: "code", s: "x" },
    { t: "text", s: " " },
    { t: "cite", n: 12 },
    { t: "uncited" },
    { t: "text", s: " end" },
  ]);
});

test("italic titles, as the analysis writes them, and stars that are not emphasis", () => {
  assert.deepEqual(md.parseInline("*A Survey of $\\alpha$-Entmax* [2]; **bold**"), [
    { t: "em", s: "A Survey of $\\alpha$-Entmax" },
    { t: "text", s: " " },
    { t: "cite", n: 2 },
    { t: "text", s: "; " },
    { t: "strong", s: "bold" },
  ]);
  assert.deepEqual(md.parseInline("2 * 3 * 4"), [{ t: "text", s: "2 * 3 * 4" }]);
  assert.ok(md.blocksHtml(md.parseMarkdown("*<b>x</b>* [1]")).includes("<em>&#60;b&#62;x&#60;/b&#62;</em>"));
});

test("exported HTML escapes every text and links citations to the paper list", () => {
  const html = md.blocksHtml(md.parseMarkdown('# <script>alert("x")</script>\n\nA & B [3]'));
  assert.ok(!html.includes("<script>"), html);
  assert.ok(html.includes("&#60;script&#62;"), html);
  assert.ok(html.includes('<a href="#paper-3">[3]</a>'), html);
  assert.ok(html.includes("A &#38; B"), html);
});

test("papers per day: oldest first, only for sets of 2 to 31 days, undated papers left out", () => {
  const cases = [
    { papers: [{ date: "2026-05-02" }, { date: "2026-05-01" }, { date: "2026-05-02T10:00:00Z" }, {}], want: [["2026-05-01", 1], ["2026-05-02", 2]] },
    { papers: [{ date: "2026-05-01" }, { date: "2026-05-01" }], want: [] },
    { papers: [], want: [] },
    { papers: [{ date: "" }, { date: "May 1" }, { date: "2026-05-03" }], want: [] },
    { papers: Array.from({ length: 32 }, (_, i) => ({ date: `2026-01-${String(i + 1).padStart(2, "0")}` })).concat([{ date: "2026-02-01" }]), want: [] },
  ];
  for (const c of cases) assert.deepEqual(md.papersPerDay(c.papers), c.want, JSON.stringify(c.papers).slice(0, 80));
});
