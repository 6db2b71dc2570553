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

// The URL as it may be shown in a log line, an error message or `academichub config`: the
// userinfo ("user:password@", or a bare token as "token@") becomes "***@", and the value of every
// query parameter named like a secret or like personal data becomes "***". Names are compared
// case-insensitively with '-' read as '_': api_key, apikey, key, token, access_token,
// accesstoken, refresh_token, id_token, auth, password, passwd, pwd, secret, client_secret,
// signature, sig, session, sessionid, x_amz_signature, x_amz_credential, x_amz_security_token,
// any name ending in _key, _token, _secret, _password or _signature, and mailto and email. (An
// e-mail address is no credential, but it is personal, and logs travel further than config
// files: into bug reports and CI output. The address is in the config for whoever needs it.)
// Other parameters, the OAI-PMH resumptionToken among them, stay readable: logs are for
// debugging. Every line that may hold a URL passes it through here.
std::string redact_url(std::string_view url);

// `text` with every URL in it ("http://" or "https://" up to the next blank, quote or angle
// bracket) passed through redact_url: for text that may quote a URL, such as libcurl's messages.
std::string redact_urls(std::string_view text);

}  // namespace ah::net
