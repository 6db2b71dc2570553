// Unit tests of why.ts: a radar's reasons (the server's {kind, values, papers, counts, weights}) in
// words, in both languages, from the page's own string table; and the score's breakdown rows.

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

const why = await load("why.ts");
const i18n = await load("i18n.ts");

function translator(lang) {
  return (key, params) => {
    i18n.setLang(lang);
    return i18n.t(key, params);
  };
}

const TITLES = {
  11: "ConSA: Controllable Sparsity in Hybrid Attention via Learnable Allocation",
  12: "α-Entmax Routing for Sparse Mixture-of-Experts",
};
const AUTHORS = [{ name: "Simeng Zhang" }, { name: "Chloé Dubois" }];
const ctx = (lang) => ({ t: translator(lang), titleOf: (ref) => TITLES[ref], authors: AUTHORS });
const words = (reasons, lang) => why.whyPhrases(reasons, ctx(lang)).map((p) => p.text);

test("each kind of reason reads as a phrase, in English and in Chinese", () => {
  const cases = [
    [{ kind: "followed_author", values: ["Simeng Zhang"] }, "follows Simeng Zhang", "关注的作者 Simeng Zhang"],
    [{ kind: "keyword", values: ["sparse attention"] }, "matches 'sparse attention'", "匹配 “sparse attention”"],
    [
      { kind: "keyword", values: ["sparse attention", "kv cache"] },
      "matches 'sparse attention', 'kv cache'",
      "匹配 “sparse attention”、“kv cache”",
    ],
    [
      { kind: "similar_papers", papers: [11, 12], counts: [3] },
      "like 3 of your seed papers: “ConSA: Controllable Sparsity in Hybrid Attention via Learnable…”, “α-Entmax Routing for Sparse Mixture-of-Experts”",
      "与您的 3 篇种子论文相似：《ConSA: Controllable Sparsity in Hybrid Attention via Learnable…》、《α-Entmax Routing for Sparse Mixture-of-Experts》",
    ],
    [{ kind: "similar_papers", papers: [12], counts: [1] }, "like your seed paper “α-Entmax Routing for Sparse Mixture-of-Experts”", "与您的种子论文相似：《α-Entmax Routing for Sparse Mixture-of-Experts》"],
    [{ kind: "similar_papers", papers: [99, 98], counts: [2] }, "like 2 of your seed papers", "与您的 2 篇种子论文相似"],
    [
      { kind: "similar_papers", papers: [99, 12], counts: [2], titles: ["Given by the server", null] },
      "like 2 of your seed papers: “Given by the server”, “α-Entmax Routing for Sparse Mixture-of-Experts”",
      "与您的 2 篇种子论文相似：《Given by the server》、《α-Entmax Routing for Sparse Mixture-of-Experts》",
    ],
    [
      { kind: "taste_terms", values: ["sparse attention", "kv cache"], weights: [0.4, 0.2] },
      "weighed most: sparse attention, kv cache",
      "权重最高的词：sparse attention、kv cache",
    ],
    [{ kind: "seed_author", values: ["chloe dubois"], counts: [2] }, "by an author of your seed papers: Chloé Dubois", "种子论文的作者：Chloé Dubois"],
    [{ kind: "category", values: ["cs.CL"] }, "in your categories: cs.CL", "属于您关注的分类：cs.CL"],
    [{ kind: "venue", values: ["nature methods"] }, "same venue as your papers: nature methods", "与您的论文同一期刊/会议：nature methods"],
    [{ kind: "source", values: ["arxiv"] }, "same source as your papers: arxiv", "与您的论文同一来源：arxiv"],
    [{ kind: "recent", values: ["2026-06-23"] }, "new: 2026-06-23", "新论文：2026-06-23"],
  ];
  for (const [reason, en, zh] of cases) {
    assert.deepEqual(words([reason], "en"), [en], JSON.stringify(reason));
    assert.deepEqual(words([reason], "zh"), [zh], JSON.stringify(reason));
  }
});

test("a venue is spelled as the paper spells it", () => {
  const venue = why.whyPhrases([{ kind: "venue", values: ["nature methods"] }], { ...ctx("en"), venue: "Nature Methods" });
  assert.deepEqual(venue.map((p) => p.text), ["same venue as your papers: Nature Methods"]);
});

test("an author key the paper does not spell is capitalised; a long list is cut with a count", () => {
  assert.deepEqual(words([{ kind: "seed_author", values: ["wei liu"] }], "en"), ["by an author of your seed papers: Wei Liu"]);
  assert.deepEqual(words([{ kind: "followed_author", values: ["A", "B", "C", "D", "E"] }], "en"), ["follows A, B, C and 2 more"]);
  assert.deepEqual(words([{ kind: "followed_author", values: ["A", "B", "C", "D"] }], "zh"), ["关注的作者 A、B、C 等另 1 项"]);
});

test("reasons keep the server's order; unknown kinds, empty values and junk are left out", () => {
  const reasons = [
    { kind: "keyword", values: ["graphs"] },
    { kind: "a_kind_from_the_future", values: ["x"] },
    { kind: "followed_author", values: [] },
    { kind: "taste_terms", values: ["", "  "] },
    null,
    { values: ["no kind"] },
    { kind: "followed_author", values: ["Simeng Zhang"] },
  ];
  assert.deepEqual(why.whyPhrases(reasons, ctx("en")), [
    { kind: "keyword", text: "matches 'graphs'" },
    { kind: "followed_author", text: "follows Simeng Zhang" },
  ]);
  assert.deepEqual(why.whyPhrases(undefined, ctx("en")), []);
  assert.deepEqual(why.whyPhrases([{ kind: "similar_papers", papers: [], counts: [0] }], ctx("en")), []);
});

test("the score breakdown lists the signals given, labelled, in a fixed order", () => {
  const rows = why.signalRows({ recency: 0.5, taste: 0.25, bm25: Number.NaN, authors: 0.95, extra: 1 }, translator("en"), {
    taste: 0.25,
    authors: 1.425,
  });
  assert.deepEqual(rows, [
    { signal: "taste", label: "Taste model", value: 0.25, contribution: 0.25 },
    { signal: "authors", label: "Authors", value: 0.95, contribution: 1.425 },
    { signal: "recency", label: "Recency", value: 0.5, contribution: null },
  ]);
  assert.deepEqual(why.signalRows(null, translator("zh")), []);
  assert.equal(why.signalRows({ semantic: 0.1 }, translator("zh"))[0].label, "语义相近");
  assert.equal(why.signalRows({ semantic: 0.1 }, translator("zh"))[0].contribution, null);
  assert.equal(why.formatScore(-0.001), "0.00");
  assert.equal(why.formatScore(2.016), "2.02");
});

test("titles are shortened at a word boundary (else mid-word) with an ellipsis, whitespace folded", () => {
  assert.equal(why.shorten("a  b\n c", 64), "a b c");
  assert.equal(why.shorten("x".repeat(70), 10), `${"x".repeat(9)}…`);
  assert.equal(why.shorten("alpha beta gamma delta", 15), "alpha beta…");
  assert.equal(why.authorKey("  Chloé   Dubois "), "chloe dubois");
});
