// Unit tests of src/paper-meta.ts: what a card says about a merged paper's sources, venue, history,
// links and standing, from the API's paper object. No browser needed.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const file = resolve(dirname(fileURLToPath(import.meta.url)), "..", "src", "paper-meta.ts");
const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
});
const meta = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString("base64")}`);

// An arXiv preprint (three versions) merged with its journal article through Crossref.
const merged = {
  id: "2511.01234",
  doi: "10.1038/s41592-026-0001-x",
  source: "crossref",
  venue: "Nature Methods",
  venue_short: "Nat. Methods",
  volume: "23",
  issue: "5",
  pages: "101-110",
  categories: ["q-bio.QM"],
  primary_category: "q-bio.QM",
  identifiers: [
    { scheme: "arxiv", value: "2511.01234" },
    { scheme: "doi", value: "10.1038/s41592-026-0001-x" },
    { scheme: "pmid", value: "41234567" },
  ],
  records: [
    { source: "arxiv-oai", source_id: "2511.01234" },
    { source: "arxiv-rss", source_id: "2511.01234" },
    { source: "crossref", source_id: "10.1038/s41592-026-0001-x" },
  ],
  history: [
    { date: "2025-11-03", kind: "posted", label: "arXiv", source: "arxiv-oai" },
    { date: "2025-12-01", kind: "version", label: "v2", source: "arxiv-oai" },
    { date: "2026-02-10", kind: "version", label: "v3", source: "arxiv-oai" },
    { date: "2026-05-02", kind: "published", label: "Nature Methods", source: "crossref" },
  ],
  status: { retracted: false, corrected: false, concern: false, notices: [], updated: { kind: "published", date: "2026-05-02" } },
};

test("sources: one per family, arXiv's feeds as one, in the records' order", () => {
  assert.deepEqual(meta.paperSources(merged), ["arxiv", "crossref"]);
  assert.deepEqual(meta.paperSources(merged).map(meta.sourceName), ["arXiv", "Crossref"]);
  assert.deepEqual(meta.paperSources({ source: "pubmed" }), ["pubmed"], "no records: the paper's source");
  assert.deepEqual(meta.paperSources({}), []);
  for (const [id, name] of [
    ["arxiv-snapshot", "arXiv"],
    ["pubmed", "PubMed"],
    ["openalex", "OpenAlex"],
    ["biorxiv", "bioRxiv"],
    ["medrxiv", "medRxiv"],
    ["s2", "Semantic Scholar"],
    ["something-new", "something-new"],
  ]) {
    assert.equal(meta.sourceName(id), name, id);
  }
});

test("venue: the full name and its volume(issue):pages", () => {
  assert.equal(meta.venueName(merged), "Nature Methods");
  assert.equal(meta.venueName({ venue_short: "Nat. Methods" }), "Nat. Methods");
  assert.equal(meta.venueName({}), "");
  assert.equal(meta.citationDetail(merged), "23(5):101-110");
  assert.equal(meta.citationDetail({ pages: "e5" }), "e5");
  assert.equal(meta.citationDetail({}), "");
});

test("history: posted v1, the last version, publication by venue", () => {
  const steps = meta.historySteps(merged);
  assert.deepEqual(steps, [
    { kind: "posted", name: "arXiv", detail: "v1", month: "2025-11" },
    { kind: "version", name: "", detail: "v3", month: "2026-02" },
    { kind: "published", name: "Nature Methods", detail: "", month: "2026-05" },
  ]);
});

test("history is worth a line with a publication or notice, or versions months apart", () => {
  const step = (kind, month) => ({ kind, name: "", detail: "", month });
  assert.equal(meta.historyWorthShowing(meta.historySteps(merged)), true);
  assert.equal(meta.historyWorthShowing([step("posted", "2026-06")]), false);
  assert.equal(meta.historyWorthShowing([step("posted", "2026-06"), step("version", "2026-06")]), false);
  assert.equal(meta.historyWorthShowing([step("posted", "2026-05"), step("version", "2026-06")]), true);
  assert.equal(meta.historyWorthShowing([step("posted", "2026-06"), step("retracted", "2026-06")]), true);
  assert.equal(meta.historyWorthShowing([step("posted", "2026-06"), step("posted", "2026-06")]), true);
});

test("history: a single posting has no version; a publication labelled by a DOI names the venue", () => {
  const steps = meta.historySteps({
    venue: "J. Exp.",
    history: [
      { date: "2024-01-02", kind: "posted", label: "arXiv", source: "arxiv-api" },
      { date: "2024-03-01", kind: "published", label: "", source: "crossref" },
      { date: "2026-01-19", kind: "retracted", label: "10.5555/r1", source: "crossref" },
      { date: "2026-01-19", kind: "retracted", label: "10.5555/r1", source: "pubmed" },
      { date: null, kind: "mystery", label: null, source: null },
    ],
  });
  assert.deepEqual(
    steps.map((s) => [s.kind, s.name, s.detail, s.month]),
    [
      ["posted", "arXiv", "", "2024-01"],
      ["published", "J. Exp.", "", "2024-03"],
      ["retracted", "", "", "2026-01"],
      ["other", "mystery", "", ""],
    ],
  );
});

test("badges: retracted and corrected with their notices, gravest first", () => {
  const badges = meta.statusBadges({
    history: [
      { date: "2024-06-01", kind: "corrected", label: "10.5555/jex.2024.corr1", source: "crossref" },
      { date: "2026-01-19", kind: "retracted", label: "10.5555/jex.2026.retr1", source: "crossref" },
    ],
    status: { retracted: true, corrected: true, notices: ["10.5555/jex.2024.corr1", "10.5555/jex.2026.retr1"] },
  });
  assert.deepEqual(badges, [
    { kind: "retracted", notice: "10.5555/jex.2026.retr1", href: "https://doi.org/10.5555/jex.2026.retr1", date: "2026-01-19" },
    { kind: "corrected", notice: "10.5555/jex.2024.corr1", href: "https://doi.org/10.5555/jex.2024.corr1", date: "2024-06-01" },
  ]);
  const onlyStatus = meta.statusBadges({ status: { retracted: true, notices: ["10.5555/n"] } });
  assert.deepEqual(onlyStatus, [{ kind: "retracted", notice: "10.5555/n", href: "https://doi.org/10.5555/n", date: "" }]);
  assert.deepEqual(meta.statusBadges({ status: { retracted: true } }), [{ kind: "retracted", notice: "", href: "", date: "" }]);
  assert.deepEqual(meta.statusBadges(merged), []);
  assert.deepEqual(meta.statusBadges({}), []);
});

test("badges: PubMed's notices by PMID, a DOI preferred, the dated event's date", () => {
  // As the store merges a PubMed article with its retraction and erratum records.
  const paper = {
    history: [
      { date: "1998-12-01", kind: "published", label: "Nature methods", source: "pubmed" },
      { date: "1999-03-01", kind: "corrected", label: "pubmed:39000003", source: "pubmed" },
      { date: "2025-01-15", kind: "retracted", label: "10.5555/nmeth.2025.0099", source: "pubmed" },
      { date: null, kind: "retracted", label: "39000002", source: "pubmed" },
      { date: null, kind: "corrected", label: "39000003", source: "pubmed" },
    ],
    status: { retracted: true, corrected: true, notices: ["pubmed:39000003", "10.5555/nmeth.2025.0099", "39000002", "39000003"] },
  };
  assert.deepEqual(meta.statusBadges(paper), [
    { kind: "retracted", notice: "10.5555/nmeth.2025.0099", href: "https://doi.org/10.5555/nmeth.2025.0099", date: "2025-01-15" },
    { kind: "corrected", notice: "PMID 39000003", href: "https://pubmed.ncbi.nlm.nih.gov/39000003/", date: "1999-03-01" },
  ]);
  assert.deepEqual(
    meta.historySteps(paper).map((s) => [s.kind, s.name, s.month]),
    [
      ["published", "Nature methods", "1998-12"],
      ["corrected", "", "1999-03"],
      ["retracted", "", "2025-01"],
    ],
  );
  assert.equal(meta.noticeLink("39000002", "crossref"), null, "bare digits are a PMID only from PubMed");
});

test("the update note says what changed unless a badge says it already", () => {
  assert.deepEqual(meta.updateNote(merged, []), { kind: "published", date: "2026-05-02" });
  const retracted = { status: { retracted: true, updated: { kind: "retracted", date: "2026-01-19" } } };
  assert.equal(meta.updateNote(retracted, meta.statusBadges(retracted)), null);
  assert.deepEqual(meta.updateNote({ status: { updated: { kind: "expression-of-concern", date: null } } }, []), {
    kind: "concern",
    date: "",
  });
  assert.equal(meta.updateNote({ status: { updated: null } }, []), null);
});

test("links: arXiv and PubMed only for the identifiers the paper has", () => {
  assert.deepEqual(meta.externalLinks(merged), [
    { kind: "arxiv", href: "https://arxiv.org/abs/2511.01234", id: "2511.01234" },
    { kind: "pubmed", href: "https://pubmed.ncbi.nlm.nih.gov/41234567/", id: "41234567" },
  ]);
  assert.deepEqual(meta.externalLinks({ doi: "10.5555/x", identifiers: [{ scheme: "doi", value: "10.5555/x" }] }), []);
  assert.deepEqual(meta.externalLinks({ identifiers: [{ scheme: "pmid", value: "1 OR 1" }] }), []);
});

test("DOI links escape what a DOI may hold and refuse what is not a DOI", () => {
  assert.equal(meta.doiHref("10.1002/(SICI)1097-4636"), "https://doi.org/10.1002/(SICI)1097-4636");
  assert.equal(meta.doiHref("10.5555/a b?c#d"), "https://doi.org/10.5555/a%20b%3Fc%23d");
  assert.equal(meta.doiHref("https://doi.org/10.5555/x"), "https://doi.org/10.5555/x");
  assert.equal(meta.doiHref("javascript:alert(1)"), "");
  assert.equal(meta.doiHref(null), "");
});
