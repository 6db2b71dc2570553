// Batches of one view's feed: each batch follows next_cursor from the previous one and skips papers
// already shown, so no paper repeats until the feed is used up. Not shared between views: the page makes
// a new Batcher whenever the filters or the query change. A radar's feed comes through `fetchPage`
// (its own endpoint), with papers already seen this session to skip.

import { fetchPapers, type PageOfPapers, type Paper } from "./api";

/** One page of a feed: up to `limit` papers after `cursor`. */
export type PageFetcher = (limit: number, cursor: string | null, signal?: AbortSignal) => Promise<PageOfPapers>;

export interface Batch {
  readonly papers: readonly Paper[];
  /** 1-based position of the first paper of the batch in the feed. */
  readonly from: number;
  /** True when the server has nothing after this batch. */
  readonly last: boolean;
  /** The server's total for a search, when it gave one. */
  readonly total: number | undefined;
}

/** Where a batch started: enough to load the same batch again (history.state keeps it). */
export interface BatchMark {
  readonly cursor: string | null;
  readonly from: number;
  readonly seen: readonly string[];
}

const MAX_REQUESTS_PER_BATCH = 4;

export interface BatcherOptions {
  /** Where pages come from (default: GET /feed or /search with the query). */
  fetchPage?: PageFetcher;
  /** Ids never to show (already seen this session, dismissed, voted down). */
  skip?: Iterable<string>;
  /** Requests one batch may make when pages bring only papers already seen. */
  maxRequests?: number;
}

export class Batcher {
  private cursor: string | null;
  private nextFrom: number;
  private readonly seen: Set<string>;
  private started = false;
  private done = false;
  private mark: BatchMark;
  private readonly fetchPage: PageFetcher;
  private readonly maxRequests: number;

  constructor(
    query: URLSearchParams,
    private readonly size: number,
    resume?: BatchMark,
    options: BatcherOptions = {},
  ) {
    this.fetchPage = options.fetchPage ?? ((limit, cursor, signal) => fetchPapers(query, limit, cursor, signal));
    this.maxRequests = options.maxRequests ?? MAX_REQUESTS_PER_BATCH;
    this.cursor = resume?.cursor ?? null;
    this.nextFrom = resume?.from ?? 1;
    this.seen = new Set([...(resume?.seen ?? []), ...(options.skip ?? [])]);
    this.started = resume !== undefined && resume.cursor !== null;
    this.mark = { cursor: this.cursor, from: this.nextFrom, seen: [...this.seen] };
  }

  /** True once a batch came back with no next cursor. */
  get exhausted(): boolean {
    return this.done;
  }

  /** The start of the batch most recently returned by next(). */
  get currentMark(): BatchMark {
    return this.mark;
  }

  /** Never shows `id` from now on (a dismissed or voted-down paper). */
  skip(id: string): void {
    this.seen.add(id);
  }

  /** The cursor the next batch starts from (null: the top, or nothing more when exhausted). */
  get nextCursor(): string | null {
    return this.cursor;
  }

  /** Papers shown so far, this batch included. */
  get seenCount(): number {
    return this.seen.size;
  }

  /** The next batch of up to `size` papers not shown before (fewer only at the end of the feed). */
  async next(signal?: AbortSignal): Promise<Batch> {
    const startMark: BatchMark = { cursor: this.cursor, from: this.nextFrom, seen: [...this.seen] };
    if (this.done) return { papers: [], from: this.nextFrom, last: true, total: undefined };
    const papers: Paper[] = [];
    let total: number | undefined;
    let requests = 0;
    while (papers.length < this.size && requests < this.maxRequests) {
      if (this.started && this.cursor === null) {
        this.done = true;
        break;
      }
      const page = await this.fetchPage(this.size - papers.length, this.cursor, signal);
      requests++;
      this.started = true;
      total ??= page.total;
      for (const p of page.papers) {
        if (this.seen.has(p.id) || papers.length >= this.size) continue;
        this.seen.add(p.id);
        papers.push(p);
      }
      this.cursor = page.next_cursor ?? null;
      if (this.cursor === null) {
        this.done = true;
        break;
      }
    }
    const from = this.nextFrom;
    this.nextFrom += papers.length;
    this.mark = startMark;
    return { papers, from, last: this.done, total };
  }
}
