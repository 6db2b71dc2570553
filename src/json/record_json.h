// A record as the store keeps it (the body of a record row): every field of core::Paper that a
// source can give, in compact JSON, read back to the same value. Not the API's paper form
// (paper_json.h), which shows a merged paper. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/paper.h"

namespace ah::json {

// The record's fields (store-filled fields are left out), empty ones omitted, short keys.
std::string record_to_json(const core::Paper& record);

// The same text built as an nlohmann::json object and dumped (invalid UTF-8 replaced by U+FFFD):
// what record_to_json gives, by the slower way that defines it. record_to_json takes it for a
// record with invalid UTF-8; tests hold the two equal.
std::string record_to_json_nlohmann(const core::Paper& record);

// Reads record_to_json's text back: record_from_json(record_to_json(p)) equals p with its
// store-filled fields cleared. Errors: bad_upstream_data naming what is wrong when the text is
// not such a record (the store reports it as a damaged row).
Result<core::Paper> record_from_json(std::string_view text);

}  // namespace ah::json
