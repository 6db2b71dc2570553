// The JSON of a paper written straight into a string, for the API's hot paths: the same bytes as
// json::to_json(paper).dump() (src/json/paper_json.h, the contract shared with the command line;
// keys in the same sorted order, invalid UTF-8 replaced by U+FFFD as dump's "replace" does)
// without building a tree, which costs several times more. paper_writer_test.cpp holds the two
// equal. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/paper.h"

namespace ah::web {

// Appends the paper's JSON object; with `score`, a "score" member too (as /search adds it).
void append_paper_json(std::string& out, const core::Paper& paper,
                       std::optional<double> score = std::nullopt);

// Appends `text` as a JSON string: quotes, backslashes and control characters escaped (\n, \t,
// ... or \u00XX), other characters as UTF-8, invalid UTF-8 replaced by U+FFFD.
void append_json_string(std::string& out, std::string_view text);

}  // namespace ah::web
