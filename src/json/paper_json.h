// The JSON form of a paper, shared by the command line (--json) and the web API so both print the
// same object. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "core/paper.h"

namespace ah::json {

// {"id", "version", "title", "abstract" (display forms), "title_raw", "abstract_raw" (as published),
//  "authors": [{"name", "affiliation"?}], "categories" (primary first), "primary_category",
//  "published", "updated", "version_date", "announced", "doi", "comment", "journal_ref",
//  "report_no", "license", "submitter", "versions": [{"version", "date", "size"}],
//  "links": {"abs", "pdf", "doi"}, "identifiers": [{"scheme", "value"}], "source"}.
// Empty strings are written as null so consumers can tell "unknown" from a value.
nlohmann::json to_json(const core::Paper& paper);

}  // namespace ah::json
