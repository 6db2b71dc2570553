// The home page: reads the view from the URL, loads batches of the feed (or search results), renders
// chips and cards, and keeps URL, history and language in step. Single-threaded; one load at a time
// (a newer load aborts the older one).

import "./styles.css";
import { ApiError, fetchStats, type Paper, type Stats } from "./api";
import { renderCard, updateToggles } from "./cards";
import { attachNotes } from "./paper-notes";
import { renderChips, setupAddFilter } from "./chips";
import { appendWithCode, applyStaticStrings, byId, el, formatTimestamp } from "./dom";
import { Batcher, type Batch, type BatchMark } from "./feed";
import { LANGS, formatCount, initialLang, lang, rememberLang, setLang, t, type Lang } from "./i18n";
import { hasMath, loadMath } from "./math";
import { setupBriefing } from "./briefing-panel";
import { setupPrefs } from "./prefs";
import { setupSources } from "./sources-panel";
import { fetchVotes, type Radar } from "./radar-api";
import { decorateCard } from "./radar-card";
import { radarBatcher, radarCardActions, rememberBatch, walkKey } from "./radar-feed";
import { setupRadarPanel } from "./radar-panel";
import { RadarSession, addToRadar, radarFilters, radarFromFilters, removeFromRadar } from "./radar-session";
import {
  apiParams,
  dayOf,
  isIsoDate,
  parseView,
  serializeView,
  shiftDay,
  viewKey,
  withDay,
  withFilter,
  withoutFilter,
  type Filter,
  type Span,
  type View,
} from "./state";

const BATCH_SIZE = 10;

interface HistoryState {
  key: string;
  mark: BatchMark;
}

const papersEl = byId("papers");
const statusEl = byId("status");
const feedEndEl = byId("feed-end");
const anotherBtn = byId<HTMLButtonElement>("another");
const chipsEl = byId("chips");
const searchForm = byId<HTMLFormElement>("search");
const searchInput = byId<HTMLInputElement>("q");
const searchClear = byId<HTMLButtonElement>("search-clear");
const dayInput = byId<HTMLInputElement>("day");
const statsLine = byId("stats-line");

let view: View = parseView(location.search);
let batcher = new Batcher(apiParams(view), BATCH_SIZE);
const session = new RadarSession();
let shown: { batch: Batch; papers: readonly Paper[] } | null = null;
let stats: Stats | null = null;
let controller: AbortController | null = null;
let lastError: ApiError | null = null;
let busy = false;

/** 换一批 is off while a batch loads and when the whole view fitted in one batch (nothing else to show). */
function updateAnotherBtn(): void {
  const single = shown !== null && shown.batch.last && shown.batch.from === 1;
  anotherBtn.disabled = busy || single;
}

setLang(initialLang());

function navigate(next: View): void {
  if (viewKey(next) === viewKey(view)) return;
  view = next;
  radarPanel.notice(null);
  const query = serializeView(view);
  history.pushState(null, "", query ? `?${query}` : location.pathname);
  startView(undefined);
}

function addFilter(filter: Filter): void {
  const radar = activeRadar();
  // In a radar, a chip of the radar's kinds edits the radar (a duplicate does nothing); dates stay in the URL.
  if (radar && !isDate(filter)) {
    const edit = addToRadar(radar, filter);
    if (edit) void radarPanel.edit(edit);
    return;
  }
  navigate(withFilter(view, filter));
}

/** The radar whose feed is shown, when one is (loaded and named by the URL). */
function activeRadar(): Radar | null {
  const radar = radarPanel.active();
  return radar && view.radar !== undefined ? radar : null;
}

const isDate = (f: Filter): boolean => f.kind === "since" || f.kind === "until";

const CARD_ACTIONS = {
  onAuthor: (name: string) => addFilter({ kind: "author", value: name }),
  onVenue: (venue: string) => addFilter({ kind: "venue", value: venue }),
  onSource: (source: string) => addFilter({ kind: "source", value: source }),
};

function renderControls(): void {
  const radar = activeRadar();
  if (radar) {
    // A radar's chips are its filters (edited on the server) and the view's dates (in the URL).
    const chipView: View = { filters: [...radarFilters(radar), ...view.filters.filter(isDate)], q: "" };
    renderChips(chipsEl, chipView, {
      remove: (filters) => {
        if (filters.some((f) => !isDate(f))) void radarPanel.edit(removeFromRadar(radar, filters));
        if (filters.some(isDate)) navigate(filters.filter(isDate).reduce(withoutFilter, view));
      },
      clearAll: () => {
        void radarPanel.edit(removeFromRadar(radar, radarFilters(radar)));
        navigate({ ...view, filters: [] });
      },
    });
  } else {
    renderChips(chipsEl, view, {
      remove: (filters) => navigate(filters.reduce(withoutFilter, view)),
      clearAll: () => navigate({ filters: [], q: view.q }),
    });
  }
  spanGroup.hidden = radar === null;
  dayGroup.hidden = radar !== null;
  for (const b of spanGroup.querySelectorAll<HTMLButtonElement>(".span-btn")) {
    b.setAttribute("aria-pressed", String(b.dataset.span === (view.span ?? "all")));
  }
  if (document.activeElement !== searchInput) searchInput.value = view.q;
  searchClear.hidden = view.q === "";
  const day = dayOf(view);
  dayInput.value = day ?? "";
  byId<HTMLButtonElement>("day-next").disabled = day === null;
  byId<HTMLButtonElement>("day-all").hidden =
    !view.filters.some((f) => f.kind === "since" || f.kind === "until");
}

/** A batcher for the view: the radar's ranked feed (radar-feed.ts), else /feed or /search. */
function makeBatcher(resume: BatchMark | undefined): Batcher {
  const radar = activeRadar();
  return radar ? radarBatcher(radar, view, session, BATCH_SIZE) : new Batcher(apiParams(view), BATCH_SIZE, resume);
}

/** Loads the radar the URL names, then starts its view; a radar that is gone falls back to all papers. */
function loadRadarThenStart(resume: BatchMark | undefined): void {
  const wanted = view.radar;
  controller?.abort();
  shown = null;
  renderSkeleton();
  void radarPanel.activate(wanted).then((radar) => {
    if (view.radar !== wanted) return;
    if (radar) {
      radarPanel.notice(null);
      if (radar.votes) session.setVotes(radar.votes);
      else
        void fetchVotes(radar.id)
          .then((votes) => session.setVotes(votes))
          .catch(() => session.setVotes(new Map()));
    } else {
      radarPanel.notice(() => t("radarNotFound", { name: wanted ?? "" }));
      view = { filters: view.filters, q: view.q };
      const query = serializeView(view);
      history.replaceState(null, "", query ? `?${query}` : location.pathname);
    }
    startView(radar ? resume : undefined);
  });
}

/** Starts the current view from its first batch, or from `resume` (a history entry's batch). */
function startView(resume: BatchMark | undefined): void {
  const loaded = radarPanel.active();
  if (view.radar !== undefined && loaded?.name !== view.radar && loaded?.id !== view.radar) {
    loadRadarThenStart(resume);
    return;
  }
  if (view.radar === undefined && loaded) void radarPanel.activate(undefined);
  batcher = makeBatcher(resume);
  shown = null;
  briefing.reset();
  renderControls();
  renderSkeleton();
  void loadBatch();
}

function renderSkeleton(): void {
  papersEl.setAttribute("aria-busy", "true");
  if (papersEl.querySelector(".card")) {
    papersEl.classList.add("is-loading");
    return;
  }
  papersEl.replaceChildren();
  for (let i = 0; i < 3; i++) papersEl.append(el("div", "card skeleton"));
  statusEl.textContent = t("loading");
  feedEndEl.hidden = true;
}

async function loadBatch(): Promise<void> {
  controller?.abort();
  const mine = new AbortController();
  controller = mine;
  busy = true;
  updateAnotherBtn();
  try {
    const batch = await batcher.next(mine.signal);
    if (batch.papers.some((p) => hasMath(p.title) || hasMath(p.abstract ?? ""))) await loadMath();
    if (mine.signal.aborted) return;
    lastError = null;
    const radar = activeRadar();
    if (radar) rememberBatch(radar, view, session, batcher, batch);
    if (batch.papers.length === 0 && shown !== null) {
      // The cursor said there was more, but nothing new came: keep the cards, say the feed is used up.
      shown = { batch: { ...shown.batch, last: true }, papers: shown.papers };
    } else {
      shown = { batch, papers: batch.papers };
      const state: HistoryState = { key: viewKey(view), mark: batcher.currentMark };
      history.replaceState(state, "", location.href);
    }
    if (shown.papers.length === 0 && stats === null) await refreshStats();
    renderPapers();
  } catch (e) {
    if (mine.signal.aborted) return;
    lastError = e instanceof ApiError ? e : new ApiError(0, "unavailable", String(e));
    renderPapers();
  } finally {
    if (controller === mine) {
      busy = false;
      controller = null;
      updateAnotherBtn();
    }
  }
}

function renderPapers(): void {
  briefing.update();
  papersEl.classList.remove("is-loading");
  papersEl.setAttribute("aria-busy", "false");
  feedEndEl.hidden = true;
  feedEndEl.replaceChildren();
  anotherBtn.textContent = t("anotherBatch");
  anotherBtn.hidden = false;

  if (lastError) {
    papersEl.replaceChildren(renderError(lastError));
    statusEl.textContent = "";
    anotherBtn.hidden = true;
    return;
  }
  if (!shown) return;
  const { batch, papers } = shown;
  if (papers.length === 0) {
    papersEl.replaceChildren(renderEmpty());
    statusEl.textContent = "";
    anotherBtn.hidden = true;
    return;
  }
  const list = el("ol", "cards");
  list.start = batch.from;
  const ranked = activeRadar() !== null;
  papers.forEach((paper, i) => {
    const item = el("li");
    const card = renderCard(paper, batch.from + i, CARD_ACTIONS);
    attachNotes(card, paper);
    if (ranked) decorateCard(card, paper, RADAR_ACTIONS);
    item.append(card);
    list.append(item);
  });
  papersEl.replaceChildren(list);
  requestAnimationFrame(() => updateToggles(papersEl));

  const to = batch.from + papers.length - 1;
  const range = t("batchShown", { from: batch.from, to });
  statusEl.textContent =
    batch.total !== undefined
      ? `${t("resultsCount", { n: formatCount(batch.total), q: view.q })} · ${range}`
      : range;
  if (batch.last) {
    if (batch.from > 1) anotherBtn.textContent = t("startAgain");
    const note = el("p", undefined, t(batch.from > 1 ? "feedEnd" : "feedAllShown", { n: formatCount(to) }));
    const again = el("button", "link-btn", t("feedEndAgain"));
    again.type = "button";
    again.addEventListener("click", () => restart());
    feedEndEl.append(note);
    if (batch.from > 1) feedEndEl.append(again);
    feedEndEl.hidden = false;
  }
}

function renderError(error: ApiError): HTMLElement {
  const box = el("div", "state state-error");
  box.setAttribute("role", "alert");
  box.append(el("h2", undefined, t("errorTitle")));
  const message =
    error.status === 0
      ? t("errorNetwork")
      : t("errorHttp", { status: error.status, message: error.message });
  box.append(el("p", undefined, message));
  const retry = el("button", "btn", t("retry"));
  retry.type = "button";
  retry.addEventListener("click", () => {
    lastError = null;
    startView(batcher.currentMark);
  });
  box.append(retry);
  return box;
}

function renderEmpty(): HTMLElement {
  const box = el("div", "state state-empty");
  if (activeRadar()) {
    box.append(el("h2", undefined, t("radarFeedEmpty")));
    box.append(el("p", undefined, t("radarFeedEmptyHint")));
    // Wider views, one click away.
    const spans: Span[] = view.span === "today" ? ["week", "all"] : view.span === "week" ? ["all"] : [];
    for (const span of spans) {
      const go = el("button", "link-btn", t(span === "week" ? "spanWeek" : "spanAll"));
      go.type = "button";
      go.addEventListener("click", () => navigate({ ...view, span: span === "all" ? undefined : span }));
      box.append(go, " ");
    }
    return box;
  }
  const filtered = view.filters.length > 0 || view.q !== "";
  if (filtered || (stats !== null && stats.papers > 0)) {
    box.append(el("h2", undefined, t("emptyFiltered")));
    box.append(el("p", undefined, t("emptyFilteredHint")));
    return box;
  }
  const p = el("p");
  appendWithCode(
    p,
    stats?.last_harvest
      ? t("emptyStoreHarvested", { time: formatTimestamp(stats.last_harvest) })
      : t("emptyStoreNever"),
  );
  box.append(p);
  return box;
}

function restart(): void {
  const radar = activeRadar();
  if (radar) session.clearSeen(walkKey(radar, view));
  startView(undefined);
  papersEl.focus({ preventScroll: true });
}

function anotherBatch(): void {
  if (anotherBtn.disabled || anotherBtn.hidden) return;
  if (batcher.exhausted) {
    restart();
    return;
  }
  renderSkeleton();
  briefing.reset();
  void loadBatch().then(() => {
    const top = papersEl.getBoundingClientRect().top;
    if (top < 0) papersEl.scrollIntoView({ block: "start" });
  });
}

async function refreshStats(): Promise<void> {
  try {
    stats = await fetchStats();
  } catch {
    stats = null;
  }
  renderStats();
}

function renderStats(): void {
  if (!stats) {
    statsLine.textContent = "";
    return;
  }
  statsLine.textContent = t("statsLine", {
    n: formatCount(stats.papers),
    newest: stats.newest_published ? stats.newest_published.slice(0, 10) : "—",
    time: stats.last_harvest ? formatTimestamp(stats.last_harvest) : t("statsNever"),
  });
}

function applyLang(next: Lang): void {
  setLang(next);
  applyStaticStrings(document);
  for (const b of document.querySelectorAll<HTMLButtonElement>(".lang-btn")) {
    b.setAttribute("aria-pressed", String(b.dataset.lang === next));
  }
  addFilterUi.relabel();
  prefs.relabel();
  sourcesPanel.relabel();
  briefing.relabel();
  radarPanel.relabel();
  renderControls();
  renderStats();
  if (shown || lastError) renderPapers();
  else anotherBtn.textContent = t("anotherBatch");
  if (!shown && !lastError) statusEl.textContent = t("loading");
}

const addFilterUi = setupAddFilter(
  {
    toggle: byId<HTMLButtonElement>("add-filter-toggle"),
    form: byId<HTMLFormElement>("add-filter"),
    kind: byId<HTMLSelectElement>("filter-kind"),
    input: byId<HTMLInputElement>("filter-value"),
    listbox: byId<HTMLUListElement>("suggestions"),
    error: byId("filter-error"),
  },
  addFilter,
);
const prefs = setupPrefs();
const sourcesPanel = setupSources();
const briefing = setupBriefing(
  byId<HTMLButtonElement>("brief-btn"),
  byId("brief-panel"),
  papersEl,
  () => (shown && !lastError ? shown.papers : []),
  () => activeRadar()?.id ?? null,
);
const spanGroup = byId("span");
const dayGroup = byId("day-group");

const radarPanel = setupRadarPanel({
  select: (name) => navigate(name === undefined ? { filters: view.filters.filter(isDate), q: "" } : { filters: view.filters.filter(isDate), q: "", radar: name }),
  changed: (_radar, refeed) => {
    renderControls();
    if (refeed) startView(undefined);
  },
  fromChips: () => radarFromFilters(activeRadar() ? radarFilters(activeRadar()!) : view.filters),
  titleOf: (ref) => session.titleOf(ref),
  rememberTitle: (ref, title) => session.rememberTitle(ref, title),
});

for (const b of spanGroup.querySelectorAll<HTMLButtonElement>(".span-btn")) {
  b.addEventListener("click", () => {
    const span = b.dataset.span as Span;
    if (view.radar !== undefined) navigate({ ...view, span: span === "all" ? undefined : span });
  });
}

const RADAR_ACTIONS = radarCardActions({
  radar: activeRadar,
  session,
  papers: papersEl,
  status: statusEl,
  fallbackFocus: anotherBtn,
  removed: (paper) => {
    batcher.skip(paper.id);
    if (shown) shown = { batch: shown.batch, papers: shown.papers.filter((p) => p.id !== paper.id) };
  },
  edit: (fields, refeed) => radarPanel.edit(fields, refeed),
});

for (const b of document.querySelectorAll<HTMLButtonElement>(".lang-btn")) {
  b.addEventListener("click", () => {
    const l = LANGS.find((x) => x === b.dataset.lang);
    if (!l || l === lang()) return;
    rememberLang(l);
    applyLang(l);
  });
}

searchForm.addEventListener("submit", (e) => {
  e.preventDefault();
  // A search looks through all papers: it leaves the radar.
  navigate({ filters: view.radar === undefined ? view.filters : view.filters.filter(isDate), q: searchInput.value.trim() });
});
searchInput.addEventListener("input", () => {
  searchClear.hidden = searchInput.value === "" && view.q === "";
});
searchClear.addEventListener("click", () => {
  searchInput.value = "";
  navigate({ ...view, q: "" });
  searchInput.focus();
});

function newestDay(): string {
  const newest = stats?.newest_published?.slice(0, 10);
  return newest && isIsoDate(newest) ? newest : new Date().toISOString().slice(0, 10);
}
byId("day-prev").addEventListener("click", () => {
  const day = dayOf(view);
  navigate(withDay(view, day === null ? newestDay() : shiftDay(day, -1)));
});
byId("day-next").addEventListener("click", () => {
  const day = dayOf(view);
  if (day !== null) navigate(withDay(view, shiftDay(day, 1)));
});
byId("day-all").addEventListener("click", () => navigate(withDay(view, null)));
dayInput.addEventListener("change", () => {
  if (dayInput.value === "") navigate(withDay(view, null));
  else if (isIsoDate(dayInput.value)) navigate(withDay(view, dayInput.value));
});

anotherBtn.addEventListener("click", () => anotherBatch());

document.addEventListener("keydown", (e) => {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target as HTMLElement | null;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
  if (e.key === "n" || e.key === "N") {
    e.preventDefault();
    anotherBatch();
  } else if (e.key === "/") {
    e.preventDefault();
    searchInput.focus();
    searchInput.select();
  }
});

window.addEventListener("popstate", (e) => {
  view = parseView(location.search);
  const state = e.state as HistoryState | null;
  startView(state && state.key === viewKey(view) ? state.mark : undefined);
});

window.addEventListener("resize", () => updateToggles(papersEl));

applyLang(lang());
document.documentElement.dataset.ready = "";
const initial = history.state as HistoryState | null;
startView(initial && initial.key === viewKey(view) ? initial.mark : undefined);
void refreshStats();
void sourcesPanel.refresh();
void radarPanel.refresh();
