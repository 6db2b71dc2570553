#include "net/url.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>

namespace ah::net {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_sensitive(std::string_view name) {
  // Secrets, and (mailto, email) personal data; see redact_url in url.h.
  // clang-format off
  static constexpr std::string_view kNames[] = {
      "api_key", "apikey", "key", "token", "access_token", "accesstoken", "refresh_token",
      "id_token", "auth", "password", "passwd", "pwd", "secret", "client_secret", "signature",
      "sig", "session", "sessionid", "x_amz_signature", "x_amz_credential", "x_amz_security_token",
      "mailto", "email"};
  // clang-format on
  static constexpr std::array<std::string_view, 5> kSuffixes = {"_key", "_token", "_secret",
                                                                "_password", "_signature"};
  std::string n = lower(name);
  std::replace(n.begin(), n.end(), '-', '_');
  if (std::find(std::begin(kNames), std::end(kNames), n) != std::end(kNames)) return true;
  return std::any_of(kSuffixes.begin(), kSuffixes.end(),
                     [&](std::string_view suffix) { return n.ends_with(suffix); });
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
    // The whole userinfo: a user name can itself be a token ("https://TOKEN@host").
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
      out.append("***").append(authority.substr(at));
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

std::string redact_urls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t start = std::string_view::npos;
    for (std::string_view scheme : {"http://", "https://"}) {
      start = std::min(start, text.find(scheme, pos));
    }
    if (start == std::string_view::npos) break;
    std::size_t end = text.find_first_of(" \t\r\n'\"<>", start);
    if (end == std::string_view::npos) end = text.size();
    out.append(text.substr(pos, start - pos)).append(redact_url(text.substr(start, end - start)));
    pos = end;
  }
  out.append(text.substr(std::min(pos, text.size())));
  return out;
}

}  // namespace ah::net
