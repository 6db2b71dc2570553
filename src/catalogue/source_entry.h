// One source of the catalogue: what to harvest (a kind and its parameters), how often, and whether
// it is on. Plain values; thread-compatible. The catalogue file (catalogue.h) is a list of these;
// each harvester's factory (harvest/source_harvester.h) builds a run from one.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.h"

namespace ah::catalogue {

// The kinds of source AcademicHub harvests. Stable lower-case names in files and JSON.
enum class Kind { arxiv, crossref, pubmed, openalex, biorxiv, feed };
std::string_view to_string(Kind kind);
std::optional<Kind> parse_kind(std::string_view text);
std::span<const Kind> all_kinds();

// When a source runs: `every` after its previous run started, or daily at a UTC time of day
// (`at`, for sources that publish once a day, such as arXiv's announcement). Exactly one is set.
struct Cadence {
  std::chrono::seconds every{0};           // > 0 when periodic
  std::optional<std::chrono::minutes> at;  // minutes after 00:00 UTC (0..1439) when daily
  bool operator==(const Cadence&) const = default;
};

// Shortest and longest interval a source may run at (arXiv's and Crossref's hosts are shared;
// nothing publishes more often than every few minutes).
inline constexpr std::chrono::seconds kMinEvery{std::chrono::minutes(5)};
inline constexpr std::chrono::seconds kMaxEvery{std::chrono::days(31)};

// "30m", "6h", "1d", "1h30m" (units d, h, m, s; each at most once, largest first). Errors:
// invalid_argument saying what was expected.
Result<std::chrono::seconds> parse_duration(std::string_view text);
// The shortest form parse_duration reads back: 21600 s -> "6h", 5400 s -> "1h30m".
std::string format_duration(std::chrono::seconds duration);
// "05:30" -> 330 minutes. Errors: invalid_argument.
Result<std::chrono::minutes> parse_time_of_day(std::string_view text);
std::string format_time_of_day(std::chrono::minutes minutes);
// "every 6h", "daily at 05:30 UTC".
std::string describe(const Cadence& cadence);

// How an arXiv source harvests: the daily announcement feed (rss.arxiv.org, one request a day for
// all its sets) or OAI-PMH by set from the last harvest's date (complete, also catches
// replacements and metadata fixes; a few requests a day per set).
enum class ArxivMethod { rss, oai };
std::string_view to_string(ArxivMethod method);

struct ArxivParams {
  // RSS: archives or categories ("cs", "cs.CL", "hep-th"), joined with '+' into one feed.
  // OAI-PMH: sets ("cs", "math", "physics:hep-th"), harvested one after another.
  std::vector<std::string> sets;
  ArxivMethod method = ArxivMethod::rss;
  bool operator==(const ArxivParams&) const = default;
};
struct CrossrefParams {
  std::vector<std::string> issns;  // the journal's ISSNs, "0028-0836" form, print first
  bool operator==(const CrossrefParams&) const = default;
};
struct PubmedParams {
  std::string term;  // an E-utilities search term: "Nature[ta]", "cancer AND review[pt]"
  bool operator==(const PubmedParams&) const = default;
};
struct OpenalexParams {
  std::string source_id;  // an OpenAlex source (journal): "S137773608"
  bool operator==(const OpenalexParams&) const = default;
};
struct BiorxivParams {
  std::string server;  // "biorxiv" or "medrxiv"
  bool operator==(const BiorxivParams&) const = default;
};
struct FeedParams {
  std::string url;    // the journal's table-of-contents feed (RSS 1.0/RDF, RSS 2.0 or Atom)
  std::string venue;  // the journal's name, set on every record of the feed
  bool operator==(const FeedParams&) const = default;
};
using Params = std::variant<ArxivParams, CrossrefParams, PubmedParams, OpenalexParams,
                            BiorxivParams, FeedParams>;

struct SourceEntry {
  std::string name;  // unique in the catalogue: [a-z0-9][a-z0-9._-]*, at most 64 characters
  Kind kind = Kind::arxiv;
  std::string title;  // for people ("Nature Methods"); empty: the name
  bool enabled = true;
  Cadence cadence;    // default_cadence(kind) when the file gives none
  std::string since;  // YYYY-MM-DD: where a first harvest starts (empty: the harvester's default)
  Params params;      // the alternative of `kind`
  int line = 0;       // the line of its [[source]] header in the file it was read from; 0: none

  const ArxivParams* arxiv() const { return std::get_if<ArxivParams>(&params); }
  const CrossrefParams* crossref() const { return std::get_if<CrossrefParams>(&params); }
  const PubmedParams* pubmed() const { return std::get_if<PubmedParams>(&params); }
  const OpenalexParams* openalex() const { return std::get_if<OpenalexParams>(&params); }
  const BiorxivParams* biorxiv() const { return std::get_if<BiorxivParams>(&params); }
  const FeedParams* feed() const { return std::get_if<FeedParams>(&params); }
  const std::string& display_name() const { return title.empty() ? name : title; }
  bool operator==(const SourceEntry&) const = default;
};

// The cadence of a kind when its entry names none: arXiv daily at 05:30 UTC (its feeds are
// rebuilt around midnight US Eastern time, 04:00 or 05:00 UTC, after the 20:00 announcement),
// journals' Crossref and feed entries every 6 and 3 hours, PubMed and bioRxiv every 6 hours,
// OpenAlex daily (its API is metered per day).
Cadence default_cadence(Kind kind);

// The host an entry's harvests talk to, as the scheduler groups runs (one run per host at a time):
// "rss.arxiv.org" / "oaipmh.arxiv.org", "api.crossref.org", "eutils.ncbi.nlm.nih.gov",
// "api.openalex.org", "api.biorxiv.org", a feed URL's host (lower case, with a port if it names
// one). Empty for a feed URL without a host (validation refuses those).
std::string upstream_host(const SourceEntry& entry);

}  // namespace ah::catalogue
