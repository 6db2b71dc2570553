#include "search/limits.h"

#include <fmt/format.h>

namespace ah::search {

Result<void> check_filter_values(std::string_view name, std::span<const std::string> values) {
  if (values.size() > kMaxFilterValues) {
    return fail(ErrorCode::invalid_argument, fmt::format("{}: too many values ({}), at most {}",
                                                         name, values.size(), kMaxFilterValues));
  }
  for (const std::string& v : values) {
    if (v.size() > kMaxFilterBytes) {
      return fail(ErrorCode::invalid_argument, fmt::format("{}: a value of {} bytes, at most {}",
                                                           name, v.size(), kMaxFilterBytes));
    }
  }
  return {};
}

Result<void> check_request_size(const SearchRequest& request) {
  std::size_t terms = 0, prefixes = 0;
  for (const auto& clause : request.text.clauses) {
    terms += clause.size();
    for (const Term& t : clause) prefixes += t.prefix ? 1 : 0;
  }
  if (prefixes > kMaxPrefixTerms) {
    return fail(
        ErrorCode::invalid_argument,
        fmt::format("search: too many prefix* terms ({}), at most {}", prefixes, kMaxPrefixTerms));
  }
  const Filters& f = request.filters;
  terms += f.authors.size() + f.categories.size() + f.sources.size() + f.venues.size();
  if (terms > kMaxRequestTerms) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("search: too many terms and filters ({}), at most {}", terms,
                            kMaxRequestTerms));
  }
  return {};
}

}  // namespace ah::search
