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
// lower-cases it (DOIs are case-insensitive). Errors: invalid_argument unless the result starts
// with "10." and contains a "/".
Result<std::string> normalize_doi(std::string_view text);

// True when `text` looks like a DOI (after normalisation) rather than an arXiv id.
bool looks_like_doi(std::string_view text);

// A generic identifier of a paper in one scheme, values normalised for their scheme (see
// normalize_identifier): ("arxiv", "2401.01234"), ("doi", "10.1/x"), ("pmid", "123"), ("pmcid",
// "PMC123"), ("openalex", "W123"), ("s2", "<40 hex>"), ("s2corpus", "123"), ("mag", "123"), and
// ("paper", "42") for AcademicHub's own stable paper id. Authors use ("orcid", ...),
// ("openalex", "A123"), ("s2", "123").
struct Identifier {
  std::string scheme;
  std::string value;
  bool operator==(const Identifier&) const = default;
  auto operator<=>(const Identifier&) const = default;
};

// The identifier schemes of papers, in the order a paper's identifiers are listed.
inline constexpr const char* kPaperSchemes[] = {"arxiv",    "doi", "pmid",     "pmcid",
                                                "openalex", "s2",  "s2corpus", "mag"};

// Normalises `value` for `scheme` (lower-case scheme name): arxiv as ArxivId (no version), doi as
// normalize_doi, pmid/s2corpus/mag digits without leading zeros, pmcid "PMC" + digits, openalex
// "W" + digits (from "https://openalex.org/W123" too), s2 40 lower-case hex digits, orcid
// "0000-0000-0000-000X" (from an orcid.org URL too), paper digits. Errors: invalid_argument naming
// the scheme and the text when it is not of that form, or the scheme is unknown.
Result<Identifier> normalize_identifier(std::string_view scheme, std::string_view value);

// Reads an identifier as a person or a URL writes it, for `show ID` and /api/v1/papers/{id}:
// "2401.01234" (arXiv, any form ArxivId::parse takes), "10.1/x", "doi:10.1/x",
// "https://doi.org/10.1/x", "pmid:123", "pmcid:PMC123" or "PMC123", "openalex:W123" or
// "https://openalex.org/W123", "s2:<40 hex>", "ah:42" (the stable paper id, scheme "paper"). An
// arXiv DOI ("10.48550/arXiv.2401.01234") reads as the arXiv id. Errors: invalid_argument naming
// the text when it is none of these.
Result<Identifier> parse_any_identifier(std::string_view text);

// The arXiv id inside an arXiv DOI ("10.48550/arxiv.2401.01234" -> "2401.01234"), or empty when
// `doi` (normalised) is not one.
std::string arxiv_id_from_doi(std::string_view doi);

}  // namespace ah::core
