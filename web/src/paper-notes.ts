// A card's "TL;DR" and "译文 / Translate" actions: each asks the server (POST /api/v1/papers/{id}/tldr
// or /translation), which answers from its cache or has its language model write the note, and shows
// the answer under the card, with a loading state and an error state. Paper text and the model's answer
// are only ever set as text.

import { ApiError, requestJson, type Paper } from "./api";
import { el } from "./dom";
import { lang, t, type MsgKey } from "./i18n";

export type NoteKind = "tldr" | "translation";

interface NoteLlm {
  model: string;
  prompt_tokens: number;
  completion_tokens: number;
}

/** The server's answer (what `academichub tldr|translate --json` prints). */
export interface Note {
  id: string;
  lang: "zh" | "en";
  cached: boolean;
  llm: NoteLlm;
  tldr?: string;
  title?: string;
  abstract?: string;
}

/** The id the API names the paper by: its stable id when the server gave one (no slash to encode). */
export function noteId(paper: Paper): string {
  return typeof paper.paper_id === "number" && paper.paper_id > 0 ? `ah:${paper.paper_id}` : paper.id;
}

/** The path of a paper's note under /api/v1. */
export function notePath(paper: Paper, kind: NoteKind): string {
  return `papers/${encodeURIComponent(noteId(paper))}/${kind}`;
}

/** POST: the cached note, else the one the language model writes now (seconds). Throws ApiError. */
export function requestNote(paper: Paper, kind: NoteKind, signal?: AbortSignal): Promise<Note> {
  const params = kind === "tldr" ? new URLSearchParams({ lang: lang() }) : undefined;
  return requestJson<Note>("POST", notePath(paper, kind), {}, params, signal);
}

const BUTTON: Readonly<Record<NoteKind, MsgKey>> = { tldr: "noteTldr", translation: "noteTranslate" };
const BUTTON_TITLE: Readonly<Record<NoteKind, MsgKey>> = { tldr: "noteTldrTitle", translation: "noteTranslateTitle" };
const HEADING: Readonly<Record<NoteKind, MsgKey>> = { tldr: "noteTldrHeading", translation: "noteTranslationHeading" };

/** The message for a failed request: no model configured, the model failed, or anything else. */
function failure(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "llm_unavailable") return t("noteNoLlm");
    if (error.status === 0) return t("noteNetwork");
    return t("noteFailed", { message: error.message });
  }
  return t("noteFailed", { message: String(error) });
}

function renderNote(note: Note, kind: NoteKind): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (kind === "tldr") {
    const text = el("p", "note-text", note.tldr ?? "");
    text.dataset.paperText = "";
    text.lang = note.lang === "zh" ? "zh-CN" : "en";
    parts.push(text);
  } else {
    const title = el("p", "note-title", note.title ?? "");
    const abstract = el("p", "note-text", note.abstract ?? "");
    for (const node of [title, abstract]) {
      node.dataset.paperText = "";
      node.lang = "zh-CN";
    }
    parts.push(title);
    if (note.abstract) parts.push(abstract);
  }
  const by = t("noteBy", {
    model: note.llm.model,
    prompt: note.llm.prompt_tokens,
    completion: note.llm.completion_tokens,
  });
  parts.push(el("p", "note-meta", note.cached ? `${by} · ${t("noteCached")}` : by));
  return parts;
}

/**
 * Adds the two actions to `card` (built by renderCard for `paper`): buttons in its foot, and one box
 * under its foot per note, filled when the note comes. A second press hides or shows a note; after an
 * error it asks again.
 */
export function attachNotes(card: HTMLElement, paper: Paper): void {
  const foot = card.querySelector<HTMLElement>(".card-foot");
  if (!foot) return;
  const group = el("span", "note-actions");
  const boxes = el("div", "notes");
  for (const kind of ["tldr", "translation"] as const) {
    const button = el("button", `note-btn note-btn-${kind}`, t(BUTTON[kind]));
    button.type = "button";
    button.title = t(BUTTON_TITLE[kind]);
    button.setAttribute("aria-expanded", "false");
    const box = el("section", `note note-${kind}`);
    box.hidden = true;
    box.setAttribute("aria-live", "polite");
    const boxId = `note-${kind}-${card.getAttribute("aria-labelledby") ?? noteId(paper)}`;
    box.id = boxId;
    button.setAttribute("aria-controls", boxId);
    let state: "idle" | "loading" | "done" | "error" = "idle";
    const show = (visible: boolean) => {
      box.hidden = !visible;
      button.setAttribute("aria-expanded", String(visible));
    };
    button.addEventListener("click", async () => {
      if (state === "loading") return;
      if (state === "done") return show(box.hidden);
      state = "loading";
      button.disabled = true;
      box.setAttribute("aria-busy", "true");
      box.className = `note note-${kind} is-loading`;
      box.replaceChildren(el("h4", "note-heading", t(HEADING[kind])), el("p", "note-status", t("noteLoading")));
      show(true);
      try {
        const note = await requestNote(paper, kind);
        state = "done";
        box.className = `note note-${kind} is-done`;
        box.replaceChildren(el("h4", "note-heading", t(HEADING[kind])), ...renderNote(note, kind));
      } catch (e) {
        state = "error";
        box.className = `note note-${kind} is-error`;
        const message = el("p", "note-status", failure(e));
        message.setAttribute("role", "alert");
        box.replaceChildren(el("h4", "note-heading", t(HEADING[kind])), message);
      } finally {
        button.disabled = false;
        box.removeAttribute("aria-busy");
      }
    });
    group.append(button);
    boxes.append(box);
  }
  const toggle = foot.querySelector(".toggle");
  foot.insertBefore(group, toggle);
  foot.after(boxes);
}
