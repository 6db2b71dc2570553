#include "identity/family.h"

#include <array>
#include <utility>

namespace ah::identity {
namespace {

constexpr std::array<std::pair<Family, std::string_view>, 9> kNames = {{
    {Family::arxiv, "arxiv"},
    {Family::crossref, "crossref"},
    {Family::pubmed, "pubmed"},
    {Family::openalex, "openalex"},
    {Family::biorxiv, "biorxiv"},
    {Family::medrxiv, "medrxiv"},
    {Family::journal, "journal"},
    {Family::s2, "s2"},
    {Family::other, "other"},
}};

// Which family each source string belongs to.
constexpr std::array<std::pair<std::string_view, Family>, 12> kSources = {{
    {core::source::kArxivApi, Family::arxiv},
    {core::source::kArxivOai, Family::arxiv},
    {core::source::kArxivRss, Family::arxiv},
    {core::source::kArxivSnapshot, Family::arxiv},
    {core::source::kArxivDaily, Family::arxiv},
    {core::source::kCrossref, Family::crossref},
    {core::source::kPubmed, Family::pubmed},
    {core::source::kOpenalex, Family::openalex},
    {core::source::kBiorxiv, Family::biorxiv},
    {core::source::kMedrxiv, Family::medrxiv},
    {core::source::kJournalFeed, Family::journal},
    {core::source::kSemanticScholar, Family::s2},
}};

// The record's own identifier in `scheme`, or empty.
std::string own_id(const core::Paper& r, std::string_view scheme) {
  if (scheme == "arxiv") return r.arxiv_id;
  if (scheme == "doi" && !r.doi.empty()) return r.doi;
  for (const core::Identifier& id : r.other_ids) {
    if (id.scheme == scheme && !id.value.empty()) return id.value;
  }
  return {};
}

std::string normalised_source_id(Family family, std::string_view text) {
  const std::string_view scheme = key_scheme(family);
  if (!scheme.empty()) {
    if (auto id = core::normalize_identifier(scheme, text)) return id->value;
  }
  // An arXiv record named by its DOI (it has no arXiv id).
  if (family == Family::arxiv) {
    if (auto doi = core::normalize_doi(text)) return *doi;
  }
  size_t b = 0, e = text.size();
  while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
  return std::string(text.substr(b, e - b));
}

}  // namespace

std::string_view to_string(Family family) {
  for (const auto& [f, name] : kNames) {
    if (f == family) return name;
  }
  return "other";
}

std::optional<Family> parse_family(std::string_view name) {
  for (const auto& [f, n] : kNames) {
    if (n == name) return f;
  }
  return std::nullopt;
}

Family source_family(std::string_view source) {
  for (const auto& [s, f] : kSources) {
    if (s == source) return f;
  }
  return Family::other;
}

Family record_family(const core::Paper& record) {
  const Family f = source_family(record.source);
  if (f == Family::other && !record.arxiv_id.empty()) return Family::arxiv;
  return f;
}

bool is_preprint_family(Family family) {
  return family == Family::arxiv || family == Family::biorxiv || family == Family::medrxiv;
}

std::string_view key_scheme(Family family) {
  switch (family) {
    case Family::arxiv:
      return "arxiv";
    case Family::crossref:
    case Family::journal:
    case Family::biorxiv:
    case Family::medrxiv:
      return "doi";
    case Family::pubmed:
      return "pmid";
    case Family::openalex:
      return "openalex";
    case Family::s2:
      return "s2";
    case Family::other:
      return "";
  }
  return "";
}

std::string RecordKey::text() const { return std::string(to_string(family)) + ":" + source_id; }

RecordKey record_key(const core::Paper& record) {
  RecordKey key;
  key.family = record_family(record);
  if (!record.source_id.empty()) {
    key.source_id = normalised_source_id(key.family, record.source_id);
    if (!key.source_id.empty()) return key;
  }
  const std::string_view scheme = key_scheme(key.family);
  if (!scheme.empty()) key.source_id = own_id(record, scheme);
  if (key.source_id.empty() && key.family == Family::arxiv) key.source_id = record.doi;
  if (!key.source_id.empty()) return key;
  // Any identifier names the record: the first of the paper schemes it has.
  for (const char* s : core::kPaperSchemes) {
    if (std::string v = own_id(record, s); !v.empty()) {
      key.source_id = std::string(s) + ":" + v;
      return key;
    }
  }
  return key;
}

Result<RecordKey> parse_record_key(std::string_view text) {
  const size_t colon = text.find(':');
  std::optional<Family> family;
  if (colon != std::string_view::npos) {
    const std::string_view prefix = text.substr(0, colon);
    family = parse_family(prefix);
    // A source's name ("arxiv-oai", "journal-feed") names its family too.
    if (!family && source_family(prefix) != Family::other) family = source_family(prefix);
  }
  if (!family) {
    return fail(ErrorCode::invalid_argument,
                "not a record key: '" + std::string(text) +
                    "' (family:source_id, e.g. crossref:10.1000/x or arxiv:2401.01234)");
  }
  RecordKey key{*family, normalised_source_id(*family, text.substr(colon + 1))};
  if (key.source_id.empty()) {
    return fail(ErrorCode::invalid_argument,
                "a record key without id: '" + std::string(text) + "'");
  }
  return key;
}

}  // namespace ah::identity
