// Paper identifiers: arXiv ids of both styles with version, DOIs, and the generic (scheme, value)
// pair that later sources (PMID, OpenAlex, Semantic Scholar) use. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace ah::core {

// An arXiv identifier. `id` is the canonical form without version: new style "2401.01234" (or
// "0704.0001"), old style "hep-th/9901001" (archive lower-case, subject class kept as given, e.g.
// "math.AG/0309136" becomes "math/0309136": arXiv ignores the subject class in resolution).
struct ArxivId {
  std::string id;
  int version = 0;  // 1.., or 0 when the text named no version

  // Accepts "2401.01234", "2401.01234v3", "arXiv:2401.01234", "hep-th/9901001v2",
  // "http(s)://arxiv.org/abs/...", ".../pdf/...(.pdf)", "oai:arXiv.org:...". Surrounding blanks are
  // ignored. Errors: invalid_argument naming the text when it is none of these.
  static Result<ArxivId> parse(std::string_view text);

  // "2401.01234v3", or just `id` when version is 0.
  std::string with_version() const;

  bool operator==(const ArxivId&) const = default;
};

// Normalises a DOI: strips "doi:", "https://doi.org/", "http://dx.doi.org/" prefixes and blanks,
// lower-cases it (DOIs are case-insensitive). Errors: invalid_argument unless the result starts with
// "10." and contains a "/".
Result<std::string> normalize_doi(std::string_view text);

// True when `text` looks like a DOI (after normalisation) rather than an arXiv id.
bool looks_like_doi(std::string_view text);

// A generic identifier of a paper in one scheme: ("arxiv", "2401.01234"), ("doi", "10.1/x"),
// ("pmid", "123"), ("openalex", "W123"), ("s2", "abc"). Values are normalised for their scheme.
struct Identifier {
  std::string scheme;
  std::string value;
  bool operator==(const Identifier&) const = default;
};

}  // namespace ah::core
