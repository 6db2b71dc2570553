// The source list's pure logic: the order sources are listed in and how long ago something happened.
// No imports and no DOM, so the unit tests load it alone (sources-panel.ts renders it).

/** Health values in the order the list shows them: what needs attention first. */
export const HEALTH_ORDER = ["failing", "suspect", "pending", "ok", "unavailable", "disabled"] as const;

export interface Listed {
  name: string;
  title: string;
  status: { health: string; running: boolean };
}

/** The sources in list order: by health (HEALTH_ORDER), running ones first within it, then by title. */
export function sortSources<T extends Listed>(sources: readonly T[]): T[] {
  const rank = (h: string) => {
    const i = (HEALTH_ORDER as readonly string[]).indexOf(h);
    return i < 0 ? HEALTH_ORDER.length : i;
  };
  return [...sources].sort(
    (a, b) =>
      rank(a.status.health) - rank(b.status.health) ||
      Number(b.status.running) - Number(a.status.running) ||
      a.title.localeCompare(b.title) ||
      a.name.localeCompare(b.name),
  );
}

export type Age = { unit: "now" | "minutes" | "hours" | "days"; n: number };

/** How long before `now` the ISO time `then` was, in the largest whole unit; null when either does not parse. */
export function ageOf(then: string | null | undefined, now: string): Age | null {
  if (!then) return null;
  const t = Date.parse(then);
  const n = Date.parse(now);
  if (Number.isNaN(t) || Number.isNaN(n)) return null;
  const s = Math.max(0, Math.floor((n - t) / 1000));
  if (s < 60) return { unit: "now", n: 0 };
  if (s < 3600) return { unit: "minutes", n: Math.floor(s / 60) };
  if (s < 86400) return { unit: "hours", n: Math.floor(s / 3600) };
  return { unit: "days", n: Math.floor(s / 86400) };
}

/** The non-zero counts of the summary worth a word, in HEALTH_ORDER without "disabled". */
export function summaryCounts(summary: Readonly<Record<string, number>>): [string, number][] {
  return HEALTH_ORDER.filter((h) => h !== "disabled" && (summary[h] ?? 0) > 0).map((h) => [h, summary[h]]);
}
