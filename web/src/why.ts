// Why a paper is in a radar's feed, in words: the server's structured reasons (kind + values, papers,
// counts, weights; src/radar/explain.h) become short phrases in the page's language ("follows Simeng
// Zhang", "matches 'sparse attention'", "like 3 of your seed papers: …", the terms that weighed most),
// and the score's signals become labelled rows. Pure functions: the strings come in through `t`, so
// the unit tests run them without a browser. A reason of a kind this page does not know is left out.

import type { MsgKey } from "./i18n";
import type { Signal, Why } from "./radar-api";

export type Translate = (key: MsgKey, params?: Readonly<Record<string, string | number>>) => string;

export interface WhyContext {
  t: Translate;
  /** A paper's title by String(ref), when the page knows it. */
  titleOf(ref: string): string | undefined;
  /** The paper's own authors, to spell an author key ("simeng zhang") as the paper does. */
  authors: readonly { name: string }[];
  /** The paper's venue, to spell a lower-cased venue ("nature methods") as the paper does. */
  venue?: string | null;
}

export interface WhyPhrase {
  kind: string;
  text: string;
}

/** Reasons show at most this many values each (followed authors, keywords, terms, titles). */
const MAX_VALUES = 3;
const MAX_TITLE = 64;

/** An author's name reduced for comparison: lower case, no accents or punctuation, single spaces. */
export function authorKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The paper's spelling of an author key, else the key with each word capitalised. */
export function authorName(key: string, authors: readonly { name: string }[]): string {
  const k = authorKey(key);
  const found = authors.find((a) => authorKey(a.name) === k);
  if (found) return found.name;
  return key.replace(/(^|[\s-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

export function shorten(text: string, max = MAX_TITLE): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  // At the last word boundary unless that loses much (a long word, or text without spaces).
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function list(t: Translate, values: readonly string[]): string {
  const shown = values.slice(0, MAX_VALUES);
  const more = values.length - shown.length;
  const joined = shown.join(t("whySep"));
  return more > 0 ? t("whyMore", { list: joined, n: more }) : joined;
}

function quoted(t: Translate, values: readonly string[]): string[] {
  return values.map((v) => t("whyQuote", { v }));
}

function phrase(why: Why, ctx: WhyContext): string | null {
  const { t } = ctx;
  const values = (why.values ?? []).filter((v) => typeof v === "string" && v.trim() !== "");
  switch (why.kind) {
    case "followed_author":
      return values.length ? t("whyFollowed", { names: list(t, values.map((v) => authorName(v, ctx.authors))) }) : null;
    case "seed_author":
      return values.length ? t("whySeedAuthor", { names: list(t, values.map((v) => authorName(v, ctx.authors))) }) : null;
    case "keyword":
      return values.length ? t("whyKeyword", { terms: list(t, quoted(t, values)) }) : null;
    case "similar_papers": {
      const refs = (why.papers ?? []).map(String);
      const n = Math.max(why.counts?.[0] ?? 0, refs.length);
      if (n === 0) return null;
      const titles = refs
        .map((r, i) => why.titles?.[i] ?? ctx.titleOf(r))
        .filter((s): s is string => typeof s === "string" && s !== "")
        .slice(0, 2)
        .map((s) => t("whyTitle", { title: shorten(s) }));
      if (titles.length === 0) return t(n === 1 ? "whySimilarOneBare" : "whySimilarBare", { n });
      return t(n === 1 ? "whySimilarOne" : "whySimilar", { n, titles: titles.join(t("whySep")) });
    }
    case "taste_terms":
      return values.length ? t("whyTerms", { terms: list(t, values) }) : null;
    case "category":
      return values.length ? t("whyCategory", { values: list(t, values) }) : null;
    case "venue": {
      const spelled = values.map((v) => (ctx.venue && ctx.venue.toLowerCase() === v.toLowerCase() ? ctx.venue : v));
      return spelled.length ? t("whyVenue", { values: list(t, spelled) }) : null;
    }
    case "source":
      return values.length ? t("whySource", { values: list(t, values) }) : null;
    case "recent":
      return values.length ? t("whyRecent", { date: values[0] }) : t("whyRecentBare");
    default:
      return null;
  }
}

/** The reasons in words, in the server's order (strongest first), unknown kinds and empty reasons left out. */
export function whyPhrases(reasons: readonly Why[] | null | undefined, ctx: WhyContext): WhyPhrase[] {
  const out: WhyPhrase[] = [];
  for (const why of reasons ?? []) {
    if (!why || typeof why.kind !== "string") continue;
    const text = phrase(why, ctx);
    if (text !== null) out.push({ kind: why.kind, text });
  }
  return out;
}

const SIGNAL_KEYS: Readonly<Record<Signal, MsgKey>> = {
  taste: "sigTaste",
  semantic: "sigSemantic",
  bm25: "sigBm25",
  authors: "sigAuthors",
  priors: "sigPriors",
  recency: "sigRecency",
};

export interface SignalRow {
  signal: Signal;
  label: string;
  /** The signal's value as the server gave it (each in [0, 1]). */
  value: number;
  /** What it adds to the score (the value times its weight), when the server said. */
  contribution: number | null;
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** The score's signals, labelled, in a fixed order, with their contributions; missing or non-numeric ones left out. */
export function signalRows(
  signals: Partial<Record<Signal, number>> | null | undefined,
  t: Translate,
  contributions?: Partial<Record<Signal, number>> | null,
): SignalRow[] {
  const rows: SignalRow[] = [];
  for (const signal of Object.keys(SIGNAL_KEYS) as Signal[]) {
    const value = signals?.[signal];
    if (!finite(value)) continue;
    const contribution = contributions?.[signal];
    rows.push({ signal, label: t(SIGNAL_KEYS[signal]), value, contribution: finite(contribution) ? contribution : null });
  }
  return rows;
}

/** A score or signal as shown: two decimals, no "-0.00". */
export function formatScore(value: number): string {
  const s = value.toFixed(2);
  return s === "-0.00" ? "0.00" : s;
}
