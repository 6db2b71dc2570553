// Who may call the routes that change the server's configuration (POST, PATCH and DELETE under
// /api/v1/sources), until accounts exist: the operator, on this machine. The server has no
// accounts yet, so "the operator" is whoever reaches it over the loopback interface, directly:
//   - the connection comes from a loopback address (127.0.0.0/8, ::1);
//   - it did not come through a proxy (no Forwarded, X-Forwarded-*, X-Real-IP header): a reverse
//     proxy on the same machine connects from loopback on behalf of anyone;
//   - its Host header, when it has one, names the loopback (localhost, 127.x.x.x, [::1]): a page
//     of another site whose name resolves to 127.0.0.1 (DNS rebinding) sends its own name;
//   - its Origin header, when it has one, is this server's own (http(s)://<Host>): another
//     site's page in the operator's browser may send requests here, but not with our origin;
//   - a body is JSON (Content-Type application/json), which a cross-site form cannot send
//     without the browser asking first (CORS preflight, which this server never allows).
// `serve --source-edits off` refuses them all. On a machine shared with people who should not
// edit the sources, turn them off. Pure; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "web/http.h"

namespace ah::web {

enum class SourceEdits {
  off,       // nobody changes sources over the API (the command line still can)
  loopback,  // the operator on this machine, as above (the default)
};

// Parses "off" / "loopback"; nullopt for anything else.
std::optional<SourceEdits> parse_source_edits(std::string_view text);

// nullopt when `r` may change the configuration under `edits`; else the response refusing it:
// 403 forbidden (saying which rule), or 415 for a body that is not JSON.
std::optional<Response> refuse_unless_local_operator(const Request& r, SourceEdits edits);

// For routes that change the user's own data (radars, votes, seen papers), or spend the
// operator's LLM budget (a paper's TL;DR and translation), until accounts exist:
// anyone who reaches the server may, but only from its own pages. A request with an Origin header
// must come from this server's origin (http(s)://<Host>), and a body must be JSON (a cross-site
// form cannot send one without a CORS preflight, which this server never allows). nullopt when
// allowed; else 403 forbidden or 415.
std::optional<Response> refuse_cross_site(const Request& r);

// Whether `address` (as Request::peer holds it) is a loopback address.
bool is_loopback_address(std::string_view address);

}  // namespace ah::web
