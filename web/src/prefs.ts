// Page preferences kept in localStorage: colour theme (auto / light / dark) and whether the introduction
// is closed. public/boot.js applies both before the first paint; this module changes them.

import { byId } from "./dom";
import { t, type MsgKey } from "./i18n";

type Theme = "auto" | "light" | "dark";
const THEMES: readonly Theme[] = ["auto", "light", "dark"];
const THEME_LABEL: Readonly<Record<Theme, MsgKey>> = {
  auto: "themeAuto",
  light: "themeLight",
  dark: "themeDark",
};

function load(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Not remembered when storage is disabled.
  }
}

export function setupPrefs(): { relabel(): void } {
  const root = document.documentElement;
  const themeBtn = byId<HTMLButtonElement>("theme");
  const stored = load("academichub.theme");
  let theme: Theme = stored === "light" || stored === "dark" ? stored : "auto";

  const relabel = (): void => {
    themeBtn.textContent = t(THEME_LABEL[theme]);
  };
  themeBtn.addEventListener("click", () => {
    theme = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];
    if (theme === "auto") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", theme);
    store("academichub.theme", theme === "auto" ? null : theme);
    relabel();
  });

  const closeBtn = byId<HTMLButtonElement>("close-intro");
  const showBtn = byId<HTMLButtonElement>("show-intro");
  closeBtn.addEventListener("click", () => {
    root.setAttribute("data-intro", "closed");
    store("academichub.intro", "closed");
    showBtn.focus();
  });
  showBtn.addEventListener("click", () => {
    root.removeAttribute("data-intro");
    store("academichub.intro", null);
    closeBtn.focus();
  });
  relabel();
  return { relabel };
}
