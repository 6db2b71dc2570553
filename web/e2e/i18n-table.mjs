// Loads the page's string table (src/i18n.ts) into the tests, through TypeScript's own transpiler, so
// the tests compare what the page shows against the very table the page is built from.

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const SOURCE = resolve(dirname(fileURLToPath(import.meta.url)), "..", "src", "i18n.ts");

/** {zh: {key: string}, en: {key: string}} */
export async function loadTables() {
  const { outputText } = ts.transpileModule(readFileSync(SOURCE, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString("base64")}`);
  return mod.TABLES;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * The fragments of `lang`'s strings that must not be visible in the other language: each string split at
 * its {placeholders}, keeping fragments that differ from the other language's string and are long enough
 * to be telling (Chinese fragments with a CJK character, other fragments of 4+ characters).
 */
export function foreignFragments(tables, lang) {
  const other = lang === "zh" ? "en" : "zh";
  const out = new Set();
  for (const [key, value] of Object.entries(tables[lang])) {
    if (value === tables[other][key]) continue;
    for (let fragment of value.split(/\{\w+\}/)) {
      fragment = fragment.trim().replace(/^[\s:：·,，.。“”"()（）]+|[\s:：·,，.。“”"()（）]+$/g, "");
      if (fragment === "" || tables[other][key].includes(fragment)) continue;
      if (lang === "zh" ? CJK.test(fragment) : fragment.length >= 4) out.add(fragment);
    }
  }
  return [...out];
}

/**
 * In the page: the text a person sees outside paper content (text nodes and placeholder / aria-label /
 * title attributes of rendered elements), skipping anything inside [data-paper-text] and hidden elements.
 */
export function chromeText(page) {
  return page.evaluate(() => {
    const parts = [];
    const visible = (el) => el.checkVisibility?.({ visibilityProperty: true }) ?? true;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.closest("[data-paper-text]") || node.closest("script,style,template,noscript")) continue;
        if (!visible(node)) continue;
        for (const attr of ["placeholder", "aria-label", "title"]) {
          const v = node.getAttribute(attr);
          if (v) parts.push(v);
        }
        if (node.tagName === "OPTION" || node.tagName === "SELECT") continue;
      } else {
        const parent = node.parentElement;
        if (!parent || parent.closest("[data-paper-text]") || !visible(parent)) continue;
        if (parent.closest("select")) {
          // Only the selected option of a select is visible.
          if (parent.tagName !== "OPTION" || !parent.selected) continue;
        }
        if (node.textContent.trim()) parts.push(node.textContent.trim());
      }
    }
    parts.push(document.title);
    return parts;
  });
}
