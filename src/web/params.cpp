#include "web/params.h"

#include <fmt/format.h>

#include <charconv>

#include "search/limits.h"

namespace ah::web {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The non-blank values of `name`.
std::vector<std::string> values(const Request& r, std::string_view name) {
  std::vector<std::string> out;
  for (const std::string& v : r.all(name)) {
    std::string_view t = trim(v);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

// values(), within search::check_filter_values's limits.
Result<std::vector<std::string>> filter_values(const Request& r, std::string_view name) {
  std::vector<std::string> v = values(r, name);
  if (auto ok = search::check_filter_values(name, v); !ok) return std::unexpected(ok.error());
  return v;
}

Result<std::vector<std::string>> words_of(std::string_view name, const std::string& value) {
  std::vector<std::string> words = search::split_words(value);
  if (words.empty()) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("{}: no letters or digits in '{}'", name, value));
  }
  return words;
}

Result<std::optional<std::string>> date_param(const Request& r, std::string_view name,
                                              bool end_of_range) {
  std::vector<std::string> v = values(r, name);
  if (v.empty()) return std::optional<std::string>();
  if (v.size() > 1) {
    return fail(ErrorCode::invalid_argument, fmt::format("{}: give it once", name));
  }
  auto d = search::parse_date_bound(v.front(), end_of_range);
  if (!d) return std::unexpected(d.error().with_context(name));
  return std::optional<std::string>(*d);
}

}  // namespace

Result<void> apply_filters(const Request& r, search::SearchRequest& out) {
  using search::Field;
  using search::Term;
  auto authors = filter_values(r, "author");
  if (!authors) return std::unexpected(authors.error());
  auto keywords = filter_values(r, "keyword");
  if (!keywords) return std::unexpected(keywords.error());
  auto excludes = filter_values(r, "exclude");
  if (!excludes) return std::unexpected(excludes.error());
  auto categories = filter_values(r, "category");
  if (!categories) return std::unexpected(categories.error());
  auto sources = filter_values(r, "source");
  if (!sources) return std::unexpected(sources.error());
  auto venues = filter_values(r, "venue");
  if (!venues) return std::unexpected(venues.error());

  std::vector<Term> any_author;
  for (const std::string& a : *authors) {
    auto w = words_of("author", a);
    if (!w) return std::unexpected(w.error());
    any_author.push_back(Term{Field::author, std::move(*w), false, false});
  }
  if (!any_author.empty()) out.text.clauses.push_back(std::move(any_author));

  std::vector<Term> any_keyword;
  for (const std::string& k : *keywords) {
    auto w = words_of("keyword", k);
    if (!w) return std::unexpected(w.error());
    any_keyword.push_back(Term{Field::title, *w, false, false});
    any_keyword.push_back(Term{Field::abstract, std::move(*w), false, false});
  }
  if (!any_keyword.empty()) out.text.clauses.push_back(std::move(any_keyword));

  for (const std::string& e : *excludes) {
    auto w = words_of("exclude", e);
    if (!w) return std::unexpected(w.error());
    out.text.clauses.push_back({Term{Field::title, *w, false, true}});
    out.text.clauses.push_back({Term{Field::abstract, std::move(*w), false, true}});
  }

  for (const std::string& c : *categories) {
    if (search::split_words(c).empty()) {
      return fail(ErrorCode::invalid_argument, fmt::format("category: not a category: '{}'", c));
    }
    out.filters.categories.push_back(c);
  }
  for (const std::string& s : *sources) {
    if (search::split_words(s).empty()) {
      return fail(ErrorCode::invalid_argument, fmt::format("source: not a source: '{}'", s));
    }
    out.filters.sources.push_back(s);
  }
  for (const std::string& v : *venues) out.filters.venues.push_back(v);

  auto since = date_param(r, "since", false);
  if (!since) return std::unexpected(since.error());
  auto until = date_param(r, "until", true);
  if (!until) return std::unexpected(until.error());
  if (*since && *until && **since > **until) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("since: {} is after until {}", **since, **until));
  }
  if (*since) out.filters.since = **since;
  if (*until) out.filters.until = **until;
  return {};
}

Result<int> int_param(const Request& r, std::string_view name, int fallback, int min, int max) {
  std::optional<std::string> raw = r.first(name);
  if (!raw) return fallback;
  std::string_view t = trim(*raw);
  int value = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || value < min || value > max) {
    return fail(
        ErrorCode::invalid_argument,
        fmt::format("{}: expected an integer from {} to {}, got '{}'", name, min, max, *raw));
  }
  return value;
}

Result<std::optional<Cursor>> cursor_param(const Request& r) {
  std::optional<std::string> raw = r.first("cursor");
  if (!raw || trim(*raw).empty()) return std::optional<Cursor>();
  auto c = decode_cursor(trim(*raw));
  if (!c) return std::unexpected(c.error());
  return std::optional<Cursor>(*c);
}

}  // namespace ah::web
