// The active radar filters as removable chips, and the one input that adds them: a kind selector and a
// combobox whose suggestions come from GET /suggest (authors with paper counts, categories with names,
// venues) or, for sources, from the known source ids.

import { fetchSuggestions, type Suggestion, type SuggestKind } from "./api";
import { el } from "./dom";
import { formatCount, t, type MsgKey } from "./i18n";
import { FILTER_KINDS, dayOf, isFilterKind, isIsoDate, type Filter, type FilterKind, type View } from "./state";

export const KIND_LABEL: Readonly<Record<FilterKind, MsgKey>> = {
  author: "kindAuthor",
  keyword: "kindKeyword",
  exclude: "kindExclude",
  category: "kindCategory",
  source: "kindSource",
  venue: "kindVenue",
  since: "kindSince",
  until: "kindUntil",
};

const PLACEHOLDER: Readonly<Record<FilterKind, MsgKey>> = {
  author: "phAuthor",
  keyword: "phKeyword",
  exclude: "phExclude",
  category: "phCategory",
  source: "phSource",
  venue: "phVenue",
  since: "phDate",
  until: "phDate",
};

const SUGGEST_KIND: Partial<Record<FilterKind, SuggestKind>> = {
  author: "author",
  category: "category",
  venue: "venue",
};

const KNOWN_SOURCES: readonly Suggestion[] = [
  { value: "arxiv", label: "arXiv" },
  { value: "arxiv-api", label: "arXiv API" },
  { value: "arxiv-oai", label: "arXiv OAI-PMH" },
  { value: "arxiv-rss", label: "arXiv RSS" },
  { value: "arxiv-snapshot", label: "arXiv snapshot" },
  { value: "arxiv-daily", label: "arXiv daily" },
  { value: "crossref", label: "Crossref" },
  { value: "pubmed", label: "PubMed" },
  { value: "openalex", label: "OpenAlex" },
  { value: "biorxiv", label: "bioRxiv" },
  { value: "medrxiv", label: "medRxiv" },
  { value: "journal-feed" }, // labelled in the page's language by sourceOptionLabel()
  { value: "s2", label: "Semantic Scholar" },
];

/** A source suggestion's label; the journal feed's in the page's language. */
function sourceOptionLabel(s: Suggestion): string | undefined {
  return s.value === "journal-feed" ? t("cardSourceFeed") : s.label;
}

/** A chip's value as a reader knows it: a source's name ("Crossref", "arXiv"), else the value. */
function chipValue(f: Filter): string {
  if (f.kind !== "source") return f.value;
  const known = KNOWN_SOURCES.find((s) => s.value === f.value.toLowerCase());
  return (known && sourceOptionLabel(known)) ?? f.value;
}

export interface ChipActions {
  remove(filters: readonly Filter[]): void;
  clearAll(): void;
}

/** Renders the chips of `view` into `list`; a day (since = until) is one chip that removes both bounds. */
export function renderChips(list: HTMLElement, view: View, actions: ChipActions): void {
  list.replaceChildren();
  const day = dayOf(view);
  const shown: { label: string; filters: Filter[]; kind: string }[] = [];
  for (const f of view.filters) {
    if (day !== null && (f.kind === "since" || f.kind === "until")) continue;
    shown.push({ label: `${t(KIND_LABEL[f.kind])}: ${chipValue(f)}`, filters: [f], kind: f.kind });
  }
  if (day !== null) {
    const bounds = view.filters.filter((f) => f.kind === "since" || f.kind === "until");
    shown.push({ label: `${t("kindDay")}: ${day}`, filters: bounds, kind: "day" });
  }
  if (shown.length === 0) {
    list.append(el("li", "chips-none", t("filtersNone")));
    return;
  }
  for (const chip of shown) {
    const item = el("li", `chip chip-${chip.kind}`);
    item.append(el("span", "chip-label", chip.label));
    const remove = el("button", "chip-remove", "×");
    remove.type = "button";
    remove.setAttribute("aria-label", t("removeFilter", { label: chip.label }));
    remove.title = t("removeFilter", { label: chip.label });
    remove.addEventListener("click", () => actions.remove(chip.filters));
    item.append(remove);
    list.append(item);
  }
  if (shown.length > 1) {
    const item = el("li");
    const clear = el("button", "chip-clear", t("clearAll"));
    clear.type = "button";
    clear.addEventListener("click", () => actions.clearAll());
    item.append(clear);
    list.append(item);
  }
}

export interface AddFilterElements {
  toggle: HTMLButtonElement;
  form: HTMLFormElement;
  kind: HTMLSelectElement;
  input: HTMLInputElement;
  listbox: HTMLUListElement;
  error: HTMLElement;
}

/** Wires the add-filter form; `onAdd` receives a validated filter. Call `relabel()` after a language switch. */
export function setupAddFilter(
  els: AddFilterElements,
  onAdd: (filter: Filter) => void,
): { relabel(): void } {
  const { toggle, form, kind, input, listbox, error } = els;
  let options: Suggestion[] = [];
  let active = -1;
  let pending: AbortController | null = null;
  let timer: number | undefined;

  const currentKind = (): FilterKind => (isFilterKind(kind.value) ? kind.value : "author");

  const close = (): void => {
    options = [];
    active = -1;
    listbox.replaceChildren();
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };

  const choose = (s: Suggestion): void => {
    close();
    input.value = "";
    onAdd({ kind: currentKind(), value: s.value });
  };

  const paint = (): void => {
    listbox.replaceChildren();
    options.forEach((s, i) => {
      const li = el("li", "option");
      li.id = `suggestion-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(i === active));
      li.append(el("span", "option-value", s.value));
      const label = sourceOptionLabel(s);
      if (label && label !== s.value) li.append(el("span", "option-label", label));
      if (typeof s.count === "number") {
        li.append(el("span", "option-count", t("suggestCount", { n: formatCount(s.count) })));
      }
      // mousedown, not click: keep the input's focus so the list does not close first.
      li.addEventListener("mousedown", (e) => {
        e.preventDefault();
        choose(s);
      });
      listbox.append(li);
    });
    listbox.hidden = options.length === 0;
    input.setAttribute("aria-expanded", String(options.length > 0));
    if (active >= 0) input.setAttribute("aria-activedescendant", `suggestion-${active}`);
    else input.removeAttribute("aria-activedescendant");
  };

  const suggest = (): void => {
    window.clearTimeout(timer);
    pending?.abort();
    const prefix = input.value.trim();
    const k = currentKind();
    if (prefix === "") {
      close();
      return;
    }
    if (k === "source") {
      options = KNOWN_SOURCES.filter((s) => s.value.startsWith(prefix.toLowerCase()));
      active = -1;
      paint();
      return;
    }
    const apiKind = SUGGEST_KIND[k];
    if (!apiKind) {
      close();
      return;
    }
    timer = window.setTimeout(() => {
      const controller = new AbortController();
      pending = controller;
      fetchSuggestions(apiKind, prefix, controller.signal)
        .then((answer) => {
          if (controller.signal.aborted || input.value.trim() !== prefix) return;
          options = answer.suggestions ?? [];
          active = -1;
          paint();
        })
        .catch(() => {
          if (!controller.signal.aborted) close(); // suggestions are a convenience: fail quietly
        });
    }, 120);
  };

  const relabel = (): void => {
    const selected = currentKind();
    kind.replaceChildren();
    for (const k of FILTER_KINDS) {
      const option = el("option", undefined, t(KIND_LABEL[k]));
      option.value = k;
      kind.append(option);
    }
    kind.value = selected;
    const isDate = selected === "since" || selected === "until";
    input.type = isDate ? "date" : "text";
    input.placeholder = t(PLACEHOLDER[selected]);
    input.setAttribute("aria-autocomplete", isDate ? "none" : "list");
    if (!error.hidden) error.textContent = t("invalidDate");
    if (options.length > 0) paint();
  };

  const setOpen = (open: boolean): void => {
    form.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (!open) close();
  };
  toggle.addEventListener("click", () => {
    const open = form.hidden;
    setOpen(open);
    if (open) input.focus();
  });

  kind.addEventListener("change", () => {
    close();
    error.hidden = true;
    input.value = "";
    relabel();
    input.focus();
  });
  input.addEventListener("input", () => {
    error.hidden = true;
    suggest();
  });
  input.addEventListener("blur", () => window.setTimeout(close, 100));
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (options.length === 0) return;
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      active = (active + step + options.length) % options.length;
      paint();
    } else if (e.key === "Escape" && options.length > 0) {
      e.preventDefault();
      close();
    } else if (e.key === "Escape") {
      e.preventDefault();
      setOpen(false);
      toggle.focus();
    } else if (e.key === "Enter" && active >= 0 && options[active]) {
      e.preventDefault();
      choose(options[active]);
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = input.value.trim();
    const k = currentKind();
    if (value === "") return;
    if ((k === "since" || k === "until") && !isIsoDate(value)) {
      error.textContent = t("invalidDate");
      error.hidden = false;
      return;
    }
    close();
    input.value = "";
    onAdd({ kind: k, value });
  });
  relabel();
  return { relabel };
}
