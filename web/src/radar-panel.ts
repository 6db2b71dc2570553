// The radar switcher (the user's radars and "all papers", and a form that creates a radar from the chips
// shown) and the radar panel, which edits what the chips do not: the description, keywords and
// exclusions, followed authors (a name search offers the candidate people, with affiliations and recent
// papers), seed papers, and deleting the radar. The page owns the view; this module tells it through
// `hooks` when the user switches radar or a change should reload the feed.
// Seeds come from a card's "Seed" button, or from a reference library imported here (BibTeX, RIS,
// CSL-JSON, a Zotero export: POST /radars/{id}/seeds).

import { ApiError, requestJson, type Paper } from "./api";
import { byId, el } from "./dom";
import { formatCount, t } from "./i18n";
import {
  createRadar,
  deleteRadar,
  editRadar,
  findAuthors,
  getRadar,
  importSeeds,
  listRadars,
  MAX_LIBRARY_BYTES,
  type Candidate,
  type PaperRef,
  type Radar,
  type RadarEdit,
} from "./radar-api";
import { shorten } from "./why";

export interface RadarHooks {
  /** The user picked a radar (its name) or all papers (undefined). */
  select(name: string | undefined): void;
  /** The active radar changed on the server; `refeed` when its feed should load again. */
  changed(radar: Radar, refeed: boolean): void;
  /** The fields of a new radar, from the chips shown now. */
  fromChips(): RadarEdit;
  /** A paper title the page has seen, by String(ref). */
  titleOf(ref: string): string | undefined;
  rememberTitle(ref: string, title: string): void;
}

export interface RadarPanel {
  /** Loads the list of radars (the switcher's options). */
  refresh(): Promise<void>;
  /** Makes `name` the active radar (loading it), or none; resolves to it, or null when it does not exist. */
  activate(name: string | undefined): Promise<Radar | null>;
  active(): Radar | null;
  /** PATCHes the active radar; resolves to the new one, or null (the error is shown in the panel). */
  edit(fields: RadarEdit, refeed?: boolean): Promise<Radar | null>;
  relabel(): void;
  /** Shows a short message under the switcher (e.g. a radar that is gone), in the page's language; null hides it. */
  notice(text: (() => string) | null): void;
}

const errorText = (e: unknown): string =>
  t("radarError", { message: e instanceof ApiError ? e.message : String(e) });

export function setupRadarPanel(hooks: RadarHooks): RadarPanel {
  const select = byId<HTMLSelectElement>("radar-select");
  const newBtn = byId<HTMLButtonElement>("radar-new");
  const editBtn = byId<HTMLButtonElement>("radar-edit");
  const createForm = byId<HTMLFormElement>("radar-create");
  const nameInput = byId<HTMLInputElement>("radar-name");
  const createError = byId("radar-create-error");
  const noticeEl = byId("radar-notice");
  const body = byId("radar-body");

  let radars: Radar[] = [];
  let current: Radar | null = null;
  let listFailed = false;
  let message: { text: string; error: boolean } | null = null;
  let noticeText: (() => string) | null = null;
  let candidates: Candidate[] | null = null;
  let candidateQuery = "";
  let confirmDelete = false;
  const fetchingTitles = new Set<string>();

  function renderSelect(): void {
    const chosen = current?.name;
    select.replaceChildren();
    const all = el("option", undefined, t("radarAll"));
    all.value = "";
    select.append(all);
    const names = radars.map((r) => r.name);
    if (chosen && !names.includes(chosen)) names.push(chosen);
    for (const name of names) {
      const option = el("option", undefined, name);
      option.value = name;
      select.append(option);
    }
    select.value = chosen ?? "";
    editBtn.hidden = current === null;
  }

  function tagList(values: readonly string[], kind: string, remove: (value: string) => void): HTMLElement {
    const list = el("ul", `radar-tags radar-${kind}`);
    if (values.length === 0) list.append(el("li", "radar-none", t("radarNoneListed")));
    for (const value of values) {
      const item = el("li", "radar-tag");
      const label = el("span", "radar-tag-label", value);
      label.dataset.paperText = "";
      const x = el("button", "chip-remove", "×");
      x.type = "button";
      x.setAttribute("aria-label", t("radarRemove", { value }));
      x.title = t("radarRemove", { value });
      x.addEventListener("click", () => remove(value));
      item.append(label, x);
      list.append(item);
    }
    return list;
  }

  /** A one-line form: a labelled input and a submit button. */
  function lineForm(id: string, label: string, placeholder: string, button: string, submit: (value: string) => void): HTMLFormElement {
    const form = el("form", "radar-line");
    form.id = `${id}-form`;
    const lab = el("label", "visually-hidden", label);
    lab.htmlFor = id;
    const input = el("input");
    input.id = id;
    input.type = "text";
    input.autocomplete = "off";
    input.placeholder = placeholder;
    const go = el("button", "btn btn-small", button);
    go.type = "submit";
    form.append(lab, input, go);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const value = input.value.trim();
      if (value !== "") submit(value);
    });
    return form;
  }

  function section(title: string, ...children: Node[]): HTMLElement {
    const box = el("section", "radar-section");
    box.append(el("h3", undefined, title), ...children);
    return box;
  }

  function seedTitle(ref: PaperRef): string | undefined {
    const key = String(ref);
    return current?.seedTitles[key] ?? hooks.titleOf(key);
  }

  /** Looks up the titles of seeds the page has not seen (GET /papers/{id}, "ah:N" for a stable id). */
  function fetchSeedTitles(radar: Radar): void {
    for (const ref of radar.seeds.slice(0, 50)) {
      const key = String(ref);
      if (seedTitle(ref) !== undefined || fetchingTitles.has(key)) continue;
      fetchingTitles.add(key);
      const id = typeof ref === "number" ? `ah:${ref}` : ref;
      requestJson<Paper>("GET", `papers/${encodeURIComponent(id)}`)
        .then((p) => {
          if (p.title) hooks.rememberTitle(key, p.title);
          render();
        })
        .catch(() => undefined); // the seed is listed by its id
    }
  }

  function renderCandidates(): HTMLElement {
    const box = el("div", "radar-candidates");
    box.setAttribute("aria-live", "polite");
    if (candidates === null) return box;
    const list = el("ul", "candidate-list");
    for (const c of candidates) {
      const item = el("li", "candidate");
      const head = el("div", "candidate-head");
      const name = el("span", "candidate-name", c.name);
      name.dataset.paperText = "";
      head.append(name);
      if (c.papers !== null) head.append(el("span", "candidate-count", t("radarCandidatePapers", { n: formatCount(c.papers) })));
      item.append(head);
      const aff = el("div", "candidate-aff", c.affiliations.length ? c.affiliations.join("; ") : t("radarNoAffiliation"));
      if (c.affiliations.length) aff.dataset.paperText = "";
      item.append(aff);
      if (c.ids.length) {
        const ids = el("div", "candidate-ids", c.ids.join(" · "));
        ids.dataset.paperText = "";
        item.append(ids);
      }
      if (c.recent.length) {
        const recent = el("ul", "candidate-recent");
        recent.dataset.paperText = "";
        for (const p of c.recent.slice(0, 3)) recent.append(el("li", undefined, `${p.date ? `${p.date} · ` : ""}${shorten(p.title, 90)}`));
        item.append(recent);
      }
      const follow = el("button", "btn btn-small", t("radarFollow"));
      follow.type = "button";
      follow.setAttribute("aria-label", `${t("radarFollow")} ${c.name}`);
      follow.addEventListener("click", () => void followCandidate(c));
      item.append(follow);
      list.append(item);
    }
    if (candidates.length === 0) box.append(el("p", "radar-note", t("radarCandidatesNone")));
    box.append(list);
    const byName = el("button", "link-btn", t("radarFollowName", { name: candidateQuery }));
    byName.type = "button";
    byName.addEventListener("click", () => void followCandidate({ name: candidateQuery, ids: [], affiliations: [], papers: null, recent: [] }));
    box.append(byName);
    return box;
  }

  async function followCandidate(c: Candidate): Promise<void> {
    if (!current) return;
    const authors = current.authors.some((a) => a.toLowerCase() === c.name.toLowerCase()) ? current.authors : [...current.authors, c.name];
    const ids = [...current.author_ids, ...c.ids.filter((i) => !current!.author_ids.includes(i))];
    const done = await edit({ authors, author_ids: ids });
    if (done) {
      candidates = null;
      candidateQuery = "";
      render();
    }
  }

  function render(): void {
    renderSelect();
    noticeEl.textContent = noticeText ? noticeText() : "";
    noticeEl.hidden = noticeText === null;
    const description = body.querySelector<HTMLTextAreaElement>("#radar-description");
    const draft = description && current && description.value !== current.description ? description.value : null;
    body.replaceChildren();
    if (!current) {
      body.append(el("p", "radar-note", t("radarText")));
      if (radars.length === 0) body.append(el("p", "radar-note", listFailed ? t("radarLoadError") : t("radarNoneYet")));
      return;
    }
    const radar = current;
    const title = el("p", "radar-name", radar.name);
    title.dataset.paperText = "";
    body.append(title);
    if (message) {
      const note = el("p", message.error ? "radar-message is-error" : "radar-message", message.text);
      note.setAttribute("role", message.error ? "alert" : "status");
      body.append(note);
    }

    // Description
    const descForm = el("form", "radar-desc");
    const label = el("label", undefined, t("radarDescription"));
    label.htmlFor = "radar-description";
    const area = el("textarea");
    area.id = "radar-description";
    area.rows = 3;
    area.placeholder = t("radarDescriptionHint");
    area.value = draft ?? radar.description;
    const save = el("button", "btn btn-small", t("radarSave"));
    save.type = "submit";
    descForm.append(label, area, save);
    descForm.addEventListener("submit", (e) => {
      e.preventDefault();
      void edit({ description: area.value.trim() }, true, t("radarSaved"));
    });
    body.append(descForm);

    // Keywords and exclusions
    body.append(
      section(
        t("radarKeywords"),
        tagList(radar.keywords, "keywords", (v) => void edit({ keywords: radar.keywords.filter((k) => k !== v) })),
        lineForm("radar-keyword", t("radarAddKeyword"), t("radarAddKeyword"), t("radarAdd"), (v) => {
          if (!radar.keywords.includes(v)) void edit({ keywords: [...radar.keywords, v] });
        }),
      ),
      section(
        t("radarExcludes"),
        tagList(radar.excludes, "excludes", (v) => void edit({ excludes: radar.excludes.filter((k) => k !== v) })),
        lineForm("radar-exclude", t("radarAddExclude"), t("radarAddExclude"), t("radarAdd"), (v) => {
          if (!radar.excludes.includes(v)) void edit({ excludes: [...radar.excludes, v] });
        }),
      ),
    );
    body.append(el("p", "radar-note", t("radarPoolNote")));

    // Followed authors and the candidate people for a name
    const authorSearch = lineForm("radar-author", t("radarAuthorSearch"), t("radarAuthorPlaceholder"), t("radarFind"), (name) => {
      candidateQuery = name;
      findAuthors(name)
        .then((found) => {
          candidates = found;
        })
        .catch(() => {
          candidates = [];
        })
        .finally(() => {
          render();
          body.querySelector<HTMLElement>(".candidate button, .radar-candidates .link-btn")?.focus();
        });
    });
    const searchInput = authorSearch.querySelector("input");
    if (searchInput) searchInput.value = candidateQuery;
    body.append(
      section(
        t("radarAuthors"),
        tagList([...radar.authors, ...radar.author_ids], "authors", (v) =>
          void edit({ authors: radar.authors.filter((a) => a !== v), author_ids: radar.author_ids.filter((a) => a !== v) }),
        ),
        authorSearch,
        renderCandidates(),
      ),
    );

    // Seed papers
    const seeds = el("ol", "radar-seeds");
    if (radar.seeds.length === 0) seeds.append(el("li", "radar-none", t("radarSeedsNone")));
    for (const ref of radar.seeds) {
      const item = el("li", "radar-tag radar-seed");
      const text = el("span", "radar-tag-label", shorten(seedTitle(ref) ?? String(ref), 80));
      text.dataset.paperText = "";
      text.title = seedTitle(ref) ?? String(ref);
      const x = el("button", "chip-remove", "×");
      x.type = "button";
      x.setAttribute("aria-label", t("radarRemove", { value: text.title }));
      x.title = x.getAttribute("aria-label") ?? "";
      x.addEventListener("click", () => void edit({ seeds: radar.seeds.filter((s) => String(s) !== String(ref)) }));
      item.append(text, x);
      seeds.append(item);
    }
    body.append(section(t("radarSeeds"), seeds, importForm()));
    fetchSeedTitles(radar);

    const del = el("button", "link-btn radar-delete", confirmDelete ? t("radarDeleteConfirm", { name: radar.name }) : t("radarDelete"));
    del.type = "button";
    del.addEventListener("click", () => {
      if (!confirmDelete) {
        confirmDelete = true;
        render();
        body.querySelector<HTMLElement>(".radar-delete")?.focus();
        return;
      }
      deleteRadar(radar.id)
        .then(() => {
          confirmDelete = false;
          current = null;
          radars = radars.filter((r) => r.id !== radar.id);
          render();
          hooks.select(undefined);
        })
        .catch((e) => {
          message = { text: errorText(e), error: true };
          render();
        });
    });
    body.append(del);
  }

  /** The library import: a file picker whose file is sent as soon as it is chosen. */
  function importForm(): HTMLElement {
    const box = el("div", "radar-import");
    const label = el("label", "btn btn-small radar-import-label", t("radarImport"));
    label.htmlFor = "radar-import-file";
    const input = el("input", "visually-hidden");
    input.id = "radar-import-file";
    input.type = "file";
    input.accept = ".bib,.bibtex,.ris,.json,.rdf,.xml,.txt";
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      if (file) void importLibrary(file);
    });
    box.append(label, input, el("span", "radar-note", t("radarImportHint")));
    return box;
  }

  async function importLibrary(file: File): Promise<void> {
    if (!current) return;
    const radar = current;
    if (file.size > MAX_LIBRARY_BYTES) {
      message = { text: t("radarImportTooLarge", { file: file.name, mb: String(Math.floor(MAX_LIBRARY_BYTES / (1024 * 1024))) }), error: true };
      render();
      return;
    }
    message = { text: t("radarImporting", { file: file.name }), error: false };
    render();
    try {
      const done = await importSeeds(radar.id, file.name, await file.text());
      current = done.radar;
      radars = radars.map((r) => (r.id === done.radar.id ? done.radar : r));
      let text = t("radarImported", {
        file: done.file,
        matched: formatCount(done.matched),
        references: formatCount(done.references),
        added: formatCount(done.added),
      });
      if (done.unmatched.length > 0) {
        const shown = done.unmatched.slice(0, 3).map((u) => `“${shorten(u, 60)}”`).join(", ");
        text += " " + t("radarImportMissing", { n: formatCount(done.unmatched.length), titles: shown });
      }
      if (done.warnings.length > 0) text += " " + t("radarImportWarnings", { n: formatCount(done.warnings.length), first: done.warnings[0] });
      message = { text, error: false };
      render();
      hooks.changed(done.radar, done.added > 0);
    } catch (e) {
      message = { text: t("radarImportFailed", { message: e instanceof ApiError ? e.message : String(e) }), error: true };
      render();
    }
  }

  async function edit(fields: RadarEdit, refeed = true, okText?: string): Promise<Radar | null> {
    if (!current) return null;
    try {
      const next = await editRadar(current.id, fields);
      current = next;
      radars = radars.map((r) => (r.id === next.id ? next : r));
      message = okText ? { text: okText, error: false } : null;
      confirmDelete = false;
      render();
      hooks.changed(next, refeed);
      return next;
    } catch (e) {
      message = { text: errorText(e), error: true };
      render();
      return null;
    }
  }

  async function refresh(): Promise<void> {
    try {
      radars = await listRadars();
      listFailed = false;
    } catch {
      radars = [];
      listFailed = true;
    }
    render();
  }

  async function activate(name: string | undefined): Promise<Radar | null> {
    candidates = null;
    candidateQuery = "";
    message = null;
    confirmDelete = false;
    if (name === undefined) {
      current = null;
      render();
      return null;
    }
    if (current && (current.name === name || current.id === name)) return current;
    try {
      current = await getRadar(name);
    } catch {
      current = null;
    }
    render();
    return current;
  }

  function setCreateOpen(open: boolean): void {
    createForm.hidden = !open;
    newBtn.setAttribute("aria-expanded", String(open));
    createError.hidden = true;
    if (open) nameInput.focus();
  }

  select.addEventListener("change", () => hooks.select(select.value === "" ? undefined : select.value));
  newBtn.addEventListener("click", () => setCreateOpen(createForm.hidden));
  byId("radar-create-cancel").addEventListener("click", () => {
    setCreateOpen(false);
    newBtn.focus();
  });
  editBtn.addEventListener("click", () => {
    const panel = byId("radar-panel");
    panel.scrollIntoView({ block: "start", behavior: "smooth" });
    body.querySelector<HTMLElement>("#radar-description")?.focus({ preventScroll: true });
  });
  createForm.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      setCreateOpen(false);
      newBtn.focus();
    }
  });
  createForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const name = nameInput.value.trim();
    if (name === "") return;
    createRadar({ ...hooks.fromChips(), name })
      .then((radar) => {
        radars = [...radars.filter((r) => r.id !== radar.id), radar];
        current = radar;
        nameInput.value = "";
        setCreateOpen(false);
        render();
        hooks.select(radar.name);
        select.focus();
      })
      .catch((err) => {
        createError.textContent = errorText(err);
        createError.hidden = false;
      });
  });

  return {
    refresh,
    activate,
    active: () => current,
    edit: (fields, refeed = true) => edit(fields, refeed),
    relabel: render,
    notice(text: (() => string) | null): void {
      noticeText = text;
      render();
    },
  };
}
