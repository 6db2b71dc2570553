#include "web/routes.h"

#include <algorithm>
#include <string_view>

#include "web/errors.h"

namespace ah::web {
namespace {

constexpr std::string_view kApi = "/api/v1";

// One row of the route table: a path under /api/v1 (exact, or a prefix whose rest is passed
// on) and its handler.
struct Route {
  std::string_view path;
  bool prefix;
  Response (*handle)(Api& api, const Request& r, std::string_view rest);
};

// The API, top to bottom. Everything else is the page and its files (Router::dispatch).
constexpr Route kRoutes[] = {
    {"/health", false, [](Api& a, const Request& r, std::string_view) { return a.health(r); }},
    {"/feed", false, [](Api& a, const Request& r, std::string_view) { return a.feed(r); }},
    {"/search", false, [](Api& a, const Request& r, std::string_view) { return a.search(r); }},
    {"/papers/", true,
     [](Api& a, const Request& r, std::string_view id) { return a.paper(r, id); }},
    {"/suggest", false, [](Api& a, const Request& r, std::string_view) { return a.suggest(r); }},
    {"/stats", false, [](Api& a, const Request& r, std::string_view) { return a.stats(r); }},
};

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

Router::Router(Api& api, std::span<const Asset> assets) : api_(api), assets_(assets) {}

Response Router::handle(const Request& r) const {
  Response res = dispatch(r);
  add_security_headers(res);
  return res;
}

Response Router::dispatch(const Request& r) const {
  if (r.method != "GET" && r.method != "HEAD") {
    Response res =
        error_response(405, "method_not_allowed", "only GET and HEAD are served, not " + r.method);
    res.set_header("Allow", "GET, HEAD");
    return res;
  }
  const std::string_view path = r.path;
  if (path.starts_with(kApi) && (path.size() == kApi.size() || path[kApi.size()] == '/')) {
    const std::string_view sub = path.substr(kApi.size());
    for (const Route& route : kRoutes) {
      if (route.prefix ? sub.starts_with(route.path) : sub == route.path) {
        return route.handle(api_, r, sub.substr(route.prefix ? route.path.size() : sub.size()));
      }
    }
    return error_response(404, "not_found", "no such endpoint: " + std::string(path));
  }
  if (path == "/" || path == "/index.html") return page(r);
  return file(r);
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
