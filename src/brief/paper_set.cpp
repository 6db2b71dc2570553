// Gathering a briefing's papers, and its cache.
#include "brief/paper_set.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "search/query.h"

namespace ah::brief {

Result<std::vector<core::Paper>> gather(store::PaperStore& store, const PaperSetRequest& request) {
  const bool by_ids = !request.ids.empty(), by_query = !request.query.empty();
  const std::string& f = request.field_prefix;
  if (by_ids == by_query) {
    return fail(ErrorCode::invalid_argument, fmt::format("give exactly one of {0}ids and {0}query", f));
  }
  std::vector<core::Paper> papers;
  if (by_ids) {
    if (!request.since.empty() || !request.until.empty()) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("{0}since and {0}until choose papers of a {0}query; {0}ids names them", f));
    }
    if (request.ids.size() > static_cast<std::size_t>(kMaxSetPapers)) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("{}ids: at most {} papers, got {}", f, kMaxSetPapers,
                              request.ids.size()));
    }
    for (const std::string& id : request.ids) {
      auto paper = store.get(id);
      if (!paper) return std::unexpected(paper.error().with_context(f + "ids " + id));
      if (!*paper) return fail(ErrorCode::not_found, fmt::format("{}ids: no paper {}", f, id));
      // Two names of one paper ("2401.01234", its DOI) brief it once.
      const bool seen = std::ranges::any_of(
          papers, [&](const core::Paper& p) { return p.paper_id == (*paper)->paper_id; });
      if (!seen) papers.push_back(std::move(**paper));
    }
    return papers;
  }
  if (request.limit < 1 || request.limit > kMaxSetPapers) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("{}limit: expected 1 to {}, got {}", f, kMaxSetPapers, request.limit));
  }
  auto parsed = search::parse_query(request.query);
  if (!parsed) return std::unexpected(parsed.error().with_context(f + "query"));
  if (!request.since.empty()) {
    auto d = search::parse_date_bound(request.since, false);
    if (!d) return std::unexpected(d.error().with_context(f + "since"));
    parsed->filters.since = *d;
  }
  if (!request.until.empty()) {
    auto d = search::parse_date_bound(request.until, true);
    if (!d) return std::unexpected(d.error().with_context(f + "until"));
    parsed->filters.until = *d;
  }
  parsed->limit = request.limit;
  parsed->count_total = false;
  auto result = store.search(*parsed);
  if (!result) return std::unexpected(result.error());
  for (store::SearchHit& hit : result->hits) papers.push_back(std::move(hit.paper));
  return papers;
}

std::optional<ServedBriefing> find_cached(store::PaperStore& store, const std::string& key,
                                          const std::function<void(std::string_view)>& warn) {
  auto found = store.get_briefing(key);
  if (!found) {
    if (warn) warn("the briefing cache cannot be read: " + found.error().message);
    return std::nullopt;
  }
  if (!*found) return std::nullopt;
  auto json = nlohmann::json::parse((*found)->body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    if (warn) warn("a cached briefing is not JSON; writing it again");
    return std::nullopt;
  }
  json["id"] = key;
  json["cached"] = true;
  return ServedBriefing{key, std::move(json), true, false};
}

ServedBriefing serve_fresh(const Briefing& briefing, const std::string& key,
                           store::PaperStore* cache,
                           const std::function<void(std::string_view)>& warn) {
  ServedBriefing served{key, to_json(briefing), false, briefing.llm_failed};
  if (cache != nullptr && !briefing.llm_failed && !briefing.cancelled) {
    store::StoredBriefing stored;
    stored.id = key;
    stored.body = served.json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    stored.model = briefing.llm.used ? briefing.llm.model : "";
    stored.lang = std::string(to_string(briefing.lang));
    stored.papers = static_cast<std::int64_t>(briefing.papers.size());
    if (auto put = cache->put_briefing(stored); !put && warn) {
      warn("the briefing could not be cached: " + put.error().message);
    }
  }
  served.json["id"] = key;
  served.json["cached"] = false;
  return served;
}

}  // namespace ah::brief
