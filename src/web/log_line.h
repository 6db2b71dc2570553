// What the server writes into its log about a request, made safe to print: one line per request, no
// forged lines (control characters, invalid UTF-8 and terminal escapes are escaped), no one's
// searches (parameter values redacted, unknown parameter names replaced), bounded length. Pure;
// thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "web/http.h"

namespace ah::web {

// The longest target a log line shows, in bytes after escaping; longer ones end in "...".
inline constexpr std::size_t kMaxLoggedTarget = 400;

// `text` with every byte that could end or rewrite a log line escaped as \xNN: C0 controls
// (newlines, ESC of ANSI sequences), DEL, bytes that are not valid UTF-8, the C1 controls
// U+0080..U+009F (CSI), line and paragraph separators (U+2028, U+2029) and bidirectional overrides
// (U+202A..U+202E, U+2066..U+2069); a backslash becomes "\\" so that an escape in the output always
// means one. Everything else is kept as is. When the result would pass `max_bytes`, it is cut at a
// character (never inside an escape) and "..." appended.
std::string escape_for_log(std::string_view text, std::size_t max_bytes = std::string::npos);

// The target as logged: the path, and each query parameter's name with its value redacted
// ("/api/v1/feed?author=*&limit=*"), so logs keep no one's searches. Names the API does not read
// (kParameterNames in params.h) become "_", since a name can carry data too. Escaped and capped at
// kMaxLoggedTarget as escape_for_log does.
std::string redacted_target(const Request& r);

}  // namespace ah::web
