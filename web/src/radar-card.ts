// What a card shows in a radar's feed, added to the card cards.ts builds: why the paper is there (in
// words, the score's breakdown on demand) and the radar's actions — 👍 / 👎, not interested, mark read,
// add as a seed. The page does the calls; this module only builds nodes and reports clicks.

import { el } from "./dom";
import { t } from "./i18n";
import { paperRef, type RankedPaper, type VoteValue } from "./radar-api";
import { formatScore, signalRows, whyPhrases } from "./why";

export interface RadarCardActions {
  voteOf(paper: RankedPaper): VoteValue | undefined;
  isRead(paper: RankedPaper): boolean;
  isSeed(paper: RankedPaper): boolean;
  titleOf(ref: string): string | undefined;
  vote(paper: RankedPaper, value: VoteValue | "clear"): void;
  dismiss(paper: RankedPaper): void;
  read(paper: RankedPaper): void;
  seed(paper: RankedPaper): void;
}

let serial = 0;

// 👍 and 👎 as drawn icons, not emoji: many Linux systems have no colour-emoji font. Paths from
// Material Icons "thumb_up" / "thumb_down" (Apache License 2.0).
const THUMB_UP =
  "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";
const THUMB_DOWN =
  "M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z";

function icon(path: string): SVGSVGElement {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "16");
  svg.setAttribute("height", "16");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const p = document.createElementNS(NS, "path");
  p.setAttribute("d", path);
  p.setAttribute("fill", "currentColor");
  svg.append(p);
  return svg;
}

function voteButton(className: string, path: string, label: string, onClick: () => void): HTMLButtonElement {
  const button = el("button", `radar-btn ${className}`);
  button.append(icon(path));
  button.type = "button";
  button.setAttribute("aria-label", label);
  button.title = label;
  button.addEventListener("click", onClick);
  return button;
}

/** The "why" block: the reasons in words, and a score button that unfolds the signals. */
function renderWhy(paper: RankedPaper, actions: RadarCardActions): HTMLElement {
  const box = el("div", "card-why");
  const phrases = whyPhrases(paper.why, {
    t,
    titleOf: (ref) => actions.titleOf(ref),
    authors: paper.authors,
    venue: paper.venue,
  });
  const list = el("ul", "why-list");
  list.setAttribute("aria-label", t("whyHeading"));
  // The phrases carry the paper's and the radar's own words (names, terms, titles) inside the page's
  // sentence; the language checks read them through the radar tests instead.
  list.dataset.paperText = "";
  if (phrases.length === 0) list.append(el("li", "why-none", t("whyNone")));
  for (const p of phrases) {
    const item = el("li", `why why-${p.kind}`, p.text);
    list.append(item);
  }
  box.append(list);

  const rows = signalRows(paper.signals, t, paper.contributions);
  if (typeof paper.score === "number" || rows.length > 0) {
    const id = `why-breakdown-${++serial}`;
    const toggle = el("button", "why-score", t("whyScore", { score: formatScore(paper.score ?? 0) }));
    toggle.type = "button";
    toggle.title = t("whyScoreTitle");
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", id);
    const table = el("dl", "why-breakdown");
    table.id = id;
    table.hidden = true;
    table.setAttribute("aria-label", t("whyBreakdown"));
    for (const row of rows) {
      const dt = el("dt", undefined, row.label);
      const dd = el("dd");
      const meter = el("meter");
      meter.min = 0;
      meter.max = 1;
      meter.value = Math.max(0, Math.min(1, row.value));
      meter.setAttribute("aria-label", row.label);
      dd.append(meter, el("span", "why-value", formatScore(row.value)));
      if (row.contribution !== null) {
        const plus = el("span", "why-contribution", t("whyContribution", { n: formatScore(row.contribution) }));
        plus.title = t("whyContributionTitle");
        dd.append(plus);
      }
      dt.dataset.signal = row.signal;
      table.append(dt, dd);
    }
    toggle.addEventListener("click", () => {
      table.hidden = !table.hidden;
      toggle.setAttribute("aria-expanded", String(!table.hidden));
    });
    box.append(toggle, table);
  }
  return box;
}

function renderBar(paper: RankedPaper, actions: RadarCardActions): HTMLElement {
  const bar = el("div", "card-radar");
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", t("cardActions"));
  const current = actions.voteOf(paper);
  const up = voteButton("vote-up", THUMB_UP, t("voteUp"), () =>
    actions.vote(paper, actions.voteOf(paper) === "up" ? "clear" : "up"),
  );
  up.setAttribute("aria-pressed", String(current === "up"));
  const down = voteButton("vote-down", THUMB_DOWN, t("voteDown"), () =>
    actions.vote(paper, actions.voteOf(paper) === "down" ? "clear" : "down"),
  );
  down.setAttribute("aria-pressed", String(current === "down"));
  bar.append(up, down);

  const dismiss = el("button", "radar-btn radar-text dismiss", t("cardDismiss"));
  dismiss.type = "button";
  dismiss.addEventListener("click", () => actions.dismiss(paper));
  bar.append(dismiss);

  const read = el("button", "radar-btn radar-text mark-read", actions.isRead(paper) ? t("cardIsRead") : t("cardRead"));
  read.type = "button";
  read.disabled = actions.isRead(paper);
  read.addEventListener("click", () => actions.read(paper));
  bar.append(read);

  const seed = el("button", "radar-btn radar-text add-seed", actions.isSeed(paper) ? t("cardIsSeed") : t("cardSeed"));
  seed.type = "button";
  seed.title = t("cardSeedTitle");
  seed.disabled = actions.isSeed(paper);
  seed.addEventListener("click", () => actions.seed(paper));
  bar.append(seed);
  return bar;
}

/** Adds the radar's parts to `card` (built by renderCard for `paper`). */
export function decorateCard(card: HTMLElement, paper: RankedPaper, actions: RadarCardActions): void {
  card.classList.add("card-ranked");
  card.dataset.paperRef = String(paperRef(paper));
  if (actions.isRead(paper)) card.classList.add("is-read");
  const why = renderWhy(paper, actions);
  const anchor = card.querySelector(".card-authors") ?? card.querySelector(".card-abstract") ?? card.querySelector(".card-foot");
  if (anchor) card.insertBefore(why, anchor);
  else card.append(why);
  card.append(renderBar(paper, actions));
}
