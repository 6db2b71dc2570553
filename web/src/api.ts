// Typed client of the AcademicHub JSON API (/api/v1). Every call resolves to a value or throws ApiError;
// nothing here touches the DOM. Paths are resolved against the document's base URL, so the page works
// when the server mounts it under a prefix.

export interface Author {
  name: string;
  affiliation?: string | null;
}

export interface Paper {
  id: string;
  version?: number | null;
  title: string;
  abstract?: string | null;
  authors: Author[];
  categories?: string[] | null;
  primary_category?: string | null;
  published?: string | null;
  updated?: string | null;
  announced?: string | null;
  doi?: string | null;
  journal_ref?: string | null;
  comment?: string | null;
  links?: { abs?: string | null; pdf?: string | null; doi?: string | null } | null;
  /** The source of the paper's latest record (arxiv-oai, crossref, pubmed, ...). */
  source?: string | null;
  // One paper per work, merged from its sources' records. Optional: an older server omits them.
  paper_id?: number | null;
  identifiers?: { scheme: string; value: string }[] | null;
  records?: PaperRecord[] | null;
  history?: PaperEvent[] | null;
  venue?: string | null;
  venue_short?: string | null;
  volume?: string | null;
  issue?: string | null;
  pages?: string | null;
  publisher?: string | null;
  type?: string | null;
  status?: PaperStatus | null;
}

/** One source's record of a paper. */
export interface PaperRecord {
  source: string;
  source_id: string;
  fetched_at?: string | null;
  fetched_from?: string;
}

/** One event of a paper's life: kind posted, version, published, corrected, retracted, ... */
export interface PaperEvent {
  date: string | null;
  kind: string;
  label: string | null;
  source: string | null;
}

/** The paper's standing: retracted, corrected, under an expression of concern; its notices' DOIs. */
export interface PaperStatus {
  retracted?: boolean;
  corrected?: boolean;
  concern?: boolean;
  notices?: string[] | null;
  /** The latest event after the paper first appeared, e.g. {kind: "published", date: "2026-05-02"}. */
  updated?: { kind: string; date: string | null } | null;
}

export interface PageOfPapers {
  papers: Paper[];
  next_cursor: string | null;
  total?: number;
}

export interface Suggestion {
  value: string;
  label?: string;
  count?: number;
}

export interface Stats {
  papers: number;
  newest_published?: string | null;
  last_harvest?: string | null;
}

export type SuggestKind = "author" | "category" | "venue";

/** An error the page can show: an HTTP status with the server's code and message, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

function apiUrl(path: string, params?: URLSearchParams): string {
  const url = new URL(`api/v1/${path}`, document.baseURI);
  if (params) url.search = params.toString();
  return url.toString();
}

async function getJson<T>(path: string, params?: URLSearchParams, signal?: AbortSignal): Promise<T> {
  return requestJson<T>("GET", path, undefined, params, signal);
}

/** One API call: `body` (when given) is sent as JSON; resolves to the JSON object answered, else throws ApiError. */
export async function requestJson<T>(
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  params?: URLSearchParams,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  try {
    response = await fetch(apiUrl(path, params), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "unavailable", String(e));
  }
  let answer: unknown = null;
  try {
    answer = await response.json();
  } catch {
    answer = null;
  }
  if (!response.ok) {
    const err = (answer as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(response.status, err?.code ?? "http_error", err?.message ?? response.statusText);
  }
  if (response.status === 204 || (method === "DELETE" && answer === null)) return {} as T;
  if (answer === null || typeof answer !== "object") {
    throw new ApiError(response.status, "bad_response", "the answer was not a JSON object");
  }
  return answer as T;
}

/** GET /feed or, when `query` has q, GET /search; `query` carries the filters in the API's parameter names. */
export function fetchPapers(
  query: URLSearchParams,
  limit: number,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<PageOfPapers> {
  const params = new URLSearchParams(query);
  params.set("limit", String(limit));
  if (cursor) params.set("cursor", cursor);
  const q = params.get("q");
  if (q === null || q.trim() === "") {
    params.delete("q");
    return getJson<PageOfPapers>("feed", params, signal);
  }
  return getJson<PageOfPapers>("search", params, signal);
}

export function fetchSuggestions(
  kind: SuggestKind,
  prefix: string,
  signal?: AbortSignal,
): Promise<{ suggestions: Suggestion[] }> {
  const params = new URLSearchParams({ kind, prefix, limit: "8" });
  return getJson("suggest", params, signal);
}

export function fetchStats(signal?: AbortSignal): Promise<Stats> {
  return getJson<Stats>("stats", undefined, signal);
}

/** How a source is doing (GET /sources), as the server's coverage report says. */
export type SourceHealth = "ok" | "suspect" | "failing" | "pending" | "disabled" | "unavailable";

export interface SourceStatus {
  health: SourceHealth;
  reason: string | null;
  running: boolean;
  next_due: string | null;
  last_attempt: string | null;
  last_success: string | null;
  stale_seconds: number | null;
  suspect: boolean;
  last_run: { records: number; inserted: number; updated: number; ok: boolean } | null;
  failures: { at: string; code: string; message: string }[];
  budget_left: number | null;
  budget_spent: boolean;
}

export interface Source {
  name: string;
  kind: string;
  title: string;
  enabled: boolean;
  host: string;
  status: SourceStatus;
}

export interface SourceList {
  generated_at: string;
  summary: Record<SourceHealth | "total" | "enabled" | "running", number>;
  sources: Source[];
  catalogue_error: string | null;
  harvesting?: boolean;
}

export function fetchSources(signal?: AbortSignal): Promise<SourceList> {
  return getJson<SourceList>("sources", undefined, signal);
}
