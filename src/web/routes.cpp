#include "web/routes.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "web/errors.h"

namespace ah::web {
namespace {

constexpr std::string_view kApi = "/api/v1";

// One row of the route table: a method ("GET" answers HEAD too), a path under /api/v1 (exact,
// or a prefix whose rest is passed on, and then ends with `suffix` when one is given), who may
// call it, and its handler. An `upload` route takes bodies of up to
// ServerOptions::upload_max_bytes (a reference library), the others payload_max_bytes.
struct Route {
  std::string_view method;
  std::string_view path;
  bool prefix;
  Access access;
  Response (*handle)(const Handlers& h, const Request& r, std::string_view rest);
  std::string_view suffix = {};
  bool upload = false;
};

constexpr bool kExact = false, kPrefix = true;
constexpr Access kAnyone = Access::anyone, kOperator = Access::local_operator,
                 kSameOrigin = Access::same_origin;

// `rest` without its `suffix` (a route's rest ends with it).
constexpr std::string_view without(std::string_view rest, std::string_view suffix) {
  return rest.substr(0, rest.size() - suffix.size());
}

// The API, top to bottom. Everything else is the page and its files (Router::dispatch).
constexpr Route kRoutes[] = {
    {"GET", "/health", kExact, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view) { return h.api.health(r); }},
    {"GET", "/feed", kExact, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view) { return h.api.feed(r); }},
    {"GET", "/search", kExact, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view) { return h.api.search(r); }},
    // A paper's notes by the LLM, /papers/{id}/tldr and /papers/{id}/translation (before the
    // paper itself, whose prefix they share; an id that itself ends in "/tldr" or "/translation"
    // is read as one of these).
    {"POST", "/papers/", kPrefix, kSameOrigin,
     [](const Handlers& h, const Request& r, std::string_view rest) {
       return h.notes->create(r, without(rest, "/tldr"), brief::NoteKind::tldr);
     },
     "/tldr"},
    {"GET", "/papers/", kPrefix, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view rest) {
       return h.notes->get(r, without(rest, "/tldr"), brief::NoteKind::tldr);
     },
     "/tldr"},
    {"POST", "/papers/", kPrefix, kSameOrigin,
     [](const Handlers& h, const Request& r, std::string_view rest) {
       return h.notes->create(r, without(rest, "/translation"), brief::NoteKind::translation);
     },
     "/translation"},
    {"GET", "/papers/", kPrefix, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view rest) {
       return h.notes->get(r, without(rest, "/translation"), brief::NoteKind::translation);
     },
     "/translation"},
    {"GET", "/papers/", kPrefix, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view id) { return h.api.paper(r, id); }},
    {"GET", "/suggest", kExact, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view) { return h.api.suggest(r); }},
    {"GET", "/stats", kExact, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view) { return h.api.stats(r); }},
    {"POST", "/briefings", kExact, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view) {
       return h.briefings->create(r);
     }},
    {"GET", "/briefings/", kPrefix, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view id) {
       return h.briefings->get(r, id);
     }},
    {"GET", "/sources", kExact, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view) { return h.sources->list(r); }},
    {"POST", "/sources", kExact, kOperator,
     [](const Handlers& h, const Request& r, std::string_view) { return h.sources->add(r); }},
    {"GET", "/sources/", kPrefix, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view name) {
       return h.sources->one(r, name);
     }},
    {"PATCH", "/sources/", kPrefix, kOperator,
     [](const Handlers& h, const Request& r, std::string_view name) {
       return h.sources->update(r, name);
     }},
    {"DELETE", "/sources/", kPrefix, kOperator,
     [](const Handlers& h, const Request& r, std::string_view name) {
       return h.sources->remove(r, name);
     }},
    // Radars: /radars/{id}, /radars/{id}/feed, /radars/{id}/votes, /radars/{id}/seen (the
    // handlers read the rest of the path).
    {"GET", "/radars", kExact, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view) { return h.radars->list(r); }},
    {"POST", "/radars", kExact, kSameOrigin,
     [](const Handlers& h, const Request& r, std::string_view) { return h.radars->create(r); }},
    {"GET", "/radars/", kPrefix, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view rest) {
       return h.radars->get(r, rest);
     }},
    {"PATCH", "/radars/", kPrefix, kSameOrigin,
     [](const Handlers& h, const Request& r, std::string_view rest) {
       return h.radars->update(r, rest);
     }},
    {"DELETE", "/radars/", kPrefix, kSameOrigin,
     [](const Handlers& h, const Request& r, std::string_view rest) {
       return h.radars->remove(r, rest);
     }},
    // Before the row below, which would take it too.
    {"POST", "/radars/", kPrefix, kSameOrigin,
     [](const Handlers& h, const Request& r, std::string_view rest) {
       return h.radars->import_seeds(r, rest);
     },
     "/seeds", true},
    {"POST", "/radars/", kPrefix, kSameOrigin,
     [](const Handlers& h, const Request& r, std::string_view rest) {
       return h.radars->post(r, rest);
     }},
    {"GET", "/authors", kExact, kAnyone,
     [](const Handlers& h, const Request& r, std::string_view) { return h.radars->authors(r); }},
};

bool matches(const Route& route, std::string_view sub) {
  if (!route.prefix) return sub == route.path;
  return sub.starts_with(route.path) &&
         (route.suffix.empty() || (sub.size() > route.path.size() + route.suffix.size() &&
                                   sub.ends_with(route.suffix)));
}

bool allows(const Route& route, std::string_view method) {
  return route.method == method || (route.method == "GET" && method == "HEAD");
}

constexpr std::string_view kNotBuilt =
    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>AcademicHub: the page was not built</title></head><body>\n"
    "<h1>AcademicHub: the web page was not built</h1>\n"
    "<p>This binary was built without the page (web/dist was missing). Build it with "
    "<code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>, then rebuild academichub "
    "(<code>bash scripts/build.sh</code> does both).</p>\n"
    "<p>The JSON API answers meanwhile: <a href=\"api/v1/stats\">api/v1/stats</a>.</p>\n"
    "</body></html>\n";

Response text(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

}  // namespace

void add_security_headers(Response& r) {
  r.set_header("Content-Security-Policy", kContentSecurityPolicy);
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Referrer-Policy", "no-referrer");
  r.set_header("X-Frame-Options", "DENY");
  r.set_header("Cross-Origin-Opener-Policy", "same-origin");
}

Router::Router(Api& api, std::span<const Asset> assets, BriefingsApi* briefings, NotesApi* notes)
    : handlers_{api, nullptr, briefings, nullptr, notes}, assets_(assets) {}

Router::Router(Api& api, SourcesApi& sources, std::span<const Asset> assets, RouterOptions options,
               BriefingsApi* briefings)
    : handlers_{api, &sources, briefings}, assets_(assets), options_(options) {}

Router::Router(Api& api, SourcesApi& sources, RadarApi& radars, std::span<const Asset> assets,
               RouterOptions options, BriefingsApi* briefings, NotesApi* notes)
    : handlers_{api, &sources, briefings, &radars, notes}, assets_(assets), options_(options) {}

bool Router::takes_upload(std::string_view method, std::string_view path) const {
  if (!path.starts_with(kApi)) return false;
  const std::string_view sub = path.substr(kApi.size());
  for (const Route& route : kRoutes) {
    if (matches(route, sub) && route.method == method) return route.upload;
  }
  return false;
}

Response Router::handle(const Request& r) const {
  Response res = dispatch(r);
  add_security_headers(res);
  if (res.deferred) {
    res.deferred = [make = std::move(res.deferred)](std::stop_token stop) {
      Response later = make(std::move(stop));
      add_security_headers(later);
      return later;
    };
  }
  return res;
}

Response Router::dispatch(const Request& r) const {
  const std::string_view path = r.path;
  if (path.starts_with(kApi) && (path.size() == kApi.size() || path[kApi.size()] == '/')) {
    return api(r, path.substr(kApi.size()));
  }
  if (r.method != "GET" && r.method != "HEAD") {
    Response res =
        error_response(405, "method_not_allowed", "only GET and HEAD are served, not " + r.method);
    res.set_header("Allow", "GET, HEAD");
    return res;
  }
  if (path == "/" || path == "/index.html") return page(r);
  return file(r);
}

// A route of the API: the path finds its rows, the method one of them (405 naming those allowed
// when none), and who may call it is checked before its handler runs.
Response Router::api(const Request& r, std::string_view sub) const {
  std::vector<std::string_view> allowed;
  for (const Route& route : kRoutes) {
    if (!matches(route, sub)) continue;
    if (route.path.starts_with("/sources") && !handlers_.sources) continue;
    if (route.path.starts_with("/briefings") && !handlers_.briefings) continue;
    if (route.path == "/papers/" && !route.suffix.empty() && !handlers_.notes) continue;
    if ((route.path.starts_with("/radars") || route.path == "/authors") && !handlers_.radars) {
      continue;
    }
    if (allows(route, r.method)) {
      if (route.access == Access::local_operator) {
        if (auto refused = refuse_unless_local_operator(r, options_.source_edits)) {
          return *refused;
        }
      }
      if (route.access == Access::same_origin) {
        if (auto refused = refuse_cross_site(r)) return *refused;
      }
      return route.handle(handlers_, r, sub.substr(route.prefix ? route.path.size() : sub.size()));
    }
    // Each method once: several rows may match a path (a note's also matches a paper's prefix).
    auto allow = [&](std::string_view method) {
      if (std::find(allowed.begin(), allowed.end(), method) == allowed.end()) {
        allowed.push_back(method);
      }
    };
    allow(route.method);
    if (route.method == "GET") allow("HEAD");
  }
  if (allowed.empty()) {
    return error_response(404, "not_found", "no such endpoint: " + std::string(r.path));
  }
  const std::string methods = fmt::format("{}", fmt::join(allowed, ", "));
  Response res = error_response(405, "method_not_allowed",
                                fmt::format("{} takes {}, not {}", r.path, methods, r.method));
  res.set_header("Allow", methods);
  return res;
}

// The page itself (any query string: the view lives there). Not cached, so a new build shows.
Response Router::page(const Request&) const {
  auto it = std::find_if(assets_.begin(), assets_.end(),
                         [](const Asset& a) { return a.path == "/index.html"; });
  if (it == assets_.end()) {
    Response r;
    r.status = 503;
    r.content_type = "text/html; charset=utf-8";
    r.body = kNotBuilt;
    r.set_header("Cache-Control", "no-store");
    return r;
  }
  Response r;
  r.content_type = it->content_type;
  r.body = it->body;
  r.is_file = true;
  r.set_header("Cache-Control", "no-cache");
  return r;
}

// A file of the page. Vite puts a content hash in every name under /assets/, so those are
// immutable; other files (boot.js) are revalidated.
Response Router::file(const Request& r) const {
  auto it = std::lower_bound(assets_.begin(), assets_.end(), r.path,
                             [](const Asset& a, const std::string& p) { return a.path < p; });
  if (it == assets_.end() || it->path != r.path) return text(404, "not found\n");
  Response res;
  res.content_type = it->content_type;
  res.body = it->body;
  res.is_file = true;
  res.set_header("Cache-Control", r.path.starts_with("/assets/")
                                      ? "public, max-age=31536000, immutable"
                                      : "no-cache");
  return res;
}

}  // namespace ah::web
