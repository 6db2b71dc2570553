// Typed client of the radar API: radars (GET/POST /radars, GET/PATCH/DELETE /radars/{id}), a radar's
// ranked feed with scores and reasons, votes, dismissed / read papers, and candidate people for an
// author's name (GET /authors). Answers are normalised here, so the page reads one shape; nothing here
// touches the DOM.

import { requestJson, type PageOfPapers, type Paper } from "./api";

/** A paper as a radar names it: its stable id (paper_id) when it has one, else its id. */
export type PaperRef = number | string;

/** The identifier the API takes for a paper ("ah:N" for a stable id, as /papers/{id} reads it). */
export function apiId(ref: PaperRef): string {
  return typeof ref === "number" ? `ah:${ref}` : ref;
}

export interface Radar {
  /** The server's id (as text); the API also accepts the name. */
  id: string;
  name: string;
  description: string;
  authors: string[];
  author_ids: string[];
  keywords: string[];
  excludes: string[];
  categories: string[];
  venues: string[];
  sources: string[];
  /** Seed papers, as the server names them. */
  seeds: PaperRef[];
  /** Titles of seed papers when the server gave them (keyed by String(ref)). */
  seedTitles: Record<string, string>;
  /** The votes, when the radar object carries them (keyed by String(ref)). */
  votes: Map<string, VoteValue> | null;
}

/** The fields of a radar that PATCH and POST take. */
export type RadarEdit = Partial<
  Pick<Radar, "name" | "description" | "authors" | "author_ids" | "keywords" | "excludes" | "categories" | "venues" | "sources">
> & { seeds?: PaperRef[] };

/** The list fields a chip edits, by the chip's kind. */
export const RADAR_LISTS = {
  author: "authors",
  keyword: "keywords",
  exclude: "excludes",
  category: "categories",
  venue: "venues",
  source: "sources",
} as const;

export type RadarListKind = keyof typeof RADAR_LISTS;

/** One reason a paper is in a radar's feed (src/radar/explain.h on the server). */
export interface Why {
  kind: string;
  values?: string[] | null;
  papers?: PaperRef[] | null;
  counts?: number[] | null;
  weights?: number[] | null;
  /** The titles of `papers`, in order (null when the store no longer has one). */
  titles?: (string | null)[] | null;
  /** The reason in English, as the command line prints it (the page writes its own words). */
  text?: string | null;
}

export const SIGNALS = ["taste", "semantic", "bm25", "authors", "priors", "recency"] as const;
export type Signal = (typeof SIGNALS)[number];

export interface RankedPaper extends Paper {
  score?: number | null;
  signals?: Partial<Record<Signal, number>> | null;
  /** Each signal times its weight: they add up to the score. */
  contributions?: Partial<Record<Signal, number>> | null;
  why?: Why[] | null;
}

export type VoteValue = "up" | "down";

/** A person who could be the author a user typed: names, stable ids, where they work, what they wrote lately. */
export interface Candidate {
  name: string;
  /** "scheme:value" ids: "orcid:0000-...", "openalex:A...", "s2:...". */
  ids: string[];
  affiliations: string[];
  papers: number | null;
  recent: { id: string; title: string; date: string }[];
}

export type RadarSpan = "today" | "week" | "all";

export function paperRef(p: Paper): PaperRef {
  return typeof p.paper_id === "number" && p.paper_id > 0 ? p.paper_id : p.id;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** A paper's ref in a votes list or a seed object: paper_id, else paper, else id. */
function refIn(o: Record<string, unknown>): PaperRef | null {
  for (const k of ["paper_id", "paper", "id"]) {
    const v = o[k];
    if (typeof v === "number" || (typeof v === "string" && v !== "")) return v;
  }
  return null;
}

/** Votes as the API lists them ([{paper_id, vote}, ...]; an object of ref -> vote is read too), by String(ref). */
export function toVotes(votes: unknown): Map<string, VoteValue> {
  const out = new Map<string, VoteValue>();
  const put = (ref: unknown, vote: unknown): void => {
    if ((typeof ref === "number" || typeof ref === "string") && (vote === "up" || vote === "down")) out.set(String(ref), vote);
  };
  if (Array.isArray(votes)) {
    for (const v of votes) if (v && typeof v === "object") put(refIn(v as Record<string, unknown>), (v as { vote?: unknown }).vote);
  } else if (votes && typeof votes === "object") {
    for (const [ref, vote] of Object.entries(votes)) put(ref, vote);
  }
  return out;
}

/** A radar object of the API ({"radar": {...}} or the radar itself), read leniently: seeds may be ids or paper objects. */
export function toRadar(raw: unknown): Radar {
  const outer = (raw ?? {}) as Record<string, unknown>;
  const r = (outer.radar && typeof outer.radar === "object" ? outer.radar : outer) as Record<string, unknown>;
  const seeds: PaperRef[] = [];
  const seedTitles: Record<string, string> = {};
  for (const s of Array.isArray(r.seeds) ? r.seeds : []) {
    if (typeof s === "number" || typeof s === "string") {
      seeds.push(s);
    } else if (s && typeof s === "object") {
      const o = s as Record<string, unknown>;
      const ref = refIn(o);
      if (ref === null) continue;
      seeds.push(ref);
      if (typeof o.title === "string") seedTitles[String(ref)] = o.title;
    }
  }
  return {
    id: String(r.id ?? r.name ?? ""),
    name: typeof r.name === "string" ? r.name : String(r.id ?? ""),
    description: typeof r.description === "string" ? r.description : "",
    authors: strings(r.authors),
    author_ids: strings(r.author_ids),
    keywords: strings(r.keywords),
    excludes: strings(r.excludes),
    categories: strings(r.categories),
    venues: strings(r.venues),
    sources: strings(r.sources),
    seeds,
    seedTitles,
    votes: Array.isArray(r.votes) ? toVotes(r.votes) : null,
  };
}

const path = (radar: string, rest = ""): string => `radars/${encodeURIComponent(radar)}${rest}`;

export async function listRadars(signal?: AbortSignal): Promise<Radar[]> {
  const answer = await requestJson<{ radars?: unknown[] }>("GET", "radars", undefined, undefined, signal);
  return (answer.radars ?? []).map(toRadar);
}

export async function getRadar(radar: string, signal?: AbortSignal): Promise<Radar> {
  return toRadar(await requestJson<unknown>("GET", path(radar), undefined, undefined, signal));
}

/** The body of POST / PATCH: seeds as identifiers the API reads. */
function body(fields: RadarEdit): Record<string, unknown> {
  return fields.seeds === undefined ? { ...fields } : { ...fields, seeds: fields.seeds.map(apiId) };
}

export async function createRadar(fields: RadarEdit & { name: string }): Promise<Radar> {
  return toRadar(await requestJson<unknown>("POST", "radars", body(fields)));
}

export async function editRadar(radar: string, fields: RadarEdit): Promise<Radar> {
  return toRadar(await requestJson<unknown>("PATCH", path(radar), body(fields)));
}

export async function deleteRadar(radar: string): Promise<void> {
  await requestJson<unknown>("DELETE", path(radar));
}

/** The answer of POST /radars/{id}/seeds: what a reference library added to the radar's seeds. */
export interface SeedImport {
  radar: Radar;
  file: string;
  references: number;
  matched: number;
  added: number;
  unmatched: string[];
  warnings: string[];
}

/** The largest library the server takes (ServerOptions::upload_max_bytes), less room for the JSON around it. */
export const MAX_LIBRARY_BYTES = 15 * 1024 * 1024;

/** Adds the papers of a BibTeX, RIS, CSL-JSON or Zotero RDF library that the store holds to the radar's seeds. */
export async function importSeeds(radar: string, file: string, text: string): Promise<SeedImport> {
  const a = await requestJson<Record<string, unknown>>("POST", path(radar, "/seeds"), { file, text });
  const n = (v: unknown): number => (typeof v === "number" ? v : 0);
  return {
    radar: toRadar(a.radar),
    file: typeof a.file === "string" ? a.file : file,
    references: n(a.references),
    matched: n(a.matched),
    added: n(a.added),
    unmatched: strings(a.unmatched),
    warnings: strings(a.warnings),
  };
}

export interface FeedQuery {
  span: RadarSpan;
  since?: string;
  until?: string;
}

export function fetchRadarFeed(
  radar: string,
  query: FeedQuery,
  limit: number,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<PageOfPapers & { papers: RankedPaper[] }> {
  const params = new URLSearchParams({ view: query.span, limit: String(limit) });
  if (query.since) params.set("since", query.since);
  if (query.until) params.set("until", query.until);
  if (cursor) params.set("cursor", cursor);
  return requestJson("GET", path(radar, "/feed"), undefined, params, signal);
}

/** The radar's votes, by String(paper ref). */
export async function fetchVotes(radar: string, signal?: AbortSignal): Promise<Map<string, VoteValue>> {
  const answer = await requestJson<{ votes?: unknown }>("GET", path(radar, "/votes"), undefined, undefined, signal);
  return toVotes(answer.votes);
}

export async function vote(radar: string, paper: PaperRef, value: VoteValue | "clear"): Promise<void> {
  await requestJson<unknown>("POST", path(radar, "/votes"), { paper: apiId(paper), vote: value });
}

export async function markSeen(radar: string, papers: PaperRef[], state: "dismissed" | "read"): Promise<void> {
  await requestJson<unknown>("POST", path(radar, "/seen"), { papers: papers.map(apiId), state });
}

/** A candidate object of GET /authors, read leniently (ids as a list or an object, one affiliation or many). */
export function toCandidate(raw: unknown): Candidate | null {
  const c = (raw ?? {}) as Record<string, unknown>;
  if (typeof c.name !== "string" || c.name === "") return null;
  const ids = strings(c.ids);
  if (c.ids && typeof c.ids === "object" && !Array.isArray(c.ids)) {
    for (const [scheme, value] of Object.entries(c.ids)) if (typeof value === "string" && value) ids.push(`${scheme}:${value}`);
  }
  if (typeof c.orcid === "string" && c.orcid && !ids.some((i) => i.startsWith("orcid:"))) ids.push(`orcid:${c.orcid}`);
  const affiliations = strings(c.affiliations);
  if (typeof c.affiliation === "string" && c.affiliation) affiliations.push(c.affiliation);
  const recentRaw = Array.isArray(c.recent) ? c.recent : Array.isArray(c.recent_papers) ? c.recent_papers : [];
  const recent = recentRaw
    .map((p) => (p ?? {}) as Record<string, unknown>)
    .filter((p) => typeof p.title === "string")
    .map((p) => ({
      id: String(p.id ?? p.paper_id ?? ""),
      title: p.title as string,
      date: String(p.published ?? p.date ?? p.announced ?? "").slice(0, 10),
    }));
  const count = typeof c.papers === "number" ? c.papers : typeof c.count === "number" ? c.count : null;
  return { name: c.name, ids, affiliations, papers: count, recent };
}

export async function findAuthors(name: string, signal?: AbortSignal): Promise<Candidate[]> {
  const params = new URLSearchParams({ name });
  const answer = await requestJson<{ people?: unknown[]; authors?: unknown[] }>("GET", "authors", undefined, params, signal);
  return (answer.people ?? answer.authors ?? []).map(toCandidate).filter((c): c is Candidate => c !== null);
}
