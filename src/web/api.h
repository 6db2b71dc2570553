// The JSON API under /api/v1: one handler per route, each taking a Request and returning a
// Response (routes.cpp maps paths to them). Handlers borrow a store from the pool per request.
// Thread-safe: handlers run concurrently on the server's workers; the caches are guarded.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/paper_store.h"
#include "web/http.h"
#include "web/store_pool.h"

namespace ah::web {

struct ApiOptions {
  // How long a request may wait for a free store before it gets 503 (the per-request budget
  // for waiting; the store bounds its own search work).
  std::chrono::milliseconds store_wait{2000};
  // /stats and the category list are cached this long (both read whole indexes).
  std::chrono::milliseconds stats_ttl{10'000};
  std::chrono::milliseconds categories_ttl{300'000};
  // Where 5xx causes are logged (the response carries only a generic message).
  std::function<void(std::string_view)> log_error;
};

class Api {
 public:
  Api(StorePool& stores, ApiOptions options);

  // GET /api/v1/health -> {"status": "ok"}
  Response health(const Request& r);
  // GET /api/v1/feed?filters&limit&cursor -> {"papers", "next_cursor"}, newest first.
  Response feed(const Request& r);
  // GET /api/v1/search?q&filters&sort&limit&cursor -> {"papers", "next_cursor", "total",
  // "total_exact"}; relevance first unless sort=newest.
  Response search(const Request& r);
  // GET /api/v1/papers/{id}: `id` is an arXiv id (any version, old or new style) or a DOI.
  Response paper(const Request& r, std::string_view id);
  // GET /api/v1/suggest?kind=author|category|venue&prefix&limit -> {"suggestions": [...]}
  Response suggest(const Request& r);
  // GET /api/v1/stats -> {"papers", "newest_published", "last_harvest", "by_source", ...}
  Response stats(const Request& r);

 private:
  Response run_search(const Request& r, search::SearchRequest request, bool with_total);
  Result<std::vector<store::Suggestion>> categories();
  Response fail(const Error& error);

  StorePool& stores_;
  ApiOptions options_;

  // Each cache is filled under its mutex, so concurrent misses compute it once.
  std::mutex stats_mutex_;
  std::optional<std::string> stats_body_;           // guarded by stats_mutex_
  std::chrono::steady_clock::time_point stats_at_;  // guarded by stats_mutex_
  std::mutex categories_mutex_;
  std::optional<std::vector<store::Suggestion>> categories_;  // guarded by categories_mutex_
  std::chrono::steady_clock::time_point categories_at_;       // guarded by categories_mutex_
};

}  // namespace ah::web
