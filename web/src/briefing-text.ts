// The small Markdown a briefing is written in (headings, paragraphs, lists, **bold**, *italic* (the
// analysis sets titles so), `code`, [n] citations), parsed into blocks that render either as DOM nodes (text only, never HTML) or as an
// escaped HTML document for export. Pure, except renderBlocks, which builds nodes.

export type Inline =
  | { t: "text"; s: string }
  | { t: "strong"; s: string }
  | { t: "em"; s: string }
  | { t: "code"; s: string }
  | { t: "cite"; n: number }
  | { t: "uncited" };

export type Block =
  | { kind: "h"; level: number; inline: Inline[] }
  | { kind: "p"; inline: Inline[] }
  | { kind: "ul" | "ol"; items: Inline[][] };

// *italic* needs a non-blank after its opening and before its closing star, so "2 * 3 * 4" stays text.
const INLINE = /\*\*([^*]+)\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*|`([^`]+)`|\[(\d{1,4})\]|\[\?\]/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    const start = m.index ?? 0;
    if (start > at) out.push({ t: "text", s: text.slice(at, start) });
    if (m[1] !== undefined) out.push({ t: "strong", s: m[1] });
    else if (m[2] !== undefined) out.push({ t: "em", s: m[2] });
    else if (m[3] !== undefined) out.push({ t: "code", s: m[3] });
    else if (m[4] !== undefined) out.push({ t: "cite", n: Number(m[4]) });
    else out.push({ t: "uncited" });
    at = start + m[0].length;
  }
  if (at < text.length) out.push({ t: "text", s: text.slice(at) });
  return out;
}

export function parseMarkdown(text: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { kind: "ul" | "ol"; items: Inline[][] } | null = null;
  const flush = () => {
    if (para.length > 0) blocks.push({ kind: "p", inline: parseInline(para.join(" ")) });
    para = [];
    if (list) blocks.push(list);
    list = null;
  };
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (line.trim() === "") {
      flush();
    } else if (heading) {
      flush();
      blocks.push({ kind: "h", level: heading[1].length, inline: parseInline(heading[2]) });
    } else if (bullet || numbered) {
      const kind = bullet ? "ul" : "ol";
      if (para.length > 0 || (list && list.kind !== kind)) flush();
      list ??= { kind, items: [] };
      list.items.push(parseInline((bullet ?? numbered)![1]));
    } else if (list && /^\s{2,}/.test(raw)) {
      // A list item's continuation line.
      const last = list.items[list.items.length - 1];
      last.push({ t: "text", s: " " }, ...parseInline(line.trim()));
    } else {
      if (list) flush();
      para.push(line.trim());
    }
  }
  flush();
  return blocks;
}

export interface CiteTarget {
  /** The citation's link text and title ("[3]", "Go to paper 3"). */
  title(n: number): string;
  /** Called when a citation is followed. */
  follow(n: number): void;
  /** Whether paper n is in the set (others render as plain text). */
  known(n: number): boolean;
}

function appendInline(parent: HTMLElement, inline: Inline[], cites: CiteTarget): void {
  for (const part of inline) {
    if (part.t === "text") {
      parent.append(document.createTextNode(part.s));
    } else if (part.t === "strong" || part.t === "em" || part.t === "code") {
      const node = document.createElement(part.t);
      node.textContent = part.s;
      parent.append(node);
    } else if (part.t === "uncited") {
      const mark = document.createElement("span");
      mark.className = "uncited";
      mark.textContent = "[?]";
      parent.append(mark);
    } else if (cites.known(part.n)) {
      const a = document.createElement("a");
      a.className = "cite";
      a.href = `#cite-${part.n}`;
      a.textContent = `[${part.n}]`;
      a.title = cites.title(part.n);
      a.dataset.n = String(part.n);
      a.addEventListener("click", (e) => {
        e.preventDefault();
        cites.follow(part.n);
      });
      parent.append(a);
    } else {
      parent.append(document.createTextNode(`[${part.n}]`));
    }
  }
}

/** The blocks as DOM nodes. */
export function renderBlocks(blocks: Block[], cites: CiteTarget): HTMLElement[] {
  return blocks.map((b) => {
    if (b.kind === "h") {
      // Headings inside the panel start at h4 (the panel's own title is h2/h3).
      const node = document.createElement(`h${Math.min(6, 3 + b.level)}` as "h4");
      appendInline(node, b.inline, cites);
      return node;
    }
    if (b.kind === "p") {
      const node = document.createElement("p");
      appendInline(node, b.inline, cites);
      return node;
    }
    const list = document.createElement(b.kind);
    for (const item of b.items) {
      const li = document.createElement("li");
      appendInline(li, item, cites);
      list.append(li);
    }
    return list;
  });
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function inlineHtml(inline: Inline[]): string {
  return inline
    .map((part) => {
      if (part.t === "text") return escapeHtml(part.s);
      if (part.t === "strong") return `<strong>${escapeHtml(part.s)}</strong>`;
      if (part.t === "em") return `<em>${escapeHtml(part.s)}</em>`;
      if (part.t === "code") return `<code>${escapeHtml(part.s)}</code>`;
      if (part.t === "uncited") return "[?]";
      return `<a href="#paper-${part.n}">[${part.n}]</a>`;
    })
    .join("");
}

/** The blocks as HTML (every text escaped; citations link to #paper-N). */
export function blocksHtml(blocks: Block[]): string {
  return blocks
    .map((b) => {
      if (b.kind === "h") return `<h${Math.min(6, b.level + 1)}>${inlineHtml(b.inline)}</h${Math.min(6, b.level + 1)}>`;
      if (b.kind === "p") return `<p>${inlineHtml(b.inline)}</p>`;
      return `<${b.kind}>${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join("")}</${b.kind}>`;
    })
    .join("\n");
}

/** The maximum number of days the papers-per-day chart shows (a radar's week, a month of a search). */
export const MAX_CHART_DAYS = 31;

/**
 * Papers per day of a briefing's set, oldest day first, for its chart: only when the set spans
 * 2..MAX_CHART_DAYS days (one day says nothing; more would not fit). Papers without a date are left out.
 */
export function papersPerDay(papers: readonly { date?: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const p of papers) {
    const day = typeof p.date === "string" ? p.date.slice(0, 10) : "";
    if (/^\d{4}-\d\d-\d\d$/.test(day)) counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  if (counts.size < 2 || counts.size > MAX_CHART_DAYS) return [];
  return [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
