#include "web/api.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "search/query.h"
#include "web/categories.h"
#include "web/cursor.h"
#include "web/errors.h"
#include "web/paper_writer.h"
#include "web/params.h"

namespace ah::web {
namespace {

using Json = nlohmann::json;

// The store's relevance ranking reaches at most this deep (SearchRequest::limit + offset).
constexpr int kMaxRelevanceDepth = 1000;

Response json_response(const Json& body, std::string_view cache_control = "no-store") {
  Response r;
  // Invalid UTF-8 from a source becomes U+FFFD instead of failing the whole answer.
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  r.set_header("Cache-Control", std::string(cache_control));
  return r;
}

Json or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Error bad(std::string message) { return Error{ErrorCode::invalid_argument, std::move(message)}; }

}  // namespace

Api::Api(StorePool& stores, ApiOptions options) : stores_(stores), options_(std::move(options)) {}

Response Api::fail(const Error& error) {
  if (http_status(error.code) >= 500 && options_.log_error) options_.log_error(error.message);
  return error_response(error);
}

Response Api::health(const Request&) { return json_response(Json{{"status", "ok"}}); }

Response Api::feed(const Request& r) {
  search::SearchRequest request;
  request.sort = search::Sort::newest;
  request.count_total = false;
  return run_search(r, std::move(request), false);
}

Response Api::search(const Request& r) {
  // A query without words is refused by parse_query, the rule the command line follows too.
  const std::string text = r.first("q").value_or("");
  auto request = search::parse_query(text);
  if (!request) return fail(request.error().with_context("q"));
  const std::string sort = r.first("sort").value_or("relevance");
  if (sort != "relevance" && sort != "newest") {
    return fail(bad(fmt::format("sort: expected relevance or newest, got '{}'", sort)));
  }
  request->sort = sort == "newest" ? search::Sort::newest : search::Sort::relevance;
  return run_search(r, std::move(*request), true);
}

// Shared by /feed and /search: the filters, limit and cursor of `r` added to `request`, the
// search, and the page. Newest-first pages use keyset cursors (the store's next_after), so a
// page never repeats a paper while new ones arrive; relevance pages use offsets.
Response Api::run_search(const Request& r, search::SearchRequest request, bool with_total) {
  if (auto f = apply_filters(r, request); !f) return fail(f.error());
  auto limit = int_param(r, "limit", 20, 1, 100);
  if (!limit) return fail(limit.error());
  auto cursor = cursor_param(r);
  if (!cursor) return fail(cursor.error());
  const bool by_relevance = request.sort == search::Sort::relevance && !request.text.empty();
  const Cursor::Kind kind = by_relevance ? Cursor::Kind::offset : Cursor::Kind::keyset;
  if (*cursor && (*cursor)->kind != kind) {
    return fail(bad("cursor: it belongs to a list in another order"));
  }
  request.limit = *limit;
  if (by_relevance) {
    request.offset =
        *cursor ? static_cast<int>(std::min<std::int64_t>((*cursor)->value, kMaxRelevanceDepth))
                : 0;
    request.limit = std::min(request.limit, kMaxRelevanceDepth - request.offset);
  } else if (*cursor) {
    request.after = (*cursor)->value;
  }

  store::SearchResult result;
  if (request.limit > 0) {
    auto lease = stores_.acquire(options_.store_wait);
    if (!lease) return fail(lease.error());
    auto found = (*lease)->search(request);
    if (!found) return fail(found.error());
    result = std::move(*found);
  }

  std::optional<std::string> next;
  if (by_relevance) {
    const std::int64_t reached = request.offset + static_cast<std::int64_t>(result.hits.size());
    if (!result.hits.empty() && reached < result.total && reached < kMaxRelevanceDepth) {
      next = encode_cursor(Cursor{Cursor::Kind::offset, reached});
    }
  } else if (result.next_after) {
    next = encode_cursor(Cursor{Cursor::Kind::keyset, *result.next_after});
  }
  // Written directly (paper_writer.h): a tree of 20 papers costs several times more.
  Response res;
  std::string& body = res.body;
  body.reserve(4096 + 4096 * result.hits.size());
  body += "{\"papers\":[";
  for (size_t i = 0; i < result.hits.size(); ++i) {
    if (i) body.push_back(',');
    append_paper_json(body, result.hits[i].paper,
                      by_relevance ? std::optional(result.hits[i].score) : std::nullopt);
  }
  body += "],\"next_cursor\":";
  if (next) {
    append_json_string(body, *next);
  } else {
    body += "null";
  }
  if (with_total) {
    body += fmt::format(",\"total\":{},\"total_exact\":{}", result.total,
                        result.total_exact ? "true" : "false");
  }
  body.push_back('}');
  res.set_header("Cache-Control", "no-store");
  return res;
}

Response Api::paper(const Request&, std::string_view id) {
  if (id.empty()) return error_response(404, "not_found", "give a paper id: /api/v1/papers/{id}");
  auto lease = stores_.acquire(options_.store_wait);
  if (!lease) return fail(lease.error());
  auto found = (*lease)->get(id);
  if (!found) {
    return fail(found.error().code == ErrorCode::invalid_argument ? found.error().with_context("id")
                                                                  : found.error());
  }
  if (!*found) {
    return error_response(404, "not_found", fmt::format("no paper '{}' in this store", id));
  }
  Response res;
  append_paper_json(res.body, **found);
  res.set_header("Cache-Control", "no-store");
  return res;
}

Result<std::vector<store::Suggestion>> Api::categories() {
  std::lock_guard lock(categories_mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (categories_ && now - categories_at_ < options_.categories_ttl) return *categories_;
  auto lease = stores_.acquire(options_.store_wait);
  if (!lease) return std::unexpected(lease.error());
  auto all = (*lease)->suggest(store::SuggestKind::category, "", 1000);
  if (!all) return std::unexpected(all.error());
  categories_ = std::move(*all);
  categories_at_ = now;
  return *categories_;
}

Response Api::suggest(const Request& r) {
  const std::string kind = r.first("kind").value_or("");
  if (kind != "author" && kind != "category" && kind != "venue") {
    return fail(bad(fmt::format("kind: expected author, category or venue, got '{}'", kind)));
  }
  const std::string prefix = r.first("prefix").value_or("");
  if (prefix.size() > 200) return fail(bad("prefix: at most 200 bytes"));
  auto limit = int_param(r, "limit", 10, 1, 50);
  if (!limit) return fail(limit.error());

  Json suggestions = Json::array();
  if (kind == "category") {
    auto all = categories();
    if (!all) return fail(all.error());
    // A category matches by its value ("cs.c") or by a word of its name ("comput").
    std::string lower = ascii_lower(prefix);
    while (!lower.empty() && lower.back() == ' ') lower.pop_back();
    for (const store::Suggestion& s : *all) {
      if (static_cast<int>(suggestions.size()) >= *limit) break;
      const std::string_view name = category_name(s.value);
      bool match = ascii_lower(s.value).starts_with(lower);
      for (const std::string& word : search::split_words(name)) {
        if (!match && lower.size() >= 2 && word.starts_with(lower)) match = true;
      }
      if (!match) continue;
      suggestions.push_back({{"value", s.value},
                             {"label", name.empty() ? s.value : std::string(name)},
                             {"count", s.papers}});
    }
  } else {
    auto lease = stores_.acquire(options_.store_wait);
    if (!lease) return fail(lease.error());
    auto found = (*lease)->suggest(
        kind == "author" ? store::SuggestKind::author : store::SuggestKind::venue, prefix, *limit);
    if (!found) return fail(found.error());
    for (const store::Suggestion& s : *found) {
      suggestions.push_back({{"value", s.value}, {"label", s.value}, {"count", s.papers}});
    }
  }
  return json_response(Json{{"suggestions", std::move(suggestions)}});
}

Response Api::stats(const Request&) {
  std::lock_guard lock(stats_mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (!stats_body_ || now - stats_at_ >= options_.stats_ttl) {
    auto lease = stores_.acquire(options_.store_wait);
    if (!lease) return fail(lease.error());
    auto s = (*lease)->stats();
    if (!s) return fail(s.error());
    Json categories = Json::array();
    for (const auto& [c, n] : s->top_categories) {
      const std::string_view name = category_name(c);
      categories.push_back(
          {{"category", c}, {"label", name.empty() ? c : std::string(name)}, {"papers", n}});
    }
    Json sources = Json::array();
    for (const auto& [source, n] : s->by_source) sources.push_back(source);
    Json body{{"papers", s->papers},
              {"newest_published", or_null(s->newest_published)},
              {"oldest_published", or_null(s->oldest_published)},
              {"last_harvest", or_null(s->last_harvest)},
              {"sources", std::move(sources)},
              {"by_source", s->by_source},
              {"top_categories", std::move(categories)}};
    stats_body_ = body.dump(-1, ' ', false, Json::error_handler_t::replace);
    stats_at_ = now;
  }
  Response r;
  r.body = *stats_body_;
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace ah::web
