// The briefing endpoint (POST /api/v1/briefings): sends the set, reads the server-sent events as they
// stream, and hands each to the caller. Nothing here touches the DOM.

import { ApiError } from "./api";

export interface BriefingPaper {
  n: number;
  id: string;
  title: string;
  /** YYYY-MM-DD, or "" (absent in briefings cached before it was added). */
  date?: string;
}

export interface BriefingTheme {
  label: string;
  terms: string[];
  papers: number[];
}

/** A briefing as `academichub brief --json` prints it (and the `analysis` / `done` events carry). */
export interface Briefing {
  lang: "zh" | "en";
  papers: BriefingPaper[];
  themes: BriefingTheme[];
  /** What is new against the previous period (absent in briefings cached before it was added). */
  new?: { previous_papers: number; rising_terms: { term: string; now: number; before: number }[] };
  text: string;
  llm: { used: boolean; model: string; prompt_tokens: number; completion_tokens: number };
  warnings: string[];
  id?: string;
  cached?: boolean;
}

export type BriefingEvent =
  | { kind: "analysis"; briefing: Briefing }
  | { kind: "step"; step: string }
  | { kind: "delta"; text: string }
  | { kind: "reset" }
  | { kind: "done"; briefing: Briefing }
  | { kind: "error"; message: string; briefing: Briefing | null };

export interface BriefingRequest {
  ids: string[];
  lang: "zh" | "en";
  /** The radar whose feed the ids come from: its followed authors and previous period count. */
  radar?: string;
}

/** Splits server-sent events out of the text received so far; returns [events, the unfinished rest]. */
export function splitEvents(buffer: string): [{ event: string; data: string }[], string] {
  const out: { event: string; data: string }[] = [];
  const blocks = buffer.replace(/\r\n/g, "\n").split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (data.length > 0) out.push({ event, data: data.join("\n") });
  }
  return [out, rest];
}

function toEvent(name: string, data: string): BriefingEvent | null {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return null;
  }
  switch (name) {
    case "analysis":
      return { kind: "analysis", briefing: body as unknown as Briefing };
    case "done":
      return { kind: "done", briefing: body as unknown as Briefing };
    case "step":
      return { kind: "step", step: String(body.step ?? "") };
    case "delta":
      return { kind: "delta", text: String(body.text ?? "") };
    case "reset":
      return { kind: "reset" };
    case "error":
      return {
        kind: "error",
        message: String(body.message ?? ""),
        briefing: (body.briefing as Briefing | undefined) ?? null,
      };
    default:
      return null;
  }
}

/**
 * Streams a briefing of `request`, calling `onEvent` for each event in order. Resolves when the stream
 * ends; rejects with ApiError when the server refuses the request (or the network fails), and with an
 * AbortError when `signal` aborts (which also makes the server cancel the LLM's call).
 */
export async function streamBriefing(
  request: BriefingRequest,
  onEvent: (e: BriefingEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(new URL("api/v1/briefings", document.baseURI), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(request),
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "unavailable", String(e));
  }
  if (!response.ok || !response.body) {
    let err: { code?: string; message?: string } | undefined;
    try {
      err = ((await response.json()) as { error?: { code?: string; message?: string } }).error;
    } catch {
      err = undefined;
    }
    throw new ApiError(response.status, err?.code ?? "http_error", err?.message ?? response.statusText);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    let chunk: ReadableStreamReadResult<string>;
    try {
      chunk = await reader.read();
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") throw e;
      throw new ApiError(0, "unavailable", String(e));
    }
    if (chunk.done) break;
    buffer += chunk.value;
    const [events, rest] = splitEvents(buffer);
    buffer = rest;
    for (const { event, data } of events) {
      const e = toEvent(event, data);
      if (e) onEvent(e);
    }
  }
}
