// Splits paper text into plain runs and TeX math runs, and renders it into DOM nodes: plain runs as text
// nodes, math through KaTeX (never throwing, never trusting \href and friends). The only generated HTML
// on the page is KaTeX's own output. KaTeX is loaded on demand (it is the largest part of the bundle).

import type { KatexOptions } from "katex";

export type Segment =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "math"; readonly tex: string; readonly display: boolean; readonly raw: string };

/**
 * Splits `input` at $...$, $$...$$, \(...\) and \[...\]. Rules (after pandoc) keep prices and shell
 * variables as text: an inline $ opens only when followed by a non-space, closes only when preceded by a
 * non-space and not followed by a digit; \$ is a literal dollar; an unclosed delimiter stays text. One
 * more rule for prose with prices ("$10 less per token than top-$k$"): an inline span that reads as two
 * or more plain words outside \text{...} is not math.
 */
export function splitMath(input: string): Segment[] {
  const out: Segment[] = [];
  let text = "";
  let i = 0;
  const flushText = (): void => {
    if (text !== "") out.push({ kind: "text", text });
    text = "";
  };
  const pushMath = (tex: string, display: boolean, raw: string): void => {
    flushText();
    out.push({ kind: "math", tex, display, raw });
  };
  while (i < input.length) {
    const c = input[i];
    if (c === "\\" && i + 1 < input.length) {
      const n = input[i + 1];
      if (n === "$") {
        text += "$";
        i += 2;
        continue;
      }
      if (n === "(" || n === "[") {
        const close = n === "(" ? "\\)" : "\\]";
        const end = input.indexOf(close, i + 2);
        if (end > i + 2) {
          pushMath(input.slice(i + 2, end), n === "[", input.slice(i, end + 2));
          i = end + 2;
          continue;
        }
      }
      text += c + n;
      i += 2;
      continue;
    }
    if (c === "$") {
      if (input[i + 1] === "$") {
        const end = findUnescaped(input, "$$", i + 2);
        if (end > i + 2) {
          pushMath(input.slice(i + 2, end), true, input.slice(i, end + 2));
          i = end + 2;
          continue;
        }
        text += "$$";
        i += 2;
        continue;
      }
      const end = findInlineClose(input, i + 1);
      if (end > 0 && !looksLikeProse(input.slice(i + 1, end))) {
        pushMath(input.slice(i + 1, end), false, input.slice(i, end + 1));
        i = end + 1;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  flushText();
  return out;
}

function findUnescaped(s: string, needle: string, from: number): number {
  let at = s.indexOf(needle, from);
  while (at > 0 && s[at - 1] === "\\") at = s.indexOf(needle, at + 1);
  return at;
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

/** Index of the $ closing an inline formula opened just before `from`, or -1. */
function findInlineClose(s: string, from: number): number {
  if (isSpace(s[from])) return -1;
  for (let j = from; j < s.length; j++) {
    const ch = s[j];
    if (ch === "\\") {
      j++;
      continue;
    }
    if (ch === "$") {
      if (j === from || isSpace(s[j - 1]) || /\d/.test(s[j + 1] ?? "")) return -1;
      return j;
    }
  }
  return -1;
}

/** True when `tex` holds two or more bare words of 3+ letters (after dropping commands and their groups). */
function looksLikeProse(tex: string): boolean {
  const bare = tex.replace(/\\[a-zA-Z]+\*?(\{[^{}]*\})?/g, " ");
  return (bare.match(/(?:^|\s)[A-Za-z]{3,}(?=[\s,.;:]|$)/g) ?? []).length >= 2;
}

export function hasMath(input: string): boolean {
  return splitMath(input).some((s) => s.kind === "math");
}

type Katex = { render(tex: string, el: HTMLElement, options?: KatexOptions): void };
let katex: Katex | null = null;
let loading: Promise<void> | null = null;

/** Starts loading KaTeX (JS and CSS); resolves when math can be rendered. Safe to call repeatedly. */
export function loadMath(): Promise<void> {
  loading ??= Promise.all([import("katex"), import("katex/dist/katex.min.css")]).then(([mod]) => {
    katex = (mod.default ?? mod) as Katex;
  });
  return loading;
}

const OPTIONS: KatexOptions = {
  throwOnError: false,
  strict: "ignore",
  trust: false,
  maxSize: 20,
  maxExpand: 200,
  output: "htmlAndMathml",
};

/** Appends `input` to `parent`: text as text nodes, math through KaTeX (as plain text until it is loaded). */
export function appendRich(parent: HTMLElement, input: string): void {
  for (const seg of splitMath(input)) {
    if (seg.kind === "text") {
      parent.append(document.createTextNode(seg.text));
      continue;
    }
    const holder = document.createElement("span");
    holder.className = seg.display ? "math math-display" : "math";
    if (katex) {
      try {
        katex.render(seg.tex, holder, { ...OPTIONS, displayMode: seg.display });
      } catch {
        holder.textContent = seg.raw;
      }
    } else {
      holder.textContent = seg.raw;
    }
    parent.append(holder);
  }
}
