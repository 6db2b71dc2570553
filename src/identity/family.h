// Source families and record keys: which sources write the same record, and the key that names a
// record in the store. Pure functions over core::Paper; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/paper.h"

namespace ah::identity {

// A family of sources that describe works in the same catalogue. The arXiv channels (OAI-PMH,
// API, RSS, the snapshot, the daily crawl) all describe arXiv's own record of a paper, so they
// are one family and write one record (combined version-aware, store/paper_merge.h); every other
// source is a family of its own.
enum class Family { arxiv, crossref, pubmed, openalex, biorxiv, medrxiv, journal, s2, other };

// Stable names, stored in the database: "arxiv", "crossref", "pubmed", "openalex", "biorxiv",
// "medrxiv", "journal", "s2", "other".
std::string_view to_string(Family family);
// The family named by to_string's text; nullopt for other text.
std::optional<Family> parse_family(std::string_view name);

// The family of a source string (core::source::*): "arxiv-oai", "arxiv-api", "arxiv-rss",
// "arxiv-snapshot", "arxiv-daily" -> arxiv; "crossref"; "pubmed"; "openalex"; "biorxiv";
// "medrxiv"; "journal-feed" -> journal; "s2". An empty or unknown source is other.
Family source_family(std::string_view source);

// The family of a record: that of its source; a record whose source is empty or unknown but
// that has an arXiv id is an arXiv record (records written before sources were named).
Family record_family(const core::Paper& record);

// True for the families of preprint servers (arxiv, biorxiv, medrxiv).
bool is_preprint_family(Family family);

// The identifier scheme a family's records are named by: arxiv -> "arxiv"; crossref, journal,
// biorxiv, medrxiv -> "doi"; pubmed -> "pmid"; openalex -> "openalex"; s2 -> "s2"; other -> "".
std::string_view key_scheme(Family family);

// A record's key in the store: its family and its id there. Two records with one key are the
// same record (a newer fetch replaces or completes the older).
struct RecordKey {
  Family family = Family::other;
  std::string source_id;  // normalised for key_scheme(family) when it reads as one
  bool valid() const { return !source_id.empty(); }
  // "crossref:10.1/x", "arxiv:2401.01234": the form the command line and merge blocks use.
  std::string text() const;
  bool operator==(const RecordKey&) const = default;
};

// The key of a record: its source_id as the parser set it (normalised for the family's key
// scheme when it reads as one), else the record's identifier of that scheme (an arXiv record
// without arXiv id is named by its DOI), else its first identifier as "scheme:value". Invalid
// (empty source_id) when the record has no identifier at all: such a record cannot be stored.
RecordKey record_key(const core::Paper& record);

// Reads "family:source_id" (RecordKey::text) back, or "source:source_id" with a source's name
// ("arxiv-oai:2401.01234", "journal-feed:10.1/x"); source_id is normalised as record_key does.
// Errors: invalid_argument naming the text when the family is unknown or the id empty.
Result<RecordKey> parse_record_key(std::string_view text);

}  // namespace ah::identity
