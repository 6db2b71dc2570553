// A radar's feed on the page: the batcher that walks its ranked list (GET /radars/{id}/feed, the
// server's cursor carrying the session, and what this tab has shown skipped), and what a ranked
// card's buttons do — 👍 / 👎, not interested, mark read, add as a seed — through the API, with the
// card updated or faded out. The page (main.ts) owns the view, the batcher and the shown batch.

import { ApiError, type PageOfPapers } from "./api";
import { Batcher, type Batch } from "./feed";
import { t } from "./i18n";
import { fetchRadarFeed, markSeen, paperRef, vote, type Radar, type RadarEdit, type RankedPaper, type VoteValue } from "./radar-api";
import type { RadarCardActions } from "./radar-card";
import type { RadarSession } from "./radar-session";
import type { View } from "./state";

const isDate = (kind: string): boolean => kind === "since" || kind === "until";

/**
 * One walk down a radar's ranked list: the radar and its view (today / week / all, dates). Within a walk
 * no paper shows twice in a session; another view is another walk (its newest papers may have been seen
 * in "everything" and are still today's).
 */
export function walkKey(radar: Radar, view: View): string {
  const dates = view.filters.filter((f) => isDate(f.kind)).map((f) => `${f.kind}=${f.value}`);
  return [radar.id, view.span ?? "all", ...dates].join("|");
}

/**
 * The batcher of `radar`'s feed for `view`. It goes on where this tab's session left the walk (the
 * server's cursor carries its session), not from a history entry's batch, and skips every paper the
 * walk has shown.
 */
export function radarBatcher(radar: Radar, view: View, session: RadarSession, size: number): Batcher {
  const query = {
    span: view.span ?? "all",
    since: view.filters.find((f) => f.kind === "since")?.value,
    until: view.filters.find((f) => f.kind === "until")?.value,
  } as const;
  const walk = walkKey(radar, view);
  const fetchPage = async (limit: number, cursor: string | null, signal?: AbortSignal): Promise<PageOfPapers> => {
    try {
      return await fetchRadarFeed(radar.id, query, limit, cursor, signal);
    } catch (e) {
      // A cursor the server no longer knows (it restarted): walk again from the top, skipping what was shown.
      if (cursor !== null && e instanceof ApiError && e.status === 400) return fetchRadarFeed(radar.id, query, limit, null, signal);
      throw e;
    }
  };
  return new Batcher(new URLSearchParams(), size, session.position(walk) ?? undefined, {
    fetchPage,
    skip: session.seen(walk),
    maxRequests: 10,
  });
}

/** Records a batch of the walk: its papers as shown, where the walk goes on, their titles. */
export function rememberBatch(radar: Radar, view: View, session: RadarSession, batcher: Batcher, batch: Batch): void {
  const walk = walkKey(radar, view);
  session.addSeen(walk, batch.papers.map((p) => p.id));
  // A walk used up starts again from the top next time (the page said so: "Start again").
  if (batcher.exhausted) session.clearSeen(walk);
  else session.setPosition(walk, { cursor: batcher.nextCursor, from: batch.from + batch.papers.length, seen: [] });
  session.rememberTitles(batch.papers);
}

export interface RadarFeedDeps {
  /** The radar shown, if any. */
  radar(): Radar | null;
  session: RadarSession;
  /** The section holding the cards, the live status line, and where focus goes when no card is left. */
  papers: HTMLElement;
  status: HTMLElement;
  fallbackFocus: HTMLElement;
  /** A card was taken off the batch (👎 or not interested): the page drops it from what it shows. */
  removed(paper: RankedPaper): void;
  /** PATCHes the radar (the panel shows errors). */
  edit(fields: RadarEdit, refeed: boolean): Promise<Radar | null>;
}

export function radarCardActions(deps: RadarFeedDeps): RadarCardActions {
  const cardOf = (paper: RankedPaper): HTMLElement | null =>
    deps.papers.querySelector<HTMLElement>(`.card[data-paper-id="${CSS.escape(paper.id)}"]`);

  const failed = (e: unknown): void => {
    deps.status.textContent = t("voteFailed", { message: e instanceof ApiError ? e.message : String(e) });
  };

  /** Fades a card out and takes it off the batch; focus moves to the next card. */
  const remove = (paper: RankedPaper): void => {
    deps.removed(paper);
    deps.status.textContent = t("cardDismissed");
    const card = cardOf(paper);
    const item = card?.closest("li");
    if (!card || !item) return;
    const next = item.nextElementSibling ?? item.previousElementSibling;
    card.classList.add("is-leaving");
    const done = (): void => {
      item.remove();
      const target = next?.querySelector<HTMLElement>(".vote-up") ?? deps.fallbackFocus;
      target.focus({ preventScroll: true });
    };
    if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) done();
    else window.setTimeout(done, 320);
  };

  const settle = (paper: RankedPaper, selector: string, text: string): void => {
    const button = cardOf(paper)?.querySelector<HTMLButtonElement>(selector);
    if (button) {
      button.textContent = text;
      button.disabled = true;
    }
  };

  return {
    voteOf: (p) => deps.session.voteOf(p),
    isRead: (p) => deps.session.isRead(p),
    isSeed: (p) => deps.radar()?.seeds.some((s) => String(s) === String(paperRef(p))) ?? false,
    titleOf: (ref) => deps.session.titleOf(ref),
    vote(paper, value: VoteValue | "clear") {
      const radar = deps.radar();
      if (!radar) return;
      vote(radar.id, paperRef(paper), value)
        .then(() => {
          deps.session.setVote(paper, value);
          // The server retrained the radar: the next batch (following next_cursor) reflects the vote.
          if (value === "down") {
            remove(paper);
            return;
          }
          const card = cardOf(paper);
          card?.querySelector(".vote-up")?.setAttribute("aria-pressed", String(value === "up"));
          card?.querySelector(".vote-down")?.setAttribute("aria-pressed", "false");
        })
        .catch(failed);
    },
    dismiss(paper) {
      const radar = deps.radar();
      if (!radar) return;
      markSeen(radar.id, [paperRef(paper)], "dismissed")
        .then(() => remove(paper))
        .catch(failed);
    },
    read(paper) {
      const radar = deps.radar();
      if (!radar) return;
      markSeen(radar.id, [paperRef(paper)], "read")
        .then(() => {
          deps.session.markRead(paper);
          cardOf(paper)?.classList.add("is-read");
          settle(paper, ".mark-read", t("cardIsRead"));
        })
        .catch(failed);
    },
    seed(paper) {
      const radar = deps.radar();
      if (!radar) return;
      deps.session.rememberTitles([paper]);
      void deps.edit({ seeds: [...radar.seeds, paperRef(paper)] }, false).then((next) => {
        if (next) settle(paper, ".add-seed", t("cardIsSeed"));
      });
    },
  };
}
