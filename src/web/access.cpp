#include "web/access.h"

#include <cctype>
#include <string>

#include "web/errors.h"

namespace ah::web {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The host of a Host header value without its port: "127.0.0.1:8080" -> "127.0.0.1",
// "[::1]:80" -> "::1", "localhost" -> "localhost".
std::string host_of(std::string_view value) {
  std::string v = lower(value);
  if (v.starts_with("[")) {
    const auto close = v.find(']');
    return close == std::string::npos ? v : v.substr(1, close - 1);
  }
  const auto colon = v.find(':');
  return colon == std::string::npos ? v : v.substr(0, colon);
}

bool is_ipv4_loopback(std::string_view a) {
  if (!a.starts_with("127.")) return false;
  int dots = 0;
  for (char c : a) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 3;
}

Response forbidden(std::string_view why) { return error_response(403, "forbidden", why); }

}  // namespace

std::optional<SourceEdits> parse_source_edits(std::string_view text) {
  if (text == "off") return SourceEdits::off;
  if (text == "loopback") return SourceEdits::loopback;
  return std::nullopt;
}

bool is_loopback_address(std::string_view address) {
  const std::string a = lower(address);
  if (a == "::1") return true;
  if (a.starts_with("::ffff:")) return is_ipv4_loopback(std::string_view(a).substr(7));
  return is_ipv4_loopback(a);
}

std::optional<Response> refuse_unless_local_operator(const Request& r, SourceEdits edits) {
  if (edits == SourceEdits::off) {
    return forbidden(
        "changing sources over the API is off on this server (serve --source-edits off); use "
        "`academichub sources` on the server's machine");
  }
  if (!is_loopback_address(r.peer)) {
    return forbidden(
        "sources can be changed over the API only from the server's own machine (loopback) "
        "until accounts exist; use `academichub sources` there");
  }
  for (const char* header : {"forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip"}) {
    if (!r.header(header).empty()) {
      return forbidden(
          "this request came through a proxy; sources can be changed only by direct requests "
          "from the server's machine");
    }
  }
  const std::string host = r.header("host");
  if (!host.empty()) {
    const std::string name = host_of(host);
    if (name != "localhost" && !is_loopback_address(name)) {
      return forbidden(
          "the Host header must name this machine (localhost or a loopback "
          "address) to change sources");
    }
  }
  const std::string origin = lower(r.header("origin"));
  if (!origin.empty() && origin != "http://" + lower(host) && origin != "https://" + lower(host)) {
    return forbidden("a page of another origin cannot change sources");
  }
  if (!r.body.empty() || r.method == "POST" || r.method == "PATCH") {
    const std::string type = lower(r.header("content-type"));
    if (!type.starts_with("application/json")) {
      return error_response(415, "unsupported_media_type",
                            "the body must be JSON (Content-Type: application/json)");
    }
  }
  return std::nullopt;
}

std::optional<Response> refuse_cross_site(const Request& r) {
  const std::string host = lower(r.header("host"));
  const std::string origin = lower(r.header("origin"));
  if (!origin.empty() && origin != "http://" + host && origin != "https://" + host) {
    return forbidden("a page of another origin cannot do this; only this server's own pages can");
  }
  if (!r.body.empty() || r.method == "POST" || r.method == "PATCH") {
    const std::string type = lower(r.header("content-type"));
    if (!type.starts_with("application/json")) {
      return error_response(415, "unsupported_media_type",
                            "the body must be JSON (Content-Type: application/json)");
    }
  }
  return std::nullopt;
}

}  // namespace ah::web
