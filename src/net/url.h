// Small URL helpers shared by the net module: the host a request goes to (for per-host spacing,
// connection reuse and error messages) and redaction for logs. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace ah::net {

struct UrlHost {
  std::string scheme;  // lower-cased, e.g. "https"
  std::string host;    // lower-cased; IPv6 literals keep their brackets ("[::1]")
  std::string port;    // as written, or empty when the URL names none
  // "host" or "host:port" when the URL names a port: used in error messages and as the
  // politeness key.
  std::string display() const { return port.empty() ? host : host + ":" + port; }
};

// Splits "scheme://[user[:pw]@]host[:port][/path][?query][#fragment]".
// Errors: invalid_argument when there is no "scheme://" or the host is empty.
Result<UrlHost> parse_url_host(std::string_view url);

}  // namespace ah::net
