// The JSON form of a paper, shared by the command line (--json) and the web API so both print the
// same object. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/paper.h"

namespace ah::json {

// {"id", "paper_id", "version", "title", "abstract" (display forms), "title_raw", "abstract_raw"
//  (as published), "authors": [{"name", "affiliation"?, "orcid"?}], "categories" (primary
//  first), "primary_category", "published", "updated", "version_date", "announced", "doi",
//  "comment", "journal_ref", "report_no", "license", "submitter", "versions": [{"version",
//  "date", "size"}], "links": {"abs", "pdf", "doi"}, "identifiers": [{"scheme", "value"}] (every
//  scheme), "source" (the primary record's), "records": [{"source", "source_id", "fetched_at",
//  "fetched_from"?}], "history": [{"date", "kind", "label", "source"}], "venue", "venue_short",
//  "volume", "issue", "pages", "publisher", "type", "status": {"retracted", "corrected",
//  "concern", "notices": [DOI...], "updated": {"kind", "date"} or null}}.
// Empty strings are written as null so consumers can tell "unknown" from a value; "paper_id" is
// null for a paper not read from a store, "type" null when unknown.
nlohmann::json to_json(const core::Paper& paper);

// The paper's "id": its arXiv id, else its DOI, else its first other identifier as
// "scheme:value" (pmid:N, pmcid:PMCN, openalex:WN, s2:ID: what core::parse_any_identifier
// reads), else "ah:N" for its stable id; empty for a paper with none of these.
std::string display_id(const core::Paper& paper);

}  // namespace ah::json
