// What a card says about where a paper comes from and what happened to it: its sources, venue,
// identifiers, compact history and standing, worked out from the API's paper object (one paper per
// work, merged from the records of several sources). Pure, with no imports and no DOM, so the unit
// tests load it alone; cards.ts turns the results into translated text and elements.

/** The parts of the API's Paper this module reads; every field may be missing from an older server. */
export interface PaperFacts {
  id?: string;
  doi?: string | null;
  source?: string | null;
  categories?: string[] | null;
  primary_category?: string | null;
  venue?: string | null;
  venue_short?: string | null;
  volume?: string | null;
  issue?: string | null;
  pages?: string | null;
  type?: string | null;
  identifiers?: { scheme: string; value: string }[] | null;
  records?: { source: string; source_id?: string | null }[] | null;
  history?: { date?: string | null; kind: string; label?: string | null; source?: string | null }[] | null;
  status?: {
    retracted?: boolean;
    corrected?: boolean;
    concern?: boolean;
    notices?: string[] | null;
    updated?: { kind: string; date?: string | null } | null;
  } | null;
}

const SOURCE_NAMES: Readonly<Record<string, string>> = {
  arxiv: "arXiv",
  crossref: "Crossref",
  pubmed: "PubMed",
  openalex: "OpenAlex",
  biorxiv: "bioRxiv",
  medrxiv: "medRxiv",
  s2: "Semantic Scholar",
};

/** The journal-feed source: its name is translated (cards.ts), the others are proper names. */
export const JOURNAL_FEED = "journal-feed";

/** The filter value for a source id: "arxiv" for any arxiv-* (the API matches it as a prefix). */
export function sourceFamily(source: string): string {
  const s = source.trim().toLowerCase();
  return s.startsWith("arxiv") ? "arxiv" : s;
}

/** "arXiv", "Crossref", "PubMed", ... for a source id or family; an unknown id as it is. */
export function sourceName(source: string): string {
  return SOURCE_NAMES[sourceFamily(source)] ?? source;
}

/**
 * The source families that delivered the paper, each once, in the order of its records (the API
 * lists them oldest first); the paper's own `source` when it has no records; [] when neither.
 */
export function paperSources(paper: PaperFacts): string[] {
  const ids = (paper.records ?? []).map((r) => r.source).filter((s) => typeof s === "string" && s.trim() !== "");
  if (ids.length === 0 && paper.source) ids.push(paper.source);
  return [...new Set(ids.map(sourceFamily))];
}

/** The upper-cased primary (else first) category, for arXiv's "arXiv (CS.CL)"; "" when none. */
export function categoryLabel(paper: PaperFacts): string {
  return (paper.primary_category || paper.categories?.[0] || "").toUpperCase();
}

/** The venue's full name, else its short name; "" when the paper has none. */
export function venueName(paper: PaperFacts): string {
  return (paper.venue || paper.venue_short || "").trim();
}

/**
 * The venue a card names: venueName(), unless it only repeats one of the paper's sources (a
 * medRxiv preprint's venue is "medRxiv"); "" when none.
 */
export function shownVenue(paper: PaperFacts): string {
  const venue = venueName(paper);
  const sources = paperSources(paper).map((s) => sourceName(s).toLowerCase());
  return sources.includes(venue.toLowerCase()) ? "" : venue;
}

/** The source families that run preprint servers, whose categories a card shows: "arXiv (CS.CL)". */
const CATEGORISED = new Set(["arxiv", "biorxiv", "medrxiv"]);

/** Which of `sources` the category belongs to: the first preprint server, else the last source. */
export function categorySource(sources: readonly string[]): number {
  const i = sources.findIndex((s) => CATEGORISED.has(s));
  return i >= 0 ? i : sources.length - 1;
}

export type NoticeType = "retraction" | "correction" | "concern";

/** The kind of notice the paper itself is (a retraction note, an erratum, ...), else null. */
export function noticeType(paper: PaperFacts): NoticeType | null {
  switch (paper.type) {
    case "retraction":
      return "retraction";
    case "correction":
    case "erratum":
      return "correction";
    case "expression-of-concern":
      return "concern";
    default:
      return null;
  }
}

/** "23(5):101–110", "23:e5", "(4)" from volume, issue and pages; "" when none is known. */
export function citationDetail(paper: PaperFacts): string {
  let out = paper.volume?.trim() ?? "";
  if (paper.issue?.trim()) out += `(${paper.issue.trim()})`;
  if (paper.pages?.trim()) out += `${out ? ":" : ""}${paper.pages.trim()}`;
  return out;
}

/** The value of the paper's first identifier of `scheme` ("arxiv", "doi", "pmid", ...), else "". */
export function identifier(paper: PaperFacts, scheme: string): string {
  if (scheme === "doi" && paper.doi) return paper.doi;
  return paper.identifiers?.find((i) => i.scheme === scheme && i.value)?.value ?? "";
}

export interface ExternalLink {
  kind: "arxiv" | "pubmed";
  href: string;
  id: string;
}

/** Links to the paper's arXiv and PubMed pages, for the identifiers it has (none assumed). */
export function externalLinks(paper: PaperFacts): ExternalLink[] {
  const out: ExternalLink[] = [];
  const arxiv = identifier(paper, "arxiv");
  if (/^[\w.\/-]+$/.test(arxiv)) out.push({ kind: "arxiv", href: `https://arxiv.org/abs/${arxiv}`, id: arxiv });
  const pmid = identifier(paper, "pmid");
  if (/^\d+$/.test(pmid)) out.push({ kind: "pubmed", href: `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`, id: pmid });
  return out;
}

/** "https://doi.org/10.1/x" for a DOI (each path segment escaped), "" for anything else. */
export function doiHref(doi: string | null | undefined): string {
  const d = (doi ?? "").trim().replace(/^https?:\/\/(dx\.)?doi\.org\//i, "").replace(/^doi:/i, "");
  if (!/^10\.\d{4,9}\/.+$/.test(d)) return "";
  return `https://doi.org/${d.split("/").map(encodeURIComponent).join("/")}`;
}

const looksLikeDoi = (s: string | null | undefined): s is string => !!s && /^10\.\d{4,9}\//.test(s.trim());

export type StepKind =
  | "posted"
  | "version"
  | "published"
  | "corrected"
  | "retracted"
  | "concern"
  | "withdrawn"
  | "notice"
  | "other";

/**
 * One step of the compact history. `name` is a proper name: the server a preprint was posted on
 * ("arXiv"), the venue it was published in, or for kind "other" the API's raw kind; "" for the kinds
 * cards.ts names in the reader's language (corrected, retracted, ..., published without a venue).
 * `detail` is a version ("v1", "v3"). `month` is YYYY-MM, or "" when undated.
 */
export interface HistoryStep {
  kind: StepKind;
  name: string;
  detail: string;
  month: string;
}

const STEP_KINDS: Readonly<Record<string, StepKind>> = {
  posted: "posted",
  version: "version",
  published: "published",
  corrected: "corrected",
  retracted: "retracted",
  "expression-of-concern": "concern",
  withdrawn: "withdrawn",
  notice: "notice",
};

/** The step kind of a history event's kind (the API's "expression-of-concern" is "concern"). */
export function stepKind(kind: string): StepKind {
  return STEP_KINDS[kind] ?? "other";
}

/**
 * The paper's life as a few steps, in the API's order (oldest first, undated last): where it was
 * posted, the latest later version of each preprint server (the versions between add nothing to a
 * card; the posting then reads "arXiv v1"), publication, corrections, retraction. A step equal to
 * the one before it (two sources reporting one event) is dropped.
 */
export function historySteps(paper: PaperFacts): HistoryStep[] {
  const events = (paper.history ?? []).filter((e) => e && typeof e.kind === "string");
  const family = (s: string | null | undefined) => (s ? sourceFamily(s) : "");
  const lastVersion = new Map<string, number>(); // source family -> index of its last version event
  events.forEach((e, i) => {
    if (stepKind(e.kind) === "version") lastVersion.set(family(e.source), i);
  });
  const steps: HistoryStep[] = [];
  events.forEach((e, i) => {
    const kind = stepKind(e.kind);
    const month = (e.date ?? "").slice(0, 7);
    const label = (e.label ?? "").trim();
    let step: HistoryStep;
    if (kind === "version") {
      if (lastVersion.get(family(e.source)) !== i) return;
      step = { kind, name: "", detail: label, month };
    } else if (kind === "posted") {
      const versioned = lastVersion.has(family(e.source));
      step = { kind, name: label || (e.source ? sourceName(e.source) : ""), detail: versioned ? "v1" : "", month };
    } else if (kind === "published") {
      step = { kind, name: label && !looksLikeDoi(label) ? label : venueName(paper), detail: "", month };
    } else {
      step = { kind, name: kind === "other" ? e.kind : "", detail: "", month };
    }
    const last = steps[steps.length - 1];
    const same = last && last.kind === step.kind && last.name === step.name && last.detail === step.detail;
    if (same && last.month === step.month) return;
    // A notice reported again (by PMID after its DOI, or undated by another source) is one step.
    const notice = kind !== "posted" && kind !== "version" && kind !== "other";
    if (notice && steps.some((s) => s.kind === kind && s.name === step.name)) return;
    steps.push(step);
  });
  return steps;
}

/**
 * Whether the steps say more than the card's date and id already do: more than one step, and
 * something besides one server's versions, or versions months apart.
 */
export function historyWorthShowing(steps: readonly HistoryStep[]): boolean {
  if (steps.length < 2) return false;
  const posts = steps.filter((s) => s.kind === "posted").length;
  if (posts > 1 || steps.some((s) => s.kind !== "posted" && s.kind !== "version")) return true;
  return steps[0].month !== steps[steps.length - 1].month;
}

export type BadgeKind = "retracted" | "concern" | "withdrawn" | "corrected";

export interface Badge {
  kind: BadgeKind;
  /** The notice as a reader may look it up ("10.5555/r1", "PMID 39000002"), "" when unknown. */
  notice: string;
  /** Where the notice is (doi.org, PubMed), "" when unknown. */
  href: string;
  /** YYYY-MM-DD of the notice, "" when unknown. */
  date: string;
}

/** A notice's label (a DOI, "pubmed:123", or a PubMed record's bare PMID) as text and link. */
export function noticeLink(label: string | null | undefined, source?: string | null): { notice: string; href: string } | null {
  const l = (label ?? "").trim();
  if (looksLikeDoi(l)) return { notice: l, href: doiHref(l) };
  const pmid = /^pubmed:(\d+)$/i.exec(l)?.[1] ?? (/^\d+$/.test(l) && source && sourceFamily(source) === "pubmed" ? l : "");
  if (pmid) return { notice: `PMID ${pmid}`, href: `https://pubmed.ncbi.nlm.nih.gov/${pmid}/` };
  return null;
}

/**
 * The paper's standing as badges, gravest first: retracted, expression of concern, withdrawn,
 * corrected. The notice is that of the latest history event of the kind with a usable label (a
 * DOI preferred to a PMID), else, for a retraction or correction, the status's only DOI notice.
 */
export function statusBadges(paper: PaperFacts): Badge[] {
  const status = paper.status ?? {};
  const events = paper.history ?? [];
  const doiNotices = (status.notices ?? []).filter(looksLikeDoi);
  const out: Badge[] = [];
  const add = (kind: BadgeKind, on: boolean) => {
    const ofKind = events.filter((e) => stepKind(e.kind) === kind);
    if (!on && ofKind.length === 0) return;
    const linked = ofKind
      .map((e) => ({ e, link: noticeLink(e.label, e.source) }))
      .filter((x) => x.link !== null);
    const best = linked.filter((x) => looksLikeDoi(x.e.label)).at(-1) ?? linked.at(-1);
    let link = best?.link ?? null;
    if (!link && (kind === "retracted" || kind === "corrected") && doiNotices.length === 1 && ofKind.length === 0) {
      link = noticeLink(doiNotices[0]);
    }
    const dated = best?.e.date ? best.e : ofKind.filter((e) => e.date).at(-1);
    out.push({ kind, notice: link?.notice ?? "", href: link?.href ?? "", date: (dated?.date ?? "").slice(0, 10) });
  };
  add("retracted", status.retracted === true);
  add("concern", status.concern === true);
  add("withdrawn", false);
  add("corrected", status.corrected === true);
  return out;
}

/**
 * What changed since the paper first appeared (status.updated), unless a badge already says it;
 * null when nothing did.
 */
export function updateNote(paper: PaperFacts, badges: readonly Badge[]): { kind: StepKind | string; date: string } | null {
  const updated = paper.status?.updated;
  if (!updated || typeof updated.kind !== "string" || updated.kind === "") return null;
  const kind = stepKind(updated.kind);
  if (badges.some((b) => b.kind === kind)) return null;
  return { kind: kind === "other" ? updated.kind : kind, date: (updated.date ?? "").slice(0, 10) };
}
