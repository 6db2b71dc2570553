// What the page keeps of a radar during a browser session: the papers already shown in each walk down
// its ranked list (a radar and a view: 换一批 never repeats one, across reloads of the tab), the votes and read marks, and the titles of
// papers seen (so "like your seed paper “…”" can name them). Also the mapping between a radar's lists
// and the page's chips. sessionStorage holds the shown papers; the rest lives as long as the page.

import type { Paper } from "./api";
import { RADAR_LISTS, paperRef, type Radar, type RadarEdit, type RadarListKind, type VoteValue } from "./radar-api";
import type { BatchMark } from "./feed";
import type { Filter } from "./state";

const KEY = "academichub.radar.seen.";
const AT = "academichub.radar.at.";
/** Enough for a long session of batches; the oldest are forgotten first. */
const MAX_SEEN = 2000;

function isListKind(kind: string): kind is RadarListKind {
  return kind in RADAR_LISTS;
}

/** The radar's filters as chips, in the order of the add-filter kinds. */
export function radarFilters(radar: Radar): Filter[] {
  const out: Filter[] = [];
  for (const [kind, list] of Object.entries(RADAR_LISTS) as [RadarListKind, (typeof RADAR_LISTS)[RadarListKind]][]) {
    for (const value of radar[list]) out.push({ kind, value });
  }
  return out;
}

/** The edit that adds `filter` to the radar; null for a kind the radar does not hold (dates) or a duplicate. */
export function addToRadar(radar: Radar, filter: Filter): RadarEdit | null {
  if (!isListKind(filter.kind)) return null;
  const list = RADAR_LISTS[filter.kind];
  if (radar[list].some((v) => v.toLowerCase() === filter.value.toLowerCase())) return null;
  return { [list]: [...radar[list], filter.value] };
}

/** The edit that removes `filters` (of the radar's kinds) from the radar. */
export function removeFromRadar(radar: Radar, filters: readonly Filter[]): RadarEdit {
  const edit: Record<string, string[]> = {};
  for (const f of filters) {
    if (!isListKind(f.kind)) continue;
    const list = RADAR_LISTS[f.kind];
    const from = edit[list] ?? radar[list];
    edit[list] = from.filter((v) => v.toLowerCase() !== f.value.toLowerCase());
  }
  return edit as RadarEdit;
}

/** A new radar's lists from the chips shown (dates and the search query are not part of a radar). */
export function radarFromFilters(filters: readonly Filter[]): RadarEdit {
  const edit: Record<string, string[]> = {};
  for (const f of filters) {
    if (!isListKind(f.kind)) continue;
    (edit[RADAR_LISTS[f.kind]] ??= []).push(f.value);
  }
  return edit as RadarEdit;
}

export class RadarSession {
  private readonly seenByRadar = new Map<string, string[]>();
  private readonly titles = new Map<string, string>();
  private votes = new Map<string, VoteValue>();
  private readonly read = new Set<string>();

  /** Papers (ids) shown this session in walk `radar` (a radar and its view, see main.ts walkKey). */
  seen(radar: string): readonly string[] {
    let list = this.seenByRadar.get(radar);
    if (!list) {
      list = [];
      try {
        const stored = JSON.parse(sessionStorage.getItem(KEY + radar) ?? "[]") as unknown;
        if (Array.isArray(stored)) list = stored.filter((x): x is string => typeof x === "string");
      } catch {
        // Not kept when storage is disabled: the page still never repeats within one view.
      }
      this.seenByRadar.set(radar, list);
    }
    return list;
  }

  addSeen(radar: string, ids: readonly string[]): void {
    const list = [...this.seen(radar)];
    const known = new Set(list);
    for (const id of ids) if (!known.has(id)) list.push(id);
    const kept = list.slice(-MAX_SEEN);
    this.seenByRadar.set(radar, kept);
    try {
      sessionStorage.setItem(KEY + radar, JSON.stringify(kept));
    } catch {
      // See seen().
    }
  }

  clearSeen(radar: string): void {
    this.seenByRadar.set(radar, []);
    try {
      sessionStorage.removeItem(KEY + radar);
      sessionStorage.removeItem(AT + radar);
    } catch {
      // See seen().
    }
  }

  /** Where walk `radar` goes on (the server's cursor, the next card's number); null: from the top. */
  position(radar: string): BatchMark | null {
    try {
      const at = JSON.parse(sessionStorage.getItem(AT + radar) ?? "null") as { cursor?: unknown; from?: unknown } | null;
      if (at && typeof at.cursor === "string" && typeof at.from === "number") return { cursor: at.cursor, from: at.from, seen: [] };
    } catch {
      // See seen().
    }
    return null;
  }

  /** Remembers where walk `radar` goes on; null when it is used up (it then starts again from the top). */
  setPosition(radar: string, at: BatchMark | null): void {
    try {
      if (at === null || at.cursor === null) sessionStorage.removeItem(AT + radar);
      else sessionStorage.setItem(AT + radar, JSON.stringify({ cursor: at.cursor, from: at.from }));
    } catch {
      // See seen().
    }
  }

  rememberTitles(papers: readonly Paper[]): void {
    for (const p of papers) {
      if (!p.title) continue;
      this.titles.set(String(paperRef(p)), p.title);
      this.titles.set(p.id, p.title);
    }
  }

  rememberTitle(ref: string, title: string): void {
    this.titles.set(ref, title);
  }

  titleOf(ref: string): string | undefined {
    return this.titles.get(ref);
  }

  setVotes(votes: Map<string, VoteValue>): void {
    this.votes = votes;
  }

  voteOf(p: Paper): VoteValue | undefined {
    return this.votes.get(String(paperRef(p)));
  }

  setVote(p: Paper, value: VoteValue | "clear"): void {
    if (value === "clear") this.votes.delete(String(paperRef(p)));
    else this.votes.set(String(paperRef(p)), value);
  }

  isRead(p: Paper): boolean {
    return this.read.has(String(paperRef(p)));
  }

  markRead(p: Paper): void {
    this.read.add(String(paperRef(p)));
  }
}
