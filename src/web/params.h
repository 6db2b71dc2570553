// The query parameters of the API, checked and turned into a search::SearchRequest. Every error
// is invalid_argument and its message starts with the parameter's name ("limit: ..."), which
// the 400 response carries. Pure; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "core/error.h"
#include "search/query.h"
#include "web/cursor.h"
#include "web/http.h"

namespace ah::web {

// Every query parameter the API reads: the filters below, paging (limit, cursor), /search's q and
// sort, /suggest's kind and prefix, a radar feed's view, /authors' name, a TL;DR's lang. The
// page's own URL uses
// the same names. The server's log
// shows these names and hides any other (log_line.h).
inline constexpr std::string_view kParameterNames[] = {
    "author", "keyword", "exclude", "category", "source", "venue", "since", "until",
    "limit",  "cursor",  "q",       "sort",     "kind",   "prefix", "view", "name",
    "lang"};

// Adds the filters of `r` to `out` (each repeatable; blank values are ignored):
//   author    any of them: the name as a phrase on the authors
//   keyword   any of them: a word or phrase in the title or abstract
//   exclude   none of them in the title or abstract
//   category  any of them ("cs.CL", or "cs" for the archive)
//   source    any of them ("arxiv-oai", or "arxiv" for every arxiv-*)
//   venue     any of them: part of the journal reference, case-insensitive
//   since, until   once each: YYYY-MM-DD (or YYYY-MM, YYYY), on the published date, else the
//                  announced date
// Kinds combine with AND. Errors name the parameter: more values of one kind than
// search::kMaxFilterValues or a value over search::kMaxFilterBytes (search/limits.h), a value
// without letters or digits, a second since/until, a bad date, since after until.
Result<void> apply_filters(const Request& r, search::SearchRequest& out);

// `name` as an integer in [min, max], `fallback` when absent. Errors: "name: expected an integer
// from min to max, got '...'".
Result<int> int_param(const Request& r, std::string_view name, int fallback, int min, int max);

// The cursor parameter, nullopt when absent or empty. Errors: see decode_cursor.
Result<std::optional<Cursor>> cursor_param(const Request& r);

}  // namespace ah::web
