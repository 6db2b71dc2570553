// The paper record: one clean record per paper, with its identifiers, text in three forms (as
// published, display, search), authors, categories, dates, links and the version history.
// Plain values; thread-safe to copy and read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/identifiers.h"
#include "core/work.h"

namespace ah::core {

struct Author {
  std::string name;         // display form, LaTeX accents resolved: "C. Balázs"
  std::string affiliation;  // empty when the source gives none; several are joined with "; "
  std::string orcid;        // "0000-0002-1825-0097" (no URL), when the source gives one
  // The author's ids in other catalogues: ("openalex", "A5023888391"), ("s2", "1723755").
  std::vector<Identifier> ids;
  bool operator==(const Author&) const = default;
};

// One version of an arXiv paper, as listed by OAI-PMH arXivRaw or the snapshot's "versions".
struct PaperVersion {
  int version = 0;     // 1..
  std::string date;    // ISO 8601 UTC "2007-04-02T19:18:42Z"; empty when unknown
  std::string size;    // as given by arXiv ("37kb"); empty when unknown
  bool operator==(const PaperVersion&) const = default;
};

// Where a record came from. Values are stable strings stored in the database and shown in JSON.
namespace source {
inline constexpr const char* kArxivApi = "arxiv-api";
inline constexpr const char* kArxivOai = "arxiv-oai";
inline constexpr const char* kArxivRss = "arxiv-rss";
inline constexpr const char* kArxivSnapshot = "arxiv-snapshot";  // Kaggle/Cornell metadata dump
inline constexpr const char* kArxivDaily = "arxiv-daily";        // daily-arXiv-ai-enhanced crawl
inline constexpr const char* kCrossref = "crossref";              // api.crossref.org works
inline constexpr const char* kPubmed = "pubmed";                  // NCBI E-utilities efetch
inline constexpr const char* kOpenalex = "openalex";              // api.openalex.org works
inline constexpr const char* kBiorxiv = "biorxiv";                // api.biorxiv.org, bioRxiv
inline constexpr const char* kMedrxiv = "medrxiv";                // api.biorxiv.org, medRxiv
inline constexpr const char* kJournalFeed = "journal-feed";       // a journal's RSS/Atom TOC
inline constexpr const char* kSemanticScholar = "s2";             // Semantic Scholar Graph API
}  // namespace source

// One record of a paper as the store keeps it (store-filled; see Paper::records).
struct RecordRef {
  std::int64_t record_id = 0;  // the store's id of the record
  std::string source;          // core::source::* of its last writer
  std::string source_id;       // the record's id in its source
  std::string fetched_at;      // ISO 8601 UTC
  std::string fetched_from;    // redacted URL or file path
  bool operator==(const RecordRef&) const = default;
};

// One event in a paper's life (store-filled; see Paper::history).
struct HistoryEvent {
  std::string date;    // "YYYY-MM-DD" (or full ISO 8601)
  std::string kind;    // "version", "posted", "published", "corrected", "retracted",
                       // "expression-of-concern", "withdrawn"
  std::string label;   // "v2", the venue ("Nature Methods"), the notice's DOI
  std::string source;  // core::source::* of the record that says so
  bool operator==(const HistoryEvent&) const = default;
};

// What is known about a paper's standing (store-filled; see Paper::status).
struct PaperStatus {
  bool retracted = false;
  bool corrected = false;
  bool concern = false;                  // an expression of concern
  std::vector<std::string> notice_dois;  // DOIs of the notices (retraction, correction, ...)
  // The latest event after the paper first appeared ("published", "version", "retracted", ...)
  // and its date: the feed marks such a paper as updated instead of showing it again.
  std::string update_kind, update_date;
  bool operator==(const PaperStatus&) const = default;
};

struct Paper {
  // --- identity -------------------------------------------------------------------------------
  std::string arxiv_id;                 // canonical arXiv id without version; empty if none
  int version = 0;                      // arXiv version of this record; 0 when unknown
  std::string doi;                      // normalised (core::normalize_doi); empty if none
  std::vector<Identifier> other_ids;    // further schemes (pmid, openalex, s2, ...)

  // --- text: as published, display form, search form ---------------------------------------
  std::string title;                    // as the source gave it (hard wraps, LaTeX, entities)
  std::string abstract;
  std::string title_display;            // core::display_text(title)
  std::string abstract_display;         // core::display_text(abstract)

  // --- people and classification -----------------------------------------------------------
  std::vector<Author> authors;          // in order
  std::vector<std::string> categories;  // primary first, no duplicates ("cs.CL", "cs.AI")

  // --- bibliographic ---------------------------------------------------------------------------
  std::string comment;
  std::string journal_ref;
  std::string report_no;
  std::string license;                  // URL as given
  std::string submitter;

  // --- dates (ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ", or "YYYY-MM-DD" when only the day is known) --
  std::string published;                // first version submitted
  std::string version_date;             // this version submitted
  std::string updated;                  // last change of the record upstream (metadata or version)
  std::string announced;                // "YYYY-MM-DD" arXiv announced it (RSS, daily crawl)
  std::vector<PaperVersion> versions;   // known history, ascending by version

  // --- links -------------------------------------------------------------------------------------
  std::string abs_url;                  // abstract page
  std::string pdf_url;
  // The DOI link is derived: "https://doi.org/" + doi.

  // --- venue (journals; preprint servers name themselves) --------------------------------------
  std::string venue;                    // as published: "Nature Methods", "bioRxiv", "PLoS ONE"
  std::string venue_short;              // the abbreviation when given ("Nat Methods")
  std::string volume, issue, pages;
  std::string publisher;
  std::vector<std::string> issns;       // "1548-7091" (upper-case X), print and electronic
  WorkType type = WorkType::unknown;
  std::string language;                 // ISO 639-1 when the source says ("en")
  // Links to other works: its preprint or published version (these merge records into one
  // paper), and notices (corrections, retractions) about it or that it is.
  std::vector<Relation> relations;
  bool retracted = false;               // the source itself flags the work as retracted

  // --- provenance --------------------------------------------------------------------------------
  std::string source;                   // one of core::source::*
  std::string announce_type;            // RSS only: new, cross, replace, replace-cross
  std::string source_id;                // the record's id in its source (arXiv id, DOI, PMID,
                                        // OpenAlex "W…", bioRxiv DOI, S2 paperId); parsers set it
  std::string fetched_at;               // ISO 8601 UTC; set by the importer or harvester
  std::string fetched_from;             // redacted URL or file path; likewise

  // --- store-filled: a merged paper as PaperStore returns it (parsers leave these empty) ---------
  std::int64_t paper_id = 0;            // stable: never changes; a merged-away id still resolves
  std::vector<RecordRef> records;       // every source record of the paper
  std::vector<HistoryEvent> history;    // ascending by date
  PaperStatus status;
  // Which record each field came from: ("title", record_id), ("abstract", record_id), ...
  std::vector<std::pair<std::string, std::int64_t>> field_sources;

  bool operator==(const Paper&) const = default;
};

// The most authors a paper keeps. The longest author lists on arXiv are the LHC collaborations'
// (ATLAS and CMS about 3,000 each, their combined papers about 5,100); twice that keeps every
// real list whole. A longer "list" is a malformed record or one of a handful of consortium papers
// (COVIDSurg, 15,000 names, outside arXiv); keeping its first 10,000 names keeps the lead authors
// and bounds what one record costs to index and show.
inline constexpr std::size_t kMaxAuthors = 10'000;

// What finalize() left out of a record, for the caller to report.
struct Finalized {
  std::size_t authors_given = 0;  // named authors in the record before the cap
  bool authors_capped() const { return authors_given > kMaxAuthors; }
};

// Fills the derived fields of a parsed record: display forms of title and abstract (and author
// names), unnamed authors dropped and the rest cut to the first kMaxAuthors (the one place the cap
// is applied: every parser calls finalize), categories de-duplicated with the primary first,
// default abs/pdf links from the arXiv id, `published`/`version_date` from `versions` when
// missing. Linear in the size of the record. Idempotent.
Finalized finalize(Paper& paper);

// The identity used for upserts: "arxiv:<id>" when the paper has an arXiv id, else "doi:<doi>",
// else empty (such a record cannot be stored and is rejected by the store).
std::string identity_key(const Paper& paper);

// The DOI link for a paper, or empty.
std::string doi_url(const Paper& paper);

// True for a notice about another work: a correction, erratum, retraction or expression of
// concern, or a record its source did not type that `updates` another work as one of those
// (a withdrawal too). Its news reaches readers as that work's status and badge, so listings,
// feeds and rankings do not show it as a paper of its own. A typed work that updates another is
// a paper (an article corrected and republished, PubMed's CorrectedandRepublishedFrom; a new
// version or edition, Crossref's update-to of another kind); so are comments and replies
// (is_notice counts them as notices only to keep them unmerged).
bool is_notice_only(const Paper& paper);

}  // namespace ah::core
