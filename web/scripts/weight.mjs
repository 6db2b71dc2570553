#!/usr/bin/env node
// Prints the gzip weight of the built page (web/dist): every JS and CSS file, their total against the
// 150 KB budget (KaTeX fonts are not counted; they load only for math), and the rest for information.
// Exits 1 when the budget is exceeded, 2 when dist/ is missing.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const BUDGET = 150 * 1024;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

let all;
try {
  all = files(DIST);
} catch {
  console.error("weight: web/dist is missing; run `npm run build` first");
  process.exit(2);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let counted = 0;
let fonts = 0;
const rows = [];
for (const path of all.sort()) {
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  const name = relative(DIST, path);
  if (/\.(js|css)$/.test(name)) {
    counted += gz;
    rows.push(`  ${name.padEnd(40)} ${kb(raw.length).padStart(10)} raw ${kb(gz).padStart(9)} gzip`);
  } else if (/\.woff2$/.test(name)) {
    fonts += raw.length;
  } else {
    rows.push(`  ${name.padEnd(40)} ${kb(raw.length).padStart(10)} raw ${kb(gz).padStart(9)} gzip (not counted)`);
  }
}
console.log(rows.join("\n"));
console.log(`  KaTeX fonts (woff2, not counted): ${kb(fonts)}`);
console.log(`JS+CSS gzip: ${kb(counted)} of ${kb(BUDGET)} budget`);
process.exit(counted > BUDGET ? 1 : 0);
