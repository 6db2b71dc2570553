#include "net/url.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "net/http_client.h"

namespace ah::net {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_sensitive(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "api_key", "apikey", "key", "token", "access_token", "password", "mailto", "email"};
  const std::string n = lower(name);
  return std::find(kNames.begin(), kNames.end(), n) != kNames.end();
}

}  // namespace

Result<UrlHost> parse_url_host(std::string_view url) {
  const auto sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0) {
    return fail(ErrorCode::invalid_argument, "not an absolute URL: " + redact_url(url));
  }
  UrlHost out;
  out.scheme = lower(url.substr(0, sep));
  std::string_view rest = url.substr(sep + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) {
      return fail(ErrorCode::invalid_argument, "unterminated IPv6 host in URL: " + redact_url(url));
    }
    host = authority.substr(0, close + 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      port = authority.substr(close + 2);
    }
  } else if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) {
    return fail(ErrorCode::invalid_argument, "URL has no host: " + redact_url(url));
  }
  out.host = lower(host);
  out.port = std::string(port);
  return out;
}

std::string redact_url(std::string_view url) {
  std::string out;
  out.reserve(url.size());

  // Authority: "user:password@" keeps the user, hides the password.
  std::size_t pos = 0;
  if (const auto sep = url.find("://"); sep != std::string_view::npos) {
    const std::size_t start = sep + 3;
    const std::size_t end = std::min(url.find_first_of("/?#", start), url.size());
    const std::string_view authority = url.substr(start, end - start);
    out.append(url.substr(0, start));
    const auto at = authority.rfind('@');
    const auto colon = authority.find(':');
    if (at != std::string_view::npos && colon != std::string_view::npos && colon < at) {
      out.append(authority.substr(0, colon + 1)).append("***").append(authority.substr(at));
    } else {
      out.append(authority);
    }
    pos = end;
  }

  const std::size_t query = url.find('?', pos);
  if (query == std::string_view::npos) {
    out.append(url.substr(pos));
    return out;
  }
  out.append(url.substr(pos, query + 1 - pos));
  const std::size_t fragment = std::min(url.find('#', query), url.size());
  std::string_view params = url.substr(query + 1, fragment - query - 1);
  bool first = true;
  while (true) {
    const auto amp = params.find('&');
    const std::string_view param = params.substr(0, amp);
    if (!first) out.push_back('&');
    first = false;
    const auto eq = param.find('=');
    if (eq != std::string_view::npos && is_sensitive(param.substr(0, eq))) {
      out.append(param.substr(0, eq + 1)).append("***");
    } else {
      out.append(param);
    }
    if (amp == std::string_view::npos) break;
    params.remove_prefix(amp + 1);
  }
  out.append(url.substr(fragment));
  return out;
}

}  // namespace ah::net
