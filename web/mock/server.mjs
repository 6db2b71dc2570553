#!/usr/bin/env node
// A tiny stand-in for the AcademicHub C++ server (no dependencies): serves web/dist and a mock /api/v1
// over the fixed corpus in papers.mjs, honouring the contract's filters, cursor paging, search, suggest,
// stats, health, the source list (a fixed one with a source in each state), and radars (radar.mjs: the
// radars live in memory, one set per server). Listens on 127.0.0.1 only.
//
//   node mock/server.mjs [--port N]     (PORT env also works; 0 picks a free port; default 8787)
//   MOCK_EMPTY=1 node mock/server.mjs   (an empty store, to see the page's "no papers yet" state)
//
// Prints "mock: listening on http://127.0.0.1:PORT" once ready. Importable: startMockServer({port}).

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { CATEGORY_NAMES, PAPERS } from "./papers.mjs";
import { HttpError, createRadarApi } from "./radar.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = resolve(HERE, "..", "dist");
const FILTERS = ["author", "keyword", "exclude", "category", "source", "venue", "since", "until"];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

// The policy the page is built to run under: no inline script, no eval, nothing from other origins.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

class BadRequest extends Error {}

const dateOf = (p) => (p.published ?? p.announced ?? "").slice(0, 10);
const lower = (s) => (s ?? "").toLowerCase();

function sorted(papers) {
  return [...papers].sort((a, b) => dateOf(b).localeCompare(dateOf(a)) || b.id.localeCompare(a.id));
}

function checkDate(name, value) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new BadRequest(`${name}: expected YYYY-MM-DD`);
  }
}

/** Filters: OR within a kind (any of the authors, any of the categories...), AND across kinds; exclude drops. */
function applyFilters(papers, params) {
  const values = Object.fromEntries(FILTERS.map((k) => [k, params.getAll(k).map((v) => v.trim()).filter(Boolean)]));
  for (const k of ["since", "until"]) {
    if (values[k].length > 1) throw new BadRequest(`${k}: give it once`);
    values[k].forEach((v) => checkDate(k, v));
  }
  const text = (p) => lower(`${p.title} ${p.abstract}`);
  return papers.filter((p) => {
    if (values.author.length && !values.author.some((a) => p.authors.some((x) => lower(x.name) === lower(a)))) return false;
    if (values.keyword.length && !values.keyword.some((k) => text(p).includes(lower(k)))) return false;
    if (values.exclude.some((k) => text(p).includes(lower(k)))) return false;
    if (
      values.category.length &&
      !values.category.some((c) => p.categories.some((x) => lower(x) === lower(c) || lower(x).startsWith(`${lower(c)}.`)))
    )
      return false;
    const sources = p.records?.length ? p.records.map((r) => lower(r.source)) : [lower(p.source)];
    if (values.source.length && !values.source.some((s) => sources.some((x) => x === lower(s) || x.startsWith(`${lower(s)}-`))))
      return false;
    if (values.venue.length && !values.venue.some((v) => lower(`${p.journal_ref ?? ""}\n${p.venue ?? ""}`).includes(lower(v))))
      return false;
    if (values.since.length && dateOf(p) < values.since[0]) return false;
    if (values.until.length && dateOf(p) > values.until[0]) return false;
    return true;
  });
}

/** The query language, simply: words and "phrases" (AND), field:term, -exclusion, OR between terms, term*. */
function parseQuery(q) {
  const tokens = q.match(/-?(?:\w+:)?"[^"]*"|\S+/g) ?? [];
  const groups = [[]];
  for (const token of tokens) {
    if (token === "OR") {
      groups.push([]);
      continue;
    }
    let t = token;
    const negate = t.startsWith("-") && t.length > 1;
    if (negate) t = t.slice(1);
    let field = "any";
    const m = /^(au|ti|abs|cat):(.*)$/.exec(t);
    if (m) [, field, t] = m;
    t = t.replace(/^"|"$/g, "");
    const prefix = t.endsWith("*");
    if (prefix) t = t.slice(0, -1);
    if (t !== "") groups[groups.length - 1].push({ negate, field, term: lower(t), prefix });
  }
  return groups.filter((g) => g.length > 0);
}

function termMatches(p, { field, term, prefix }) {
  const hay = {
    au: p.authors.map((a) => a.name).join(" ; "),
    ti: p.title,
    abs: p.abstract,
    cat: p.categories.join(" "),
    any: `${p.title} ${p.abstract} ${p.authors.map((a) => a.name).join(" ")}`,
  }[field];
  if (field === "cat") return p.categories.some((c) => lower(c) === term || lower(c).startsWith(`${term}.`));
  const h = lower(hay);
  if (prefix) return new RegExp(`\\b${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).test(h);
  return h.includes(term);
}

function search(papers, q) {
  const groups = parseQuery(q);
  if (groups.length === 0) throw new BadRequest("q: the query is empty");
  // "a b OR c d" reads as (a AND b) OR (c AND d) here; negations apply within their group.
  return papers.filter((p) => groups.some((g) => g.every((c) => termMatches(p, c) !== c.negate)));
}

function page(papers, params) {
  const limitRaw = params.get("limit") ?? "20";
  if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > 100) {
    throw new BadRequest("limit: expected an integer from 1 to 100");
  }
  const limit = Number(limitRaw);
  let offset = 0;
  const cursor = params.get("cursor");
  if (cursor) {
    const decoded = Buffer.from(cursor, "base64url").toString("utf8");
    const m = /^o:(\d+)$/.exec(decoded);
    if (!m) throw new BadRequest("cursor: not a cursor this server gave");
    offset = Number(m[1]);
  }
  const slice = papers.slice(offset, offset + limit);
  const end = offset + slice.length;
  return {
    papers: slice,
    next_cursor: end < papers.length ? Buffer.from(`o:${end}`).toString("base64url") : null,
  };
}

function suggest(corpus, params) {
  const kind = params.get("kind");
  const prefix = lower(params.get("prefix") ?? "").trim();
  const limit = Math.min(Number(params.get("limit") ?? "10") || 10, 50);
  const counts = new Map();
  const bump = (key) => counts.set(key, (counts.get(key) ?? 0) + 1);
  if (kind === "author") corpus.forEach((p) => p.authors.forEach((a) => bump(a.name)));
  else if (kind === "category") corpus.forEach((p) => p.categories.forEach(bump));
  else if (kind === "venue") corpus.forEach((p) => p.journal_ref && bump(p.journal_ref));
  else throw new BadRequest("kind: expected author, category or venue");
  const matches = (value) =>
    prefix === "" || lower(value).startsWith(prefix) || lower(value).split(/[\s.-]+/).some((w) => w.startsWith(prefix));
  const suggestions = [...counts]
    .filter(([value]) => matches(value))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([value, count]) => ({ value, label: kind === "category" ? (CATEGORY_NAMES[value] ?? value) : value, count }));
  return { suggestions };
}

// The source list (GET /sources): one source in each state the page shows, at a fixed time.
const SOURCES_AT = "2026-06-17T08:00:00Z";
function source(name, kind, title, health, extra = {}) {
  return {
    name,
    kind,
    title,
    enabled: health !== "disabled",
    every: "6h",
    host: extra.host ?? "api.example.org",
    status: {
      health,
      reason: extra.reason ?? null,
      running: extra.running ?? false,
      running_since: null,
      next_due: health === "disabled" || health === "unavailable" ? null : "2026-06-17T12:00:00Z",
      last_attempt: extra.last_success ?? null,
      last_success: extra.last_success ?? null,
      last_nonempty: extra.last_success ?? null,
      stale_seconds: null,
      suspect: health === "suspect",
      usual_gap_seconds: null,
      last_run: extra.inserted === undefined
        ? null
        : { started: "2026-06-17T06:00:00Z", finished: "2026-06-17T06:01:00Z", ok: true, stopped: false, complete: true,
            requests: 1, records: extra.inserted, inserted: extra.inserted, updated: 0, unchanged: 0, rejected: 0, notes: [] },
      failures: health === "failing" ? [{ at: "2026-06-17T07:00:00Z", code: "unavailable", message: extra.reason }] : [],
      consecutive_failures: health === "failing" ? 3 : 0,
      budget_left: null,
      budget_spent: false,
    },
  };
}
const SOURCES = [
  source("arxiv", "arxiv", "arXiv", "ok", { last_success: "2026-06-17T05:31:00Z", inserted: 412, host: "rss.arxiv.org" }),
  source("nature.crossref", "crossref", "Nature", "failing", {
    last_success: "2026-06-16T08:00:00Z",
    reason: "3 failed runs in a row; the latest: api.crossref.org: HTTP 503 still after 5 retries",
  }),
  source("nature-methods.feed", "feed", "Nature Methods", "suspect", {
    last_success: "2026-06-17T07:40:00Z",
    reason: "nothing new for 23d (usually something every 7d)",
  }),
  source("biorxiv", "biorxiv", "bioRxiv", "ok", { last_success: "2026-06-17T07:58:00Z", inserted: 120, running: true }),
  source("medrxiv", "biorxiv", "medRxiv", "pending"),
  source("openalex-pnas", "openalex", "OpenAlex: PNAS", "unavailable", {
    reason: "the openalex harvester is not built in this binary yet",
  }),
  source("pubmed-nejm", "pubmed", "PubMed: NEJM", "disabled"),
];

function sourceList() {
  const summary = { total: 0, enabled: 0, ok: 0, suspect: 0, failing: 0, pending: 0, disabled: 0, unavailable: 0, running: 0 };
  for (const s of SOURCES) {
    summary.total++;
    if (s.enabled) summary.enabled++;
    summary[s.status.health]++;
    if (s.status.running) summary.running++;
  }
  return { generated_at: SOURCES_AT, summary, sources: SOURCES, catalogue_error: null, writable: false, harvesting: true };
}

function api(path, params, corpus) {
  if (path === "/health") return { status: "ok" };
  if (path === "/sources") return sourceList();
  if (path === "/stats") {
    const newest = sorted(corpus).find((p) => p.published)?.published ?? null;
    return {
      papers: corpus.length,
      newest_published: newest,
      last_harvest: "2026-06-17T06:00:00Z",
      sources: ["arxiv-oai", "arxiv-rss"],
    };
  }
  if (path === "/feed") return page(sorted(applyFilters(corpus, params)), params);
  if (path === "/search") {
    const found = sorted(search(applyFilters(corpus, params), params.get("q") ?? ""));
    return { ...page(found, params), total: found.length };
  }
  if (path === "/suggest") return suggest(corpus, params);
  const m = /^\/papers\/(.+)$/.exec(path);
  if (m) {
    const id = decodeURIComponent(m[1]).replace(/v\d+$/, "");
    const paper = corpus.find((p) => p.id === id);
    if (paper) return paper;
    return { status: 404, body: { error: { code: "not_found", message: `no paper ${id}` } } };
  }
  return { status: 404, body: { error: { code: "not_found", message: `no endpoint ${path}` } } };
}

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  res.end(text);
}

async function serveStatic(res, pathname) {
  const rel = pathname === "/" ? "index.html" : decodeURIComponent(pathname.slice(1));
  const file = normalize(join(DIST, rel));
  if (!file.startsWith(DIST + sep)) return sendJson(res, 404, { error: { code: "not_found", message: pathname } });
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error("not a file");
    const body = await readFile(file);
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Security-Policy": CSP,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": rel.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    });
    res.end(body);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
    res.end(pathname === "/" ? "web/dist is missing: run `npm run build` first\n" : "not found\n");
  }
}

/**
 * POST /api/v1/briefings: a stand-in briefing of the ids given, streamed as the real server does
 * (analysis, delta pieces 120 ms apart, done), in the language asked, with two themes.
 */
function briefing(req, res, corpus) {
  let raw = "";
  req.on("data", (c) => (raw += c));
  req.on("end", async () => {
    let ask;
    try {
      ask = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, { error: { code: "invalid_argument", message: "the body must be a JSON object" } });
    }
    const ids = Array.isArray(ask.ids) ? ask.ids : [];
    const papers = ids.map((id, i) => ({ n: i + 1, id, title: corpus.find((p) => p.id === id)?.title ?? id }));
    if (papers.length === 0) return sendJson(res, 400, { error: { code: "invalid_argument", message: "ids: the list is empty" } });
    const zh = ask.lang === "zh";
    const half = Math.ceil(papers.length / 2);
    const themes = [
      { label: "attention, language, models", terms: ["attention", "language", "models"], papers: papers.slice(0, half).map((p) => p.n) },
      { label: "graphs, proteins, sampling", terms: ["graphs", "proteins", "sampling"], papers: papers.slice(half).map((p) => p.n) },
    ].filter((t) => t.papers.length > 0);
    const analysisText = zh
      ? `## 主题\n\n- attention, language, models：${themes[0].papers.map((n) => `[${n}]`).join("")}\n`
      : `## Themes\n\n- attention, language, models: ${themes[0].papers.map((n) => `[${n}]`).join("")}\n`;
    const pieces = zh
      ? ["## 概览\n\n", "多篇论文研究注意力与语言模型 [1][2]，", "另一些把图方法用于蛋白质 [3]。\n\n", "## 交汇之处\n\n", "- 检索与推理在 [2] 和 [4] 中相遇。\n"]
      : ["## Overview\n\n", "Several papers study attention and language models [1][2], ", "others bring graph methods to proteins [3].\n\n", "## Where fields meet\n\n", "- Retrieval meets reasoning in [2] and [4].\n"];
    const base = { lang: zh ? "zh" : "en", papers, themes, warnings: [], claims: 0, uncited_claims: 0 };
    const llm = { used: false, model: "", prompt_tokens: 0, completion_tokens: 0, tokens_estimated: false };
    res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache" });
    const send = (event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send("analysis", { ...base, text: analysisText, llm });
    await new Promise((r) => setTimeout(r, 600)); // an LLM thinking before its first token
    for (const p of pieces) {
      await new Promise((r) => setTimeout(r, 120));
      send("delta", { text: p });
    }
    send("done", {
      ...base,
      text: pieces.join(""),
      llm: { used: true, model: "mock-llm", prompt_tokens: 812, completion_tokens: 230, tokens_estimated: false },
      id: "0".repeat(64),
      cached: false,
    });
    res.end();
  });
}

/**
 * POST /api/v1/papers/{id}/tldr?lang= and /translation: a stand-in note after 400 ms, in the
 * language asked, as the real server answers (its id as given: the mock has no stable ids).
 */
function note(req, res, url, corpus) {
  req.resume();
  req.on("end", async () => {
    const m = /^\/api\/v1\/papers\/(.+)\/(tldr|translation)$/.exec(url.pathname);
    const id = decodeURIComponent(m[1]);
    const paper = corpus.find((p) => p.id === id || `ah:${p.paper_id}` === id);
    if (!paper) return sendJson(res, 404, { error: { code: "not_found", message: `no paper '${id}' in this store` } });
    await new Promise((r) => setTimeout(r, 400));
    const llm = { model: "mock-llm", prompt_tokens: 412, completion_tokens: 38 };
    if (m[2] === "translation") {
      return sendJson(res, 200, { id: paper.id, title: `（译）${paper.title}`, abstract: "这是模拟服务器给出的摘要译文。", lang: "zh", cached: false, llm });
    }
    const zh = url.searchParams.get("lang") === "zh";
    const tldr = zh ? "模拟服务器的一句话总结：本文提出了一种新方法。" : "The mock server's one-line summary: the paper proposes a new method.";
    return sendJson(res, 200, { id: paper.id, tldr, lang: zh ? "zh" : "en", cached: false, llm });
  });
}

/** Starts the server; resolves to {server, url}. */
export function startMockServer({ port = 8787, empty = false } = {}) {
  const corpus = empty ? [] : PAPERS;
  const radarApi = createRadarApi(corpus);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "POST" && url.pathname === "/api/v1/briefings") return briefing(req, res, corpus);
    if (req.method === "POST" && /^\/api\/v1\/papers\/.+\/(tldr|translation)$/.test(url.pathname)) {
      return note(req, res, url, corpus);
    }
    const apiPath = url.pathname.startsWith("/api/v1/") ? url.pathname.slice("/api/v1".length) : null;
    if (apiPath !== null && (apiPath === "/authors" || apiPath.startsWith("/radars"))) {
      try {
        let body;
        if (req.method !== "GET" && req.method !== "HEAD") {
          const chunks = [];
          for await (const chunk of req) chunks.push(chunk);
          const raw = Buffer.concat(chunks).toString("utf8");
          try {
            body = raw === "" ? undefined : JSON.parse(raw);
          } catch {
            throw new HttpError(400, "invalid_argument", "the body is not JSON");
          }
        }
        const out = radarApi(req.method, apiPath, url.searchParams, body);
        if (out === undefined) return sendJson(res, 404, { error: { code: "not_found", message: `no endpoint ${apiPath}` } });
        if (out && typeof out.status === "number" && "body" in out) {
          if (out.body === null) {
            res.writeHead(out.status);
            return res.end();
          }
          return sendJson(res, out.status, out.body);
        }
        return sendJson(res, 200, out);
      } catch (e) {
        if (e instanceof HttpError) return sendJson(res, e.status, { error: { code: e.code, message: e.message } });
        return sendJson(res, 500, { error: { code: "internal", message: String(e) } });
      }
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      return sendJson(res, 405, { error: { code: "method_not_allowed", message: req.method } });
    }
    if (url.pathname.startsWith("/api/v1/")) {
      try {
        const out = api(url.pathname.slice("/api/v1".length), url.searchParams, corpus);
        if (out && typeof out.status === "number" && out.body) return sendJson(res, out.status, out.body);
        return sendJson(res, 200, out);
      } catch (e) {
        if (e instanceof BadRequest) return sendJson(res, 400, { error: { code: "invalid_argument", message: e.message } });
        return sendJson(res, 500, { error: { code: "internal", message: String(e) } });
      }
    }
    return void serveStatic(res, url.pathname);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address();
      resolvePromise({ server, url: `http://127.0.0.1:${actual}` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf("--port");
  const port = Number(flag > 0 ? process.argv[flag + 1] : (process.env.PORT ?? 8787));
  const { url } = await startMockServer({ port, empty: process.env.MOCK_EMPTY === "1" });
  console.log(`mock: listening on ${url}`);
}
