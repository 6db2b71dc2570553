// How large a search may be: the limits on a query and on filters, said once here and applied by
// the query parser, the API, the command line and (as a last guard) the store. Every term and
// filter value becomes part of the full-text expression the store runs and of its ranking, so the
// work of a search grows with them; beyond these sizes a request is refused with invalid_argument
// instead of being slow or failing inside the engine. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "search/query.h"

namespace ah::search {

// A query's text, in bytes of UTF-8: several pasted titles with fields and exclusions; about 330
// Chinese characters.
inline constexpr std::size_t kMaxQueryBytes = 1000;

// A query's terms: each word, "phrase", field term, prefix*, -exclusion and cat: filter counts one
// (OR joins terms, it is not one). All words are required, so a query of more words than this
// matches almost only the paper it was copied from; a title in quotes is one term.
inline constexpr std::size_t kMaxQueryTerms = 32;

// Of those, prefix* terms: FTS5 expands a prefix into every indexed word that starts with it and
// merges their postings over the whole index for each statement, so one prefix of a frequent word
// ("the*") costs more than a whole ordinary search (~0.1 s at 100k papers, measured), and the cost
// adds up per prefix. Queries rarely need more than one or two.
inline constexpr std::size_t kMaxPrefixTerms = 4;

// Values of one filter kind (the API's author, keyword, exclude, category, source and venue
// parameters, each repeatable; the command line's --author, --category, --source).
inline constexpr std::size_t kMaxFilterValues = 20;

// One filter value, in bytes: longer than any author's name, category, source or journal name.
inline constexpr std::size_t kMaxFilterBytes = 200;

// A whole request (SearchRequest): the terms of its text plus every filter value. The largest a
// parsed query with every filter kind at its limit can be (a keyword or exclude value is two terms:
// one on the title, one on the abstract). The store refuses more.
inline constexpr std::size_t kMaxRequestTerms = kMaxQueryTerms + 8 * kMaxFilterValues;

// Checks the values of one filter kind named `name` ("author", "--author"). Errors:
// invalid_argument, the message starting with `name`: more than kMaxFilterValues values, or a value
// longer than kMaxFilterBytes.
Result<void> check_filter_values(std::string_view name, std::span<const std::string> values);

// Checks a whole request against kMaxRequestTerms and its text's prefix terms against
// kMaxPrefixTerms. Errors: invalid_argument ("search: too many terms and filters ...", "search:
// too many prefix* terms ...").
Result<void> check_request_size(const SearchRequest& request);

}  // namespace ah::search
