// Builds one paper card as DOM nodes. Paper fields are only ever set as text (textContent / text nodes)
// or, for $math$, through KaTeX; URLs become hrefs only when they are http(s).

import type { Paper } from "./api";
import { el } from "./dom";
import { t, type MsgKey } from "./i18n";
import { appendRich } from "./math";
import {
  JOURNAL_FEED,
  categoryLabel,
  categorySource,
  citationDetail,
  doiHref,
  externalLinks,
  historySteps,
  historyWorthShowing,
  identifier,
  noticeType,
  paperSources,
  shownVenue,
  sourceName,
  statusBadges,
  updateNote,
  type Badge,
  type HistoryStep,
  type NoticeType,
  type StepKind,
} from "./paper-meta";

const MAX_AUTHORS = 12;

export interface CardActions {
  /** Called when an author's name is clicked: the page adds an author chip. */
  onAuthor(name: string): void;
  /** Called when the venue is clicked: the page adds a venue chip. */
  onVenue?(venue: string): void;
  /** Called when a source is clicked with its filter value ("arxiv", "crossref", ...). */
  onSource?(source: string): void;
}

/** A source's name for a reader: "arXiv", "Crossref", ..., a journal feed in the page's language. */
export function sourceLabel(source: string): string {
  return source === JOURNAL_FEED ? t("cardSourceFeed") : sourceName(source);
}

/** YYYY-MM-DD of publication, else of announcement, else "". */
export function paperDate(paper: Paper): { date: string; announced: boolean } {
  if (paper.published) return { date: paper.published.slice(0, 10), announced: false };
  if (paper.announced) return { date: paper.announced.slice(0, 10), announced: true };
  return { date: "", announced: false };
}

function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url, document.baseURI);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}

const STEP_NAME: Partial<Record<StepKind, MsgKey>> = {
  published: "histPublished",
  corrected: "histCorrected",
  retracted: "histRetracted",
  concern: "histConcern",
  withdrawn: "histWithdrawn",
  notice: "histNotice",
};

const BADGE_TEXT: Readonly<Record<Badge["kind"], MsgKey>> = {
  retracted: "badgeRetracted",
  concern: "badgeConcern",
  withdrawn: "badgeWithdrawn",
  corrected: "badgeCorrected",
};

const NOTICE_TEXT: Readonly<Record<NoticeType, MsgKey>> = {
  retraction: "typeRetraction",
  correction: "typeCorrection",
  concern: "typeConcern",
};

const UPDATE_TEXT: Partial<Record<string, MsgKey>> = {
  posted: "updPosted",
  version: "updVersion",
  published: "updPublished",
  corrected: "updCorrected",
  retracted: "updRetracted",
  concern: "updConcern",
  withdrawn: "updWithdrawn",
  notice: "updNotice",
};

/** A button that looks like text and adds a filter when clicked (authors, venue, sources). */
function filterButton(className: string, text: string, title: string, onClick: () => void): HTMLButtonElement {
  const button = el("button", `filter-link ${className}`, text);
  button.type = "button";
  button.title = title;
  button.addEventListener("click", onClick);
  return button;
}

/** "Nature Methods 23(5):101–110": the venue (a filter button) and its volume, issue and pages. */
function renderVenue(paper: Paper, actions: CardActions): HTMLElement | null {
  const venue = shownVenue(paper);
  if (!venue) return null;
  const span = el("span", "card-venue");
  span.dataset.paperText = "";
  const filter = paper.venue || venue;
  span.append(filterButton("venue-filter", venue, t("cardVenueFilter", { venue: filter }), () => actions.onVenue?.(filter)));
  const detail = citationDetail(paper);
  if (detail) span.append(" ", el("span", "card-citation", detail));
  return span;
}

/**
 * "arXiv (Q-BIO.QM), Crossref": each source a filter button, a preprint server's with the paper's
 * category; null for a paper of no known source.
 */
function renderSources(paper: Paper, actions: CardActions): HTMLElement | null {
  const sources = paperSources(paper);
  if (sources.length === 0) return null;
  const span = el("span", "card-source");
  span.title = t("cardSources");
  const category = categoryLabel(paper);
  const at = categorySource(sources);
  sources.forEach((source, i) => {
    if (i > 0) span.append(", ");
    const name = sourceLabel(source);
    span.append(filterButton("source-filter", name, t("cardSourceFilter", { source: name }), () => actions.onSource?.(source)));
    if (category && i === at) span.append(` (${category})`);
  });
  return span;
}

function stepText(step: HistoryStep): string {
  const key = STEP_NAME[step.kind];
  const name = step.name || (key ? t(key) : "");
  return [name, step.detail, step.month].filter((part) => part !== "").join(" ");
}

/** "arXiv v1 2025-11 → v3 2026-02 → Nature Methods 2026-05", when that says more than the date and id. */
function renderHistory(paper: Paper): HTMLElement | null {
  const steps = historySteps(paper);
  if (!historyWorthShowing(steps)) return null;
  const list = el("ol", "card-history");
  list.setAttribute("aria-label", t("cardHistory"));
  for (const step of steps) {
    const item = el("li", `step step-${step.kind}`, stepText(step));
    // A venue or server name is the paper's own text, not the page's (the language checks skip it).
    if (step.name) item.dataset.paperText = "";
    list.append(item);
  }
  return list;
}

/** Retracted / expression of concern / withdrawn / corrected, each a link to its notice when known. */
function renderBadges(badges: readonly Badge[]): HTMLElement | null {
  if (badges.length === 0) return null;
  const span = el("span", "badges");
  for (const badge of badges) {
    const href = safeHref(badge.href);
    const node = href ? el("a", `badge badge-${badge.kind}`) : el("span", `badge badge-${badge.kind}`);
    node.textContent = t(BADGE_TEXT[badge.kind]);
    if (node instanceof HTMLAnchorElement && href) node.href = href;
    node.title = !badge.notice
      ? t("badgeNoNotice")
      : badge.date
        ? t("badgeNoticeDated", { doi: badge.notice, date: badge.date })
        : t("badgeNotice", { doi: badge.notice });
    span.append(node);
  }
  return span;
}

function renderUpdate(paper: Paper, badges: readonly Badge[]): HTMLElement | null {
  const note = updateNote(paper, badges);
  if (!note) return null;
  const key = UPDATE_TEXT[note.kind];
  const what = key ? t(key) : note.kind;
  const span = el("span", `card-updated updated-${note.kind}`, t("updated", { what }));
  // The date is in the history line too; the meta line stays short enough for a phone.
  if (note.date) span.title = t("updatedOn", { date: note.date });
  return span;
}

/** The paper's id as shown: an arXiv id with its version ("2401.01234v2"), else the API's id. */
export function displayId(paper: Paper): string {
  const arxiv = identifier(paper, "arxiv");
  const isArxiv = arxiv ? paper.id === arxiv : !paper.identifiers; // an older server: arXiv only
  return paper.version && isArxiv ? `${paper.id}v${paper.version}` : paper.id;
}

export function renderCard(paper: Paper, position: number, actions: CardActions): HTMLElement {
  const badges = statusBadges(paper);
  const card = el("article", "card");
  if (badges.some((b) => b.kind === "retracted")) card.classList.add("is-retracted");
  card.dataset.paperId = paper.id;
  const titleId = `title-${position}`;
  card.setAttribute("aria-labelledby", titleId);

  const head = el("div", "card-head");
  head.append(el("span", "card-num", `${String(position).padStart(2, "0")}.`));
  const meta = el("p", "card-meta");
  const venue = renderVenue(paper, actions);
  if (venue) meta.append(venue);
  const sources = renderSources(paper, actions);
  if (sources) meta.append(sources);
  const { date, announced } = paperDate(paper);
  if (date) {
    const time = el("time", "card-date", date);
    time.dateTime = date;
    time.title = announced ? t("cardAnnounced") : t("cardPublished");
    meta.append(time);
  }
  const badgeNodes = renderBadges(badges);
  if (badgeNodes) meta.append(badgeNodes);
  const notice = noticeType(paper);
  if (notice) meta.append(el("span", `card-type type-${notice}`, t(NOTICE_TEXT[notice])));
  const update = renderUpdate(paper, badges);
  if (update) meta.append(update);
  head.append(meta);
  card.append(head);

  const title = el("h3", "card-title");
  title.id = titleId;
  title.dataset.paperText = "";
  const absHref = safeHref(paper.links?.abs) ?? safeHref(doiHref(paper.doi));
  const titleTarget = absHref ? el("a") : el("span");
  if (absHref && titleTarget instanceof HTMLAnchorElement) titleTarget.href = absHref;
  appendRich(titleTarget, paper.title || t("cardNoTitle"));
  title.append(titleTarget);
  card.append(title);

  const history = renderHistory(paper);
  if (history) card.append(history);

  if (paper.authors.length > 0) {
    const list = el("ul", "card-authors");
    list.setAttribute("aria-label", t("cardAuthors"));
    list.dataset.paperText = "";
    for (const author of paper.authors.slice(0, MAX_AUTHORS)) {
      const item = el("li");
      const button = el("button", "author", author.name);
      button.type = "button";
      button.title = t("cardFilterAuthor", { name: author.name });
      if (author.affiliation) button.dataset.affiliation = author.affiliation;
      button.addEventListener("click", () => actions.onAuthor(author.name));
      item.append(button);
      list.append(item);
    }
    if (paper.authors.length > MAX_AUTHORS) {
      list.append(el("li", "more-authors", t("cardMoreAuthors", { n: paper.authors.length - MAX_AUTHORS })));
    }
    card.append(list);
  }

  const abstractId = `abstract-${position}`;
  if (paper.abstract) {
    const abstract = el("p", "card-abstract clamped");
    abstract.id = abstractId;
    abstract.dataset.paperText = "";
    appendRich(abstract, paper.abstract);
    card.append(abstract);
  }

  const foot = el("div", "card-foot");
  const pdf = safeHref(paper.links?.pdf);
  if (pdf) {
    const a = el("a", "link link-pdf", t("cardPdf"));
    a.href = pdf;
    foot.append(a);
  }
  const doiLink = safeHref(paper.links?.doi) ?? safeHref(doiHref(paper.doi));
  if (doiLink) {
    const a = el("a", "link link-doi", t("cardDoi"));
    a.href = doiLink;
    if (paper.doi) a.title = paper.doi;
    foot.append(a);
  }
  for (const link of externalLinks(paper)) {
    const a = el("a", `link link-${link.kind}`, t(link.kind === "arxiv" ? "cardArxiv" : "cardPubmed"));
    a.href = link.href;
    a.title = `${t(link.kind === "arxiv" ? "cardArxivTitle" : "cardPubmedTitle")}: ${link.id}`;
    foot.append(a);
  }
  const id = el("span", "card-id", displayId(paper));
  id.dataset.paperText = "";
  foot.append(id);
  if (paper.abstract) {
    const toggle = el("button", "toggle", t("cardShowMore"));
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", abstractId);
    toggle.hidden = true; // shown by updateToggles() when the abstract overflows its clamp
    toggle.addEventListener("click", () => {
      const abstract = card.querySelector<HTMLElement>(".card-abstract");
      if (!abstract) return;
      const expanded = abstract.classList.toggle("clamped") === false;
      toggle.setAttribute("aria-expanded", String(expanded));
      toggle.textContent = expanded ? t("cardShowLess") : t("cardShowMore");
    });
    foot.append(toggle);
  }
  card.append(foot);
  return card;
}

/** Shows the expand toggle only on cards whose abstract is cut by the clamp. Call after layout. */
export function updateToggles(root: HTMLElement): void {
  for (const card of root.querySelectorAll<HTMLElement>(".card")) {
    const abstract = card.querySelector<HTMLElement>(".card-abstract");
    const toggle = card.querySelector<HTMLButtonElement>(".toggle");
    if (!abstract || !toggle) continue;
    if (!abstract.classList.contains("clamped")) continue;
    toggle.hidden = abstract.scrollHeight <= abstract.clientHeight + 1;
  }
}
