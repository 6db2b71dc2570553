// Which identifiers link records into one paper, and which keep papers apart. Pure; thread-safe.
//
// Records are one work when they share an identifier (DOI, arXiv id, PMID, PMCID, OpenAlex or
// Semantic Scholar id), or when one names the other through a linking relation (Crossref
// has-preprint / is-preprint-of, bioRxiv's published DOI, OpenAlex locations, same-as). An arXiv
// DOI (10.48550/arXiv.X) is the arXiv id X. Notice relations (updated-by, updates) never link.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/paper.h"

namespace ah::identity {

// The record's own identifiers, normalised, without duplicates, in kPaperSchemes order: its
// arXiv id, DOI and other ids (an arXiv DOI read as the arXiv id; values that do not normalise
// for their scheme dropped).
std::vector<core::Identifier> identifiers(const core::Paper& record);

// Why an identifier links: "doi 10.1/x", or "relation is-preprint-of 10.1/x".
struct Link {
  core::Identifier id;
  std::string reason;
  bool operator==(const Link&) const = default;
};

// The identifiers through which a record joins other records: its own identifiers and the
// targets of its linking relations (core::links_records), normalised, without duplicates.
std::vector<Link> linking_ids(const core::Paper& record);

// The normalised form of an identifier (an arXiv DOI read as the arXiv id), or nullopt when it
// does not normalise for its scheme (or the scheme is "paper", the store's own id).
std::optional<core::Identifier> normalized(const core::Identifier& id);

// Schemes of which a paper has at most one value: two records with different values are
// different works however else they are linked (two arXiv preprints citing one journal DOI stay
// two papers). arxiv, pmid, pmcid.
bool is_exclusive_scheme(std::string_view scheme);

// True when the two sets of identifiers hold different values of an exclusive scheme.
bool conflicts(const std::vector<core::Identifier>& a, const std::vector<core::Identifier>& b);

}  // namespace ah::identity
