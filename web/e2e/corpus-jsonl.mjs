#!/usr/bin/env node
// Prints the mock server's 60-paper corpus (mock/papers.mjs) as arXiv metadata-snapshot JSON
// lines, so that `academichub import` can load it and the end-to-end tests can run against the
// real server with the papers they were written for (Simeng Zhang's 18, the <script> title, the
// math, the venues). Used by e2e/real-server.sh.

import { PAPERS } from "../mock/papers.mjs";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Wed, 17 Jun 2026 20:00:00 GMT", the snapshot's version dates. */
function rfc1123(iso) {
  const d = new Date(iso);
  const two = (n) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} GMT`;
}

// Oldest first, as a harvest delivers them: the store orders papers of one day by arrival.
for (const p of [...PAPERS].reverse()) {
  const first = p.published ?? `${p.announced}T00:00:00Z`;
  const versions = [];
  for (let v = 1; v <= (p.version ?? 1); v++) {
    const date = new Date(Date.parse(first) + (v - 1) * 3600 * 1000).toISOString();
    versions.push({ version: `v${v}`, created: rfc1123(date) });
  }
  const names = p.authors.map((a) => a.name);
  const record = {
    id: p.id,
    submitter: names[0],
    authors: names.join(", "),
    title: p.title,
    comments: p.comment ?? null,
    "journal-ref": p.journal_ref ?? null,
    doi: p.doi ?? null,
    "report-no": null,
    categories: p.categories.join(" "),
    license: null,
    abstract: `  ${p.abstract}\n`,
    versions,
    update_date: (p.updated ?? first).slice(0, 10),
    authors_parsed: names.map((n) => {
      const cut = n.lastIndexOf(" ");
      return cut < 0 ? [n, "", ""] : [n.slice(cut + 1), n.slice(0, cut), ""];
    }),
  };
  process.stdout.write(`${JSON.stringify(record)}\n`);
}
