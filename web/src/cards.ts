// Builds one paper card as DOM nodes. Paper fields are only ever set as text (textContent / text nodes)
// or, for $math$, through KaTeX; URLs become hrefs only when they are http(s).

import type { Paper } from "./api";
import { t } from "./i18n";
import { appendRich } from "./math";

const MAX_AUTHORS = 12;

export interface CardActions {
  /** Called when an author's name is clicked: the page adds an author chip. */
  onAuthor(name: string): void;
}

/** "arXiv" for any arxiv-* source, else the source itself. */
export function sourceLabel(source: string | null | undefined): string {
  if (!source) return "arXiv";
  return source.toLowerCase().startsWith("arxiv") ? "arXiv" : source;
}

/** "arXiv (CS.CL)" from the source and primary category (first category when no primary). */
export function sourceCategoryLabel(paper: Paper): string {
  const category = paper.primary_category || paper.categories?.[0] || "";
  const source = sourceLabel(paper.source);
  return category ? `${source} (${category.toUpperCase()})` : source;
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

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderCard(paper: Paper, position: number, actions: CardActions): HTMLElement {
  const card = el("article", "card");
  card.dataset.paperId = paper.id;
  const titleId = `title-${position}`;
  card.setAttribute("aria-labelledby", titleId);

  const head = el("div", "card-head");
  head.append(el("span", "card-num", `${String(position).padStart(2, "0")}.`));
  const meta = el("p", "card-meta");
  meta.append(el("span", "card-source", sourceCategoryLabel(paper)));
  const { date, announced } = paperDate(paper);
  if (date) {
    const time = el("time", "card-date", date);
    time.dateTime = date;
    time.title = announced ? t("cardAnnounced") : t("cardPublished");
    meta.append(time);
  }
  head.append(meta);
  card.append(head);

  const title = el("h3", "card-title");
  title.id = titleId;
  title.dataset.paperText = "";
  const absHref = safeHref(paper.links?.abs);
  const titleTarget = absHref ? el("a") : el("span");
  if (absHref && titleTarget instanceof HTMLAnchorElement) titleTarget.href = absHref;
  appendRich(titleTarget, paper.title || t("cardNoTitle"));
  title.append(titleTarget);
  card.append(title);

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
    const a = el("a", "link", t("cardPdf"));
    a.href = pdf;
    foot.append(a);
  }
  const doiHref = safeHref(paper.links?.doi ?? (paper.doi ? `https://doi.org/${paper.doi}` : null));
  if (doiHref) {
    const a = el("a", "link", t("cardDoi"));
    a.href = doiHref;
    if (paper.doi) a.title = paper.doi;
    foot.append(a);
  }
  const id = el("span", "card-id", paper.version ? `${paper.id}v${paper.version}` : paper.id);
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
