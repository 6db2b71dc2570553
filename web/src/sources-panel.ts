// The side panel's source list: every source of the server's catalogue with how it is doing (GET
// /sources), a one-line summary and, folded away, the whole list with what needs attention first.
// Names and the server's reasons are data, shown as they come; everything else is from the string table.

import { fetchSources, type Source, type SourceList } from "./api";
import { byId, el } from "./dom";
import { t, type MsgKey } from "./i18n";
import { ageOf, sortSources, summaryCounts, type Age } from "./sources";

const HEALTH: Record<string, MsgKey> = {
  ok: "healthOk",
  suspect: "healthSuspect",
  failing: "healthFailing",
  pending: "healthPending",
  disabled: "healthDisabled",
  unavailable: "healthUnavailable",
};

const COUNTS: Record<string, MsgKey> = {
  ok: "sourcesCountOk",
  failing: "sourcesCountFailing",
  suspect: "sourcesCountSuspect",
  pending: "sourcesCountPending",
  unavailable: "sourcesCountUnavailable",
};

// Names of the services; a journal's own feed is described in words.
const KINDS: Record<string, string> = {
  arxiv: "arXiv",
  crossref: "Crossref",
  pubmed: "PubMed",
  openalex: "OpenAlex",
  biorxiv: "bioRxiv",
};

function ageText(age: Age): string {
  if (age.unit === "now") return t("ageNow");
  const key: MsgKey = age.unit === "minutes" ? "ageMinutes" : age.unit === "hours" ? "ageHours" : "ageDays";
  return t(key, { n: age.n });
}

function renderSource(source: Source, now: string): HTMLLIElement {
  const s = source.status;
  const item = el("li", `source source-${s.health}`);
  item.dataset.source = source.name;
  item.dataset.health = s.health;
  const head = el("div", "source-head");
  head.append(el("span", "source-dot"));
  const name = el("span", "source-name", source.title || source.name);
  name.dataset.paperText = "";
  head.append(name, el("span", "source-kind", source.kind === "feed" ? t("sourcesKindFeed") : (KINDS[source.kind] ?? source.kind)));
  item.append(head);

  const facts = [t(HEALTH[s.health] ?? "healthOk")];
  if (s.running) facts.push(t("sourcesRunning"));
  const age = ageOf(s.last_success, now);
  if (age) facts.push(t("sourcesLastSuccess", { age: ageText(age) }));
  if (s.last_run && s.last_run.ok && s.last_run.inserted > 0) facts.push(t("sourcesNew", { n: s.last_run.inserted }));
  item.append(el("div", "source-state", facts.join(" · ")));
  if ((s.health === "failing" || s.health === "suspect") && s.reason) {
    const reason = el("div", "source-reason", s.reason);
    reason.dataset.paperText = "";
    item.append(reason);
  }
  return item;
}

export interface SourcesPanel {
  /** Loads the list from the server and shows it. */
  refresh(): Promise<void>;
  /** Renders what was loaded again in the current language. */
  relabel(): void;
}

export function setupSources(): SourcesPanel {
  const panel = byId("sources-panel");
  const summary = byId("sources-summary");
  const note = byId("sources-note");
  const details = byId<HTMLDetailsElement>("sources-details");
  const list = byId<HTMLUListElement>("sources-list");
  let data: SourceList | null = null;
  let failed = false;

  function render(): void {
    if (!data && !failed) return;
    panel.hidden = false;
    if (!data) {
      summary.textContent = t("sourcesError");
      note.hidden = true;
      details.hidden = true;
      return;
    }
    const parts = [t("sourcesSummary", { on: data.summary.enabled, total: data.summary.total })];
    for (const [health, n] of summaryCounts(data.summary)) {
      const key = COUNTS[health];
      if (key) parts.push(t(key, { n }));
    }
    summary.textContent = parts.join(" · ");
    const noteKey: MsgKey | null = data.catalogue_error
      ? "sourcesCatalogueError"
      : data.harvesting === false
        ? "sourcesNotHarvesting"
        : null;
    note.hidden = noteKey === null;
    note.textContent = noteKey ? t(noteKey) : "";
    if (data.catalogue_error) note.title = data.catalogue_error;
    details.hidden = data.sources.length === 0;
    const now = data.generated_at;
    list.replaceChildren(...sortSources(data.sources).map((s) => renderSource(s, now)));
  }

  async function refresh(): Promise<void> {
    try {
      data = await fetchSources();
      failed = false;
    } catch {
      data = null;
      failed = true;
    }
    render();
  }

  return { refresh, relabel: render };
}
