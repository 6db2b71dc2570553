// The mock's radars, in the shapes of the C++ server's API (api/openapi.json: Radar, RadarPaper, Why,
// VoteAnswer, People): radars in memory per mock server, a ranked feed with score, signals,
// contributions and why, votes, dismissed / read papers, and GET /authors. A feed's cursor names a
// session: each batch ranks anew (votes in between count) and skips what the session has shown.
// The ranking is a toy (word overlap with the seed and 👍 papers, followed authors, keywords, recency):
// enough for the page to show real reasons and for 👎 to change the next batch. Deterministic.

const STOP = new Set(
  "with from that this which their these using into over under between than when does fail about towards through where each both only also have been were they them more most less such very what scale".split(" "),
);
const WEIGHTS = { taste: 1.0, semantic: 0.5, bm25: 0.5, authors: 1.5, priors: 0.2, recency: 0.1 };
const LISTS = ["authors", "author_ids", "keywords", "excludes", "categories", "venues", "sources"];

export class HttpError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const lower = (s) => (s ?? "").toLowerCase();
const key = (name) => lower(name).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const dateOf = (p) => (p.published ?? p.announced ?? "").slice(0, 10);
const words = (text) => new Set((lower(text).match(/[a-z][a-z-]{3,}/g) ?? []).filter((w) => !STOP.has(w)));

function jaccard(a, b) {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

function shiftDay(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function strings(v, field) {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new HttpError(400, "invalid_argument", `${field}: expected a list of strings`);
  return v.map((x) => x.trim()).filter(Boolean);
}

export function createRadarApi(corpus) {
  const radars = new Map(); // id -> radar
  let nextId = 1;
  const byRef = new Map(corpus.map((p) => [p.paper_id, p]));
  const text = new Map(corpus.map((p) => [p.paper_id, words(`${p.title} ${p.abstract}`)]));
  const titleWords = new Map(corpus.map((p) => [p.paper_id, words(p.title)]));
  const newest = corpus.map(dateOf).sort().at(-1) ?? "2026-06-17";

  const sessions = new Map(); // session id -> Set of paper ids shown
  let nextSession = 1;

  // Papers are named as /papers/{id} takes them: "ah:N" or the id (the mock takes a bare number too).
  const refOf = (value, field) => {
    if (typeof value !== "string" && typeof value !== "number") throw new HttpError(400, "invalid_argument", `${field}: expected a paper identifier`);
    const n = typeof value === "number" ? value : /^ah:(\d+)$/.exec(value)?.[1];
    const found = n !== undefined ? byRef.get(Number(n)) : corpus.find((p) => p.id === value);
    if (!found) throw new HttpError(404, "not_found", `${field}: no paper ${value}`);
    return found.paper_id;
  };

  const find = (idOrName) => {
    const r = radars.get(Number(idOrName)) ?? [...radars.values()].find((x) => x.name === idOrName);
    if (!r) throw new HttpError(404, "not_found", `no radar ${idOrName}`);
    return r;
  };

  const paperRef = (id) => ({ paper_id: id, id: byRef.get(id)?.id ?? null, title: byRef.get(id)?.title ?? null });
  const shown = (r) => ({
    id: r.id,
    name: r.name,
    user: "local",
    ...Object.fromEntries(LISTS.map((k) => [k, r[k]])),
    description: r.description,
    seeds: r.seeds.map(paperRef),
    votes: [...r.votes].map(([id, vote]) => ({ ...paperRef(id), vote })),
    revision: r.revision,
    created: "2026-06-17T08:00:00Z",
    updated: "2026-06-17T08:00:00Z",
  });

  function apply(r, body) {
    if (body.name !== undefined) {
      if (typeof body.name !== "string" || body.name.trim() === "") throw new HttpError(400, "invalid_argument", "name: expected a non-empty string");
      const name = body.name.trim();
      if ([...radars.values()].some((x) => x !== r && x.name === name)) throw new HttpError(409, "conflict", `name: a radar "${name}" exists`);
      r.name = name;
    }
    if (body.description !== undefined) {
      if (typeof body.description !== "string") throw new HttpError(400, "invalid_argument", "description: expected a string");
      r.description = body.description;
    }
    for (const k of LISTS) {
      const v = strings(body[k], k);
      if (v !== undefined) r[k] = [...new Set(v)];
    }
    if (body.seeds !== undefined) {
      if (!Array.isArray(body.seeds)) throw new HttpError(400, "invalid_argument", "seeds: expected a list of paper ids");
      r.seeds = [...new Set(body.seeds.map((s) => refOf(s, "seeds")))];
    }
    r.revision = (r.revision ?? 0) + 1;
  }

  function rank(r) {
    const positives = [...r.seeds, ...[...r.votes].filter(([, v]) => v === "up").map(([id]) => id)];
    const negatives = [...r.votes].filter(([, v]) => v === "down").map(([id]) => id);
    const followed = new Set(r.authors.map(key));
    const seedAuthors = new Map();
    for (const id of positives) for (const a of byRef.get(id)?.authors ?? []) seedAuthors.set(key(a.name), (seedAuthors.get(key(a.name)) ?? 0) + 1);
    const posCats = new Set(positives.flatMap((id) => byRef.get(id)?.categories ?? []));
    const query = [...r.keywords, r.description].join(" ");
    const queryWords = words(query);
    const out = [];
    for (const p of corpus) {
      const id = p.paper_id;
      const hay = lower(`${p.title} ${p.abstract}`);
      if (r.excludes.some((x) => hay.includes(lower(x)))) continue;
      if (r.seeds.includes(id) || negatives.includes(id) || r.seen.has(id)) continue;
      const authorsFollowed = p.authors.filter((a) => followed.has(key(a.name))).map((a) => a.name);
      const keywordsMatched = r.keywords.filter((k) => hay.includes(lower(k)));
      const bounded = r.categories.length + r.venues.length + r.sources.length > 0;
      const inPool =
        !bounded ||
        r.categories.some((c) => p.categories.some((x) => lower(x) === lower(c) || lower(x).startsWith(`${lower(c)}.`))) ||
        r.venues.some((v) => lower(`${p.journal_ref ?? ""} ${p.venue ?? ""}`).includes(lower(v))) ||
        r.sources.some((s) => lower(p.source) === lower(s) || lower(p.source).startsWith(`${lower(s)}-`));
      if (!inPool && authorsFollowed.length === 0 && keywordsMatched.length === 0) continue;

      const sims = positives.map((q) => [q, jaccard(text.get(id), text.get(q))]).sort((a, b) => b[1] - a[1]);
      const negSim = Math.max(0, ...negatives.map((q) => jaccard(text.get(id), text.get(q))));
      const best = sims[0]?.[1] ?? 0;
      const taste = Math.max(0, Math.min(1, 2 * best - negSim));
      const titleSims = positives.map((q) => jaccard(titleWords.get(id), titleWords.get(q)));
      const semantic = Math.max(0, ...titleSims);
      const qw = [...queryWords];
      const bm25 = qw.length ? qw.filter((w) => text.get(id).has(w)).length / qw.length : 0;
      const seedAuthorKeys = p.authors.map((a) => key(a.name)).filter((k) => seedAuthors.has(k) && !followed.has(k));
      const share = positives.length ? Math.max(0, ...seedAuthorKeys.map((k) => seedAuthors.get(k) / positives.length)) : 0;
      const authors = authorsFollowed.length ? 0.95 : 1 - Math.exp(-3 * share);
      const sharedCats = p.categories.filter((c) => posCats.has(c));
      const priors = sharedCats.length ? 0.5 : 0;
      const ageDays = Math.round((Date.parse(`${newest}T00:00:00Z`) - Date.parse(`${dateOf(p)}T00:00:00Z`)) / 86400000);
      const recency = Math.max(0, 1 - ageDays / 30);
      const signals = { taste, semantic, bm25, authors, priors, recency };
      const contributions = Object.fromEntries(Object.entries(signals).map(([k, v]) => [k, WEIGHTS[k] * v]));
      const score = Object.values(contributions).reduce((a, b) => a + b, 0);

      const why = [];
      if (authorsFollowed.length) why.push({ kind: "followed_author", values: authorsFollowed, papers: [], counts: [], weights: [] });
      if (keywordsMatched.length) why.push({ kind: "keyword", values: keywordsMatched, papers: [], counts: [], weights: [] });
      if (seedAuthorKeys.length) why.push({ kind: "seed_author", values: seedAuthorKeys, papers: [], counts: seedAuthorKeys.map((k) => seedAuthors.get(k)), weights: [] });
      const close = sims.filter(([, s]) => s >= 0.12);
      if (close.length) {
        const top = close.slice(0, 3);
        why.push({ kind: "similar_papers", values: [], papers: top.map(([q]) => q), counts: [close.length], weights: top.map(([, w]) => w), titles: top.map(([q]) => byRef.get(q)?.title ?? null) });
      }
      if (positives.length) {
        const terms = [...titleWords.get(id)].filter((w) => positives.some((q) => text.get(q).has(w))).slice(0, 3);
        if (terms.length) why.push({ kind: "taste_terms", values: terms, papers: [], counts: [], weights: terms.map(() => 0.1) });
      }
      if (sharedCats.length) why.push({ kind: "category", values: sharedCats, papers: [], counts: [], weights: [] });
      if (ageDays <= 1) why.push({ kind: "recent", values: [dateOf(p)], papers: [], counts: [], weights: [] });
      for (const w of why) {
        w.titles ??= [];
        w.text = `${w.kind}: ${w.values.join(", ")}`; // the server's English line; the page writes its own
      }
      out.push({ ...p, score, signals, contributions, why });
    }
    return out.sort((a, b) => b.score - a.score || dateOf(b).localeCompare(dateOf(a)) || b.id.localeCompare(a.id));
  }

  function feed(r, params) {
    const view = params.get("view") ?? "all";
    if (!["today", "week", "all"].includes(view)) throw new HttpError(400, "invalid_argument", "view: expected today, week or all");
    const limitRaw = params.get("limit") ?? "20";
    if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > 1000) {
      throw new HttpError(400, "invalid_argument", "limit: expected an integer from 1 to 1000");
    }
    let papers = rank(r);
    const from = view === "today" ? newest : view === "week" ? shiftDay(newest, -6) : null;
    if (from) papers = papers.filter((p) => dateOf(p) >= from);
    const since = params.get("since");
    const until = params.get("until");
    if (since) papers = papers.filter((p) => dateOf(p) >= since);
    if (until) papers = papers.filter((p) => dateOf(p) <= until);
    let session;
    const cursor = params.get("cursor");
    if (cursor) {
      const m = /^s:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
      session = m ? sessions.get(Number(m[1])) : undefined;
      if (!session) throw new HttpError(400, "invalid_argument", "cursor: not a cursor this server gave");
    } else {
      session = { id: nextSession++, shown: new Set() };
      sessions.set(session.id, session);
    }
    const unseen = papers.filter((p) => !session.shown.has(p.paper_id));
    const batch = unseen.slice(0, Number(limitRaw));
    for (const p of batch) session.shown.add(p.paper_id);
    const more = unseen.length > batch.length;
    return { papers: batch, next_cursor: more ? Buffer.from(`s:${session.id}`).toString("base64url") : null };
  }

  function authors(params) {
    const q = key(params.get("name") ?? "");
    if (q === "") throw new HttpError(400, "invalid_argument", "name: give a name");
    const people = new Map();
    for (const p of [...corpus].sort((a, b) => dateOf(b).localeCompare(dateOf(a)))) {
      for (const a of p.authors) {
        if (!key(a.name).includes(q)) continue;
        const person = people.get(a.name) ?? { name: a.name, ids: [], affiliations: [], papers: 0, recent: [] };
        person.papers++;
        if (a.affiliation && !person.affiliations.includes(a.affiliation)) person.affiliations.push(a.affiliation);
        if (person.recent.length < 3) person.recent.push({ paper_id: p.paper_id, id: p.id, title: p.title, date: dateOf(p) });
        people.set(a.name, person);
      }
    }
    // A namesake, as real stores have: the same name, another person, told apart by affiliation.
    if ("simeng zhang".includes(q) || q.includes("simeng")) {
      const first = people.get("Simeng Zhang");
      if (first) first.ids = ["orcid:0000-0002-1825-0097"];
      people.set("Simeng Zhang (2)", { name: "Simeng Zhang", ids: ["openalex:A5000000002"], affiliations: ["Institute of Marine Biology"], papers: 0, recent: [] });
    }
    return { people: [...people.values()].sort((a, b) => b.papers - a.papers).slice(0, 10) };
  }

  /** Answers /radars... and /authors; returns undefined for other paths. */
  return function handle(method, path, params, body) {
    if (path === "/authors" && method === "GET") return authors(params);
    if (path === "/radars") {
      if (method === "GET") return { radars: [...radars.values()].map(shown) };
      if (method === "POST") {
        const r = { id: nextId++, name: "", description: "", seeds: [], votes: new Map(), seen: new Map(), revision: 0, ...Object.fromEntries(LISTS.map((k) => [k, []])) };
        if (typeof body?.name !== "string" || body.name.trim() === "") throw new HttpError(400, "invalid_argument", "name: expected a non-empty string");
        apply(r, body);
        radars.set(r.id, r);
        return { status: 201, body: { radar: shown(r) } };
      }
      throw new HttpError(405, "method_not_allowed", method);
    }
    const m = /^\/radars\/([^/]+)(\/feed|\/votes|\/seen|\/seeds)?$/.exec(path);
    if (!m) return undefined;
    const r = find(decodeURIComponent(m[1]));
    const sub = m[2] ?? "";
    if (sub === "" && method === "GET") return { radar: shown(r) };
    if (sub === "" && method === "PATCH") {
      apply(r, body ?? {});
      return { radar: shown(r) };
    }
    if (sub === "" && method === "DELETE") {
      radars.delete(r.id);
      return { deleted: r.name, id: r.id };
    }
    if (sub === "/feed" && method === "GET") return feed(r, params);
    if (sub === "/votes" && method === "GET") return { votes: shown(r).votes };
    if (sub === "/votes" && method === "POST") {
      const paper = refOf(body?.paper, "paper");
      if (!["up", "down", "clear"].includes(body?.vote)) throw new HttpError(400, "invalid_argument", "vote: expected up, down or clear");
      if (body.vote === "clear") r.votes.delete(paper);
      else r.votes.set(paper, body.vote);
      r.revision++;
      return { radar: shown(r), paper_id: paper, vote: body.vote === "clear" ? null : body.vote, retrain_ms: 0.1 };
    }
    if (sub === "/seeds" && method === "POST") {
      // A sketch of the server's reader: BibTeX entries matched by eprint (arXiv id) only.
      if (typeof body?.file !== "string" || body.file === "") throw new HttpError(400, "invalid_argument", "file: expected the file's name (1 to 255 bytes)");
      if (typeof body?.text !== "string") throw new HttpError(400, "invalid_argument", "text: expected the file's contents as a string");
      const entries = body.text.split(/@\w+\s*\{/).slice(1);
      if (entries.length === 0) throw new HttpError(400, "invalid_argument", `${body.file}: line 1: not a BibTeX, RIS, CSL-JSON or Zotero RDF file`);
      const unmatched = [];
      let matched = 0;
      let added = 0;
      for (const e of entries) {
        const eprint = /eprint\s*=\s*\{([^}]*)\}/.exec(e)?.[1];
        const paper = eprint ? corpus.find((p) => p.id === eprint) : undefined;
        if (!paper) {
          unmatched.push(/title\s*=\s*\{([^}]*)\}/.exec(e)?.[1] ?? "?");
          continue;
        }
        matched++;
        if (!r.seeds.includes(paper.paper_id)) {
          r.seeds.push(paper.paper_id);
          added++;
        }
      }
      r.revision++;
      return { radar: shown(r), file: body.file, references: entries.length, matched, added, unmatched, warnings: [] };
    }
    if (sub === "/seen" && method === "POST") {
      if (!["dismissed", "read"].includes(body?.state)) throw new HttpError(400, "invalid_argument", "state: expected dismissed or read");
      if (!Array.isArray(body?.papers)) throw new HttpError(400, "invalid_argument", "papers: expected a list of paper ids");
      for (const p of body.papers) r.seen.set(refOf(p, "papers"), body.state);
      return { marked: body.papers.length, state: body.state };
    }
    throw new HttpError(405, "method_not_allowed", method);
  };
}
