// Small DOM helpers shared by the page's modules. Text goes in as text, never as HTML.

import { TABLES, lang, t, type MsgKey } from "./i18n";

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from index.html`);
  return node as T;
}

/** Appends `text` to `parent`, turning `backquoted` runs into <code> elements. */
export function appendWithCode(parent: HTMLElement, text: string): void {
  text.split("`").forEach((part, i) => {
    if (part === "") return;
    parent.append(i % 2 === 1 ? el("code", undefined, part) : document.createTextNode(part));
  });
}

function isKey(s: string | undefined): s is MsgKey {
  return s !== undefined && s in TABLES.en;
}

/** Fills every static [data-i18n*] element under `root` from the current language's table. */
export function applyStaticStrings(root: ParentNode): void {
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n]")) {
    if (isKey(node.dataset.i18n)) node.textContent = t(node.dataset.i18n);
  }
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n-aria]")) {
    if (isKey(node.dataset.i18nAria)) node.setAttribute("aria-label", t(node.dataset.i18nAria));
  }
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n-title]")) {
    if (isKey(node.dataset.i18nTitle)) node.title = t(node.dataset.i18nTitle);
  }
  for (const node of root.querySelectorAll<HTMLInputElement>("[data-i18n-placeholder]")) {
    if (isKey(node.dataset.i18nPlaceholder)) node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  document.documentElement.lang = lang() === "zh" ? "zh-CN" : "en";
  document.title = `AcademicHub · ${t("headline")}`;
}

/** "2026-06-17 06:00 UTC" from an ISO timestamp (the input itself when it does not parse). */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
