// The briefing panel: "Write a briefing" briefs the papers in view (their ids, in card order, so [n] is
// the n-th card); the analysis shows at once, the LLM's text replaces it as it streams, each [n] scrolls
// to its card and highlights it, a bar per theme counts its papers, and the result downloads as
// Markdown or HTML. One briefing at a time: a new one (or a new view) aborts the one streaming, which
// makes the server cancel its LLM call.

import { ApiError, type Paper } from "./api";
import { streamBriefing, type Briefing, type BriefingEvent } from "./briefing-api";
import { blocksHtml, escapeHtml, papersPerDay, parseMarkdown, renderBlocks, type CiteTarget } from "./briefing-text";
import { el } from "./dom";
import { lang, t } from "./i18n";

type Phase = "analysing" | "writing" | "done" | "failed" | "error";

interface State {
  ids: string[];
  phase: Phase;
  analysis: Briefing | null;
  final: Briefing | null;
  llmText: string; // the LLM's text as streamed so far
  message: string; // an error's
}

export interface BriefingPanel {
  /** The page's language changed: the panel's own words follow (the briefing keeps its language). */
  relabel(): void;
  /** The cards in view changed: a briefing of the old ones is closed. */
  reset(): void;
  /** Whether there are papers to brief (enables the button). */
  update(): void;
}

const HIGHLIGHT_MS = 3000;

export function setupBriefing(
  button: HTMLButtonElement,
  panel: HTMLElement,
  papersEl: HTMLElement,
  papersInView: () => readonly Paper[],
  radarInView: () => string | null = () => null,
): BriefingPanel {
  let state: State | null = null;
  let controller: AbortController | null = null;
  let frame = 0;
  let urls: string[] = [];

  const title = el("h2", "brief-title");
  title.id = "brief-title";
  const status = el("p", "brief-status");
  status.setAttribute("aria-live", "polite");
  const stop = el("button", "link-btn brief-stop");
  stop.type = "button";
  const close = el("button", "icon-btn brief-close", "×");
  close.type = "button";
  const exports = el("div", "brief-exports");
  const head = el("div", "brief-head");
  const headText = el("div", "brief-head-text");
  headText.append(title, status);
  head.append(headText, close);
  const chart = el("figure", "brief-chart");
  const body = el("div", "brief-text");
  body.dataset.paperText = "";
  const warnings = el("details", "brief-warnings");
  const foot = el("div", "brief-foot");
  foot.append(stop, exports);
  panel.replaceChildren(head, chart, body, foot, warnings);
  panel.setAttribute("aria-labelledby", "brief-title");

  function cardOf(n: number): HTMLElement | null {
    const id = state?.ids[n - 1];
    if (!id) return null;
    return papersEl.querySelector<HTMLElement>(`.card[data-paper-id="${CSS.escape(id)}"]`);
  }

  const cites: CiteTarget = {
    title: (n) => t("briefCite", { n }),
    known: (n) => state !== null && n >= 1 && n <= state.ids.length,
    follow: (n) => {
      const card = cardOf(n);
      if (!card) return;
      const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      card.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
      for (const c of papersEl.querySelectorAll(".card.is-cited")) c.classList.remove("is-cited");
      card.classList.add("is-cited");
      card.tabIndex = -1;
      card.focus({ preventScroll: true });
      window.setTimeout(() => card.classList.remove("is-cited"), HIGHLIGHT_MS);
    },
  };

  function shown(): Briefing | null {
    return state?.final ?? state?.analysis ?? null;
  }

  function render(): void {
    frame = 0;
    if (!state) {
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    const b = shown();
    title.textContent = t("briefTitle", { n: state.ids.length });
    status.className = `brief-status is-${state.phase}`;
    status.textContent = statusText(state, b);
    stop.textContent = t("briefStop");
    stop.hidden = state.phase !== "analysing" && state.phase !== "writing";
    close.title = t("briefClose");
    close.setAttribute("aria-label", t("briefClose"));
    panel.setAttribute("aria-busy", String(!stop.hidden));

    const text = state.final ? state.final.text : state.llmText !== "" ? state.llmText : (b?.text ?? "");
    body.classList.toggle("is-analysis", !state.final && state.llmText === "" && b !== null);
    body.classList.toggle("is-streaming", state.phase === "writing" && state.llmText !== "");
    if (b) body.lang = b.lang === "zh" ? "zh-CN" : "en";
    body.replaceChildren(...renderBlocks(parseMarkdown(text), cites));
    renderChart(b);
    renderWarnings(b);
    renderExports();
  }

  function statusText(s: State, b: Briefing | null): string {
    switch (s.phase) {
      case "analysing":
        return t("briefAnalysing");
      case "writing":
        return t("briefWriting");
      case "error":
        return t("briefError", { message: s.message });
      case "failed":
        return t("briefFailed", { message: s.message });
      case "done":
        if (!b || !b.llm.used) return t("briefAnalysisOnly");
        return (
          t("briefWrittenBy", {
            model: b.llm.model,
            prompt: b.llm.prompt_tokens,
            completion: b.llm.completion_tokens,
          }) + (b.cached ? ` · ${t("briefCached")}` : "")
        );
    }
  }

  function renderChart(b: Briefing | null): void {
    chart.replaceChildren();
    chart.hidden = !b || b.themes.length === 0;
    if (!b || chart.hidden) return;
    const caption = el("figcaption", undefined, t("briefThemes"));
    const rows = el("ul", "brief-bars");
    rows.dataset.paperText = ""; // theme labels are the papers' words, in their language
    const most = Math.max(1, ...b.themes.map((th) => th.papers.length));
    for (const theme of b.themes) {
      const row = el("li", "brief-bar");
      const label = el("span", "brief-bar-label", theme.label);
      label.title = theme.terms.join(", ");
      const track = el("span", "brief-bar-track");
      const fill = el("span", "brief-bar-fill");
      fill.style.width = `${Math.round((100 * theme.papers.length) / most)}%`;
      track.append(fill);
      const count = el("span", "brief-bar-count", String(theme.papers.length));
      row.setAttribute("aria-label", `${theme.label}: ${theme.papers.length}`);
      row.append(label, track, count);
      rows.append(row);
    }
    chart.append(caption, rows);
    const days = papersPerDay(b.papers);
    if (days.length > 0) {
      const dayRows = el("ul", "brief-bars brief-days");
      const busiest = Math.max(...days.map(([, n]) => n));
      for (const [day, n] of days) {
        const row = el("li", "brief-bar");
        const track = el("span", "brief-bar-track");
        const fill = el("span", "brief-bar-fill");
        fill.style.width = `${Math.round((100 * n) / busiest)}%`;
        track.append(fill);
        row.setAttribute("aria-label", `${day}: ${n}`);
        row.append(el("span", "brief-bar-label", day), track, el("span", "brief-bar-count", String(n)));
        dayRows.append(row);
      }
      chart.append(el("figcaption", "brief-days-caption", t("briefDays")), dayRows);
    }
  }

  function renderWarnings(b: Briefing | null): void {
    warnings.replaceChildren();
    const list = b && state?.final ? b.warnings : [];
    warnings.hidden = list.length === 0;
    if (warnings.hidden) return;
    warnings.append(el("summary", undefined, t("briefNotes", { n: list.length })));
    const ul = el("ul");
    ul.dataset.paperText = "";
    for (const w of list) ul.append(el("li", undefined, w));
    warnings.append(ul);
  }

  function renderExports(): void {
    for (const u of urls) URL.revokeObjectURL(u);
    urls = [];
    exports.replaceChildren();
    const b = state?.final;
    if (!b) return;
    exports.append(el("span", "brief-export-label", t("briefExport")));
    const day = new Date().toISOString().slice(0, 10);
    const files: [string, string, string][] = [
      [t("briefExportMarkdown"), `briefing-${day}.md`, toMarkdown(b)],
      [t("briefExportHtml"), `briefing-${day}.html`, toHtml(b)],
    ];
    for (const [label, name, content] of files) {
      const type = name.endsWith(".md") ? "text/markdown" : "text/html";
      const url = URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` }));
      urls.push(url);
      const a = el("a", "brief-export", label);
      a.href = url;
      a.download = name;
      exports.append(a);
    }
  }

  function toMarkdown(b: Briefing): string {
    const papers = b.papers.map((p) => `${p.n}. ${p.title} (${p.id})`).join("\n");
    return `# ${t("briefTitle", { n: b.papers.length })}\n\n${b.text.trim()}\n\n## ${t("briefPapers")}\n\n${papers}\n`;
  }

  function toHtml(b: Briefing): string {
    const heading = escapeHtml(t("briefTitle", { n: b.papers.length }));
    const papers = b.papers
      .map((p) => `<li id="paper-${p.n}" value="${p.n}">${escapeHtml(p.title)} <small>(${escapeHtml(p.id)})</small></li>`)
      .join("\n");
    return `<!doctype html>
<html lang="${b.lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading}</title>
<style>body{font:16px/1.65 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1c20}a{color:#2446b0}small{color:#5f636b}</style>
</head><body>
<h1>${heading}</h1>
${blocksHtml(parseMarkdown(b.text))}
<h2>${escapeHtml(t("briefPapers"))}</h2>
<ol>
${papers}
</ol>
</body></html>
`;
  }

  function schedule(): void {
    if (frame === 0) frame = requestAnimationFrame(render);
  }

  function onEvent(e: BriefingEvent): void {
    if (!state) return;
    switch (e.kind) {
      case "analysis":
        state.analysis = e.briefing;
        state.phase = "writing";
        break;
      case "step":
        break;
      case "delta":
        state.llmText += e.text;
        break;
      case "reset":
        state.llmText = "";
        break;
      case "done":
        state.final = e.briefing;
        state.phase = "done";
        break;
      case "error":
        state.final = e.briefing;
        state.message = e.message;
        state.phase = "failed";
        break;
    }
    schedule();
  }

  async function write(): Promise<void> {
    const papers = papersInView();
    if (papers.length === 0) return;
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    state = { ids: papers.map((p) => p.id), phase: "analysing", analysis: null, final: null, llmText: "", message: "" };
    render();
    panel.scrollIntoView({ block: "nearest" });
    try {
      const radar = radarInView();
      await streamBriefing({ ids: state.ids, lang: lang(), ...(radar ? { radar } : {}) }, onEvent, mine.signal);
      if (controller === mine && state && state.phase !== "done" && state.phase !== "failed") {
        state.phase = "error";
        state.message = t("briefCutShort");
      }
    } catch (e) {
      if (mine.signal.aborted || !state) return;
      state.phase = "error";
      state.message = e instanceof ApiError ? e.message : String(e);
    } finally {
      if (controller === mine) controller = null;
      if (!mine.signal.aborted) render();
      update();
    }
  }

  function cancel(): void {
    controller?.abort();
    controller = null;
  }

  function update(): void {
    button.disabled = papersInView().length === 0;
  }

  button.addEventListener("click", () => void write());
  stop.addEventListener("click", () => {
    cancel();
    if (state) {
      state.phase = "error";
      state.message = t("briefStopped");
    }
    render();
  });
  close.addEventListener("click", () => {
    cancel();
    state = null;
    render();
    button.focus();
  });

  return {
    relabel: () => {
      button.textContent = t("briefWrite");
      if (state) render();
    },
    reset: () => {
      cancel();
      state = null;
      render();
      update();
    },
    update,
  };
}
