#include "web/cursor.h"

#include <charconv>

namespace ah::web {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int sextet(char c) {
  const size_t i = kAlphabet.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 63]);
  return out;
}

bool base64url_decode(std::string_view text, std::string& out) {
  out.clear();
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int v = sextet(c);
    if (v < 0) return false;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return bits < 6;  // a dangling sextet cannot come from encode
}

std::string encode_cursor(const Cursor& cursor) {
  const char tag = cursor.kind == Cursor::Kind::keyset ? 'k' : 'o';
  return base64url_encode(tag + std::to_string(cursor.value));
}

Result<Cursor> decode_cursor(std::string_view text) {
  auto bad = [] {
    return fail(ErrorCode::invalid_argument, "cursor: not a cursor this server gave");
  };
  std::string raw;
  if (text.empty() || text.size() > 32 || !base64url_decode(text, raw) || raw.size() < 2) {
    return bad();
  }
  Cursor c;
  if (raw[0] == 'k') {
    c.kind = Cursor::Kind::keyset;
  } else if (raw[0] == 'o') {
    c.kind = Cursor::Kind::offset;
  } else {
    return bad();
  }
  const char* first = raw.data() + 1;
  const char* last = raw.data() + raw.size();
  auto [end, ec] = std::from_chars(first, last, c.value);
  if (ec != std::errc() || end != last || c.value < 0 || raw[1] == '-' || raw[1] == '+') {
    return bad();
  }
  if (encode_cursor(c) != text) return bad();  // one spelling per cursor (no leading zeros)
  return c;
}

}  // namespace ah::web
