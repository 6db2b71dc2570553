// The server's routes: every path the server answers, in one table (routes.cpp), from a Request
// to a Response; no socket involved. Adds the security headers to every response.
// Thread-safe (as thread-safe as Api).
#pragma once

#include <span>

#include "web/access.h"
#include "web/api.h"
#include "web/assets.h"
#include "web/briefings_api.h"
#include "web/http.h"
#include "web/notes_api.h"
#include "web/radar_api.h"
#include "web/sources_api.h"

namespace ah::web {

// The Content-Security-Policy of every response: nothing from other origins, no inline script
// or style, no framing (what web/README.md says the page is built to run under).
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

// Sets the headers every response carries: the Content-Security-Policy above,
// X-Content-Type-Options nosniff, Referrer-Policy no-referrer, X-Frame-Options DENY,
// Cross-Origin-Opener-Policy same-origin.
void add_security_headers(Response& r);

// Who may call a route.
enum class Access {
  anyone,
  // Changes the server's configuration: refused unless refuse_unless_local_operator() lets it
  // through (web/access.h).
  local_operator,
  // Changes the user's own data (radars): refused unless refuse_cross_site() lets it through.
  same_origin,
};

// The handlers a route may call; `sources`, `briefings`, `radars` and `notes` are null when the
// router serves none.
struct Handlers {
  Api& api;
  SourcesApi* sources;
  BriefingsApi* briefings = nullptr;
  RadarApi* radars = nullptr;
  NotesApi* notes = nullptr;
};

struct RouterOptions {
  SourceEdits source_edits = SourceEdits::loopback;
};

class Router {
 public:
  // `assets`: the page's files (embedded_assets(), or a test's own); empty when the UI was not
  // built, and "/" then answers 503 saying so. Without `sources`, /api/v1/sources is 404; without
  // `briefings`, /api/v1/briefings; without `radars`, /api/v1/radars and /api/v1/authors;
  // without `notes`, /api/v1/papers/{id}/tldr and /translation.
  Router(Api& api, std::span<const Asset> assets, BriefingsApi* briefings = nullptr,
         NotesApi* notes = nullptr);
  Router(Api& api, SourcesApi& sources, std::span<const Asset> assets, RouterOptions options,
         BriefingsApi* briefings = nullptr);
  Router(Api& api, SourcesApi& sources, RadarApi& radars, std::span<const Asset> assets,
         RouterOptions options, BriefingsApi* briefings = nullptr, NotesApi* notes = nullptr);

  // The response to any request: a route's, or 404 (unknown path), 405 (a method the path does
  // not take, with Allow), 403/415 (a write route refused: web/access.h). Every response carries
  // the security headers.
  Response handle(const Request& r) const;
  // Whether the route `method` and `path` (no query) go to takes uploads: bodies of up to
  // ServerOptions::upload_max_bytes instead of payload_max_bytes (web/server.h). Asked by the
  // server once the request's head is read, before its body.
  bool takes_upload(std::string_view method, std::string_view path) const;

 private:
  Response dispatch(const Request& r) const;
  Response api(const Request& r, std::string_view sub) const;
  Response page(const Request& r) const;
  Response file(const Request& r) const;

  Handlers handlers_;
  std::span<const Asset> assets_;
  RouterOptions options_;
};

}  // namespace ah::web
