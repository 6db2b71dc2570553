// What OpenAlex's locations of a work (the journal, arXiv, bioRxiv, PubMed Central, a repository)
// say about the work's other records: each location that names a work identifier of its own (an
// arXiv id, a DOI) becomes a relation that links that record to this one, so that the store
// merges a preprint and its article. Pure functions of plain values; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/identifiers.h"
#include "core/work.h"

namespace ah::sources::openalex {

// One entry of a work's "locations" (the fields used here; empty when absent).
struct Location {
  std::string_view id;                // "pmh:oai:arXiv.org:2308.11589", "doi:10.48550/arxiv.x"
  std::string_view landing_page_url;  // "http://arxiv.org/abs/2308.11589", "https://doi.org/10.x"
  std::string_view pdf_url;
  std::string_view source_name;  // source.display_name: "arXiv (Cornell University)"
  std::string_view version;      // "submittedVersion", "acceptedVersion", "publishedVersion"
};

// The identifier of the copy of the work a location holds, read in this order:
//  - an arXiv id: a location id "pmh:oai:arXiv.org:ID", a landing page or PDF on arxiv.org
//    (/abs/ID, /pdf/ID), or an arXiv DOI (10.48550/arXiv.ID) -> ("arxiv", ID without version);
//  - a DOI: a location id "doi:...", a landing page on doi.org / dx.doi.org -> ("doi", ...);
//  - a bioRxiv or medRxiv landing page ("https://www.biorxiv.org/content/10.1101/X" + "v2",
//    ".full", ...) -> ("doi", "10.1101/X").
// nullopt for any other location (a repository's handle, PubMed, DOAJ): such a location names
// no record of its own.
std::optional<core::Identifier> location_identifier(const Location& location);

// True for a bioRxiv or medRxiv DOI: "10.1101/" followed by a digit (Cold Spring Harbor's
// journals use 10.1101/ with letters: "10.1101/gr.1", "10.1101/gad.1") or "10.64898/" (the
// prefix of both servers since December 2025). `doi` is normalised (lower case).
bool is_biorxiv_doi(std::string_view doi);

// The short name of a preprint server OpenAlex names as a source ("arXiv (Cornell University)"
// -> "arXiv", "bioRxiv (Cold Spring Harbor Laboratory)" -> "bioRxiv", "medRxiv ..." ->
// "medRxiv"), or empty when `source_name` names none of them.
std::string_view preprint_server(std::string_view source_name);

// True when the copy at `location` (with identifier `target`) is a preprint: on arXiv, bioRxiv
// or medRxiv, or a submitted version with an identifier of its own (Research Square, SSRN,
// Zenodo...).
bool is_preprint_location(const Location& location, const core::Identifier& target);

// The relations the locations of a work give, in location order, without duplicates and without
// the work's own identifiers (`own`). For a work that is not a preprint: a preprint location ->
// has_preprint, another -> same_as; for a preprint (`work_is_preprint`): a location that is not
// a preprint (its published version) -> is_preprint_of, another preprint copy -> same_as.
std::vector<core::Relation> location_relations(std::span<const Location> locations,
                                               bool work_is_preprint,
                                               std::span<const core::Identifier> own);

}  // namespace ah::sources::openalex
