// The API's opaque paging cursors (next_cursor / cursor=): base64url text of a small tagged
// value, so clients cannot build or edit one meaningfully. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ah::web {

struct Cursor {
  enum class Kind {
    keyset,  // newest-first order: continue after this store position (SearchRequest::after)
    offset,  // relevance order: skip this many results
  };
  Kind kind = Kind::keyset;
  std::int64_t value = 0;  // >= 0
};

// "azEyMzQ" (base64url, no padding, of "k1234" or "o20").
std::string encode_cursor(const Cursor& cursor);

// Errors: invalid_argument "cursor: not a cursor this server gave" for anything encode_cursor
// did not produce.
Result<Cursor> decode_cursor(std::string_view text);

// base64url without padding, and its inverse (nullopt-like failure as an empty optional is not
// needed: decode returns false on a character outside the alphabet). Exposed for tests.
std::string base64url_encode(std::string_view bytes);
bool base64url_decode(std::string_view text, std::string& out);

}  // namespace ah::web
