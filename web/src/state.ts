// The view (filters, search query) and its URL form. The URL query uses the API's own parameter names,
// so a bookmarked or shared address reproduces the view and the query can be passed straight to the API.
// Pure functions over immutable values; no DOM access except reading/writing location and history.

export const FILTER_KINDS = [
  "author",
  "keyword",
  "exclude",
  "category",
  "source",
  "venue",
  "since",
  "until",
] as const;

export type FilterKind = (typeof FILTER_KINDS)[number];

export interface Filter {
  readonly kind: FilterKind;
  readonly value: string;
}

export interface View {
  readonly filters: readonly Filter[];
  readonly q: string;
  /** The active radar (its name, as the API accepts it); absent: all papers. */
  readonly radar?: string;
  /** A radar's view of its feed: today's new papers, the last week, everything (the default). */
  readonly span?: Span;
}

export const SPANS = ["today", "week", "all"] as const;
export type Span = (typeof SPANS)[number];

function isSpan(s: string): s is Span {
  return (SPANS as readonly string[]).includes(s);
}

/** Kinds that take one value at most: adding one replaces the previous value. */
const SINGLE: ReadonlySet<FilterKind> = new Set<FilterKind>(["since", "until"]);

export function isFilterKind(s: string): s is FilterKind {
  return (FILTER_KINDS as readonly string[]).includes(s);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The date `days` days after `day` (YYYY-MM-DD, UTC calendar). */
export function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function parseView(search: string): View {
  const params = new URLSearchParams(search);
  const filters: Filter[] = [];
  let q = "";
  let radar: string | undefined;
  let span: Span | undefined;
  for (const [key, raw] of params) {
    const value = raw.trim();
    if (key === "q") {
      q = value;
    } else if (key === "radar") {
      radar = value || undefined;
    } else if (key === "view") {
      span = isSpan(value) ? value : undefined;
    } else if (isFilterKind(key) && value !== "") {
      const next = withFilter({ filters, q }, { kind: key, value });
      filters.splice(0, filters.length, ...next.filters);
    }
  }
  if (radar === undefined) return { filters, q };
  return span === undefined || span === "all" ? { filters, q, radar } : { filters, q, radar, span };
}

/** The query string (without "?") for `view`: the radar and its span, filters in the order they were added, then q. */
export function serializeView(view: View): string {
  const parts: string[] = [];
  if (view.radar !== undefined) parts.push(`radar=${encodeURIComponent(view.radar)}`);
  if (view.radar !== undefined && view.span !== undefined && view.span !== "all") parts.push(`view=${view.span}`);
  parts.push(...view.filters.map((f) => `${f.kind}=${encodeURIComponent(f.value)}`));
  if (view.q !== "") parts.push(`q=${encodeURIComponent(view.q)}`);
  return parts.join("&");
}

/** The API parameters for `view` (the same names as the URL). */
export function apiParams(view: View): URLSearchParams {
  const params = new URLSearchParams();
  for (const f of view.filters) params.append(f.kind, f.value);
  if (view.q !== "") params.set("q", view.q);
  return params;
}

function sameFilter(a: Filter, b: Filter): boolean {
  return a.kind === b.kind && a.value.toLowerCase() === b.value.toLowerCase();
}

/** `view` with `filter` added; a duplicate is ignored, a single-valued kind is replaced. */
export function withFilter(view: View, filter: Filter): View {
  if (view.filters.some((f) => sameFilter(f, filter))) return view;
  const kept = SINGLE.has(filter.kind)
    ? view.filters.filter((f) => f.kind !== filter.kind)
    : view.filters;
  return { ...view, filters: [...kept, filter] };
}

export function withoutFilter(view: View, filter: Filter): View {
  return { ...view, filters: view.filters.filter((f) => !sameFilter(f, filter)) };
}

/** The day being browsed: since and until both set to the same date. */
export function dayOf(view: View): string | null {
  const since = view.filters.find((f) => f.kind === "since")?.value;
  const until = view.filters.find((f) => f.kind === "until")?.value;
  return since !== undefined && since === until ? since : null;
}

/** `view` browsing `day` (since=until=day), or with no date bounds when `day` is null. */
export function withDay(view: View, day: string | null): View {
  const rest = view.filters.filter((f) => f.kind !== "since" && f.kind !== "until");
  if (day === null) return { ...view, filters: rest };
  return {
    ...view,
    filters: [...rest, { kind: "since", value: day }, { kind: "until", value: day }],
  };
}

export function viewKey(view: View): string {
  return serializeView(view);
}
