#include "web/log_line.h"

#include <algorithm>
#include <cstdint>

#include "web/params.h"

namespace ah::web {
namespace {

// The length of the valid UTF-8 sequence at the start of `s` (1-4), or 0 when it is not one (stray
// continuation byte, overlong form, surrogate, above U+10FFFF, cut short).
std::size_t utf8_length(std::string_view s, char32_t& code_point) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = b(0);
  std::size_t n = 0;
  char32_t min = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if (lead >= 0xc2 && lead <= 0xdf) {
    n = 2, min = 0x80, code_point = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    n = 3, min = 0x800, code_point = lead & 0x0f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    n = 4, min = 0x10000, code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (s.size() < n) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    if ((b(i) & 0xc0) != 0x80) return 0;
    code_point = (code_point << 6) | (b(i) & 0x3f);
  }
  if (code_point < min || code_point > 0x10ffff || (code_point >= 0xd800 && code_point <= 0xdfff)) {
    return 0;
  }
  return n;
}

// Characters that are valid UTF-8 yet can break or disguise a line on a terminal or in a viewer.
bool is_dangerous(char32_t c) {
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

void append_hex(std::string& out, unsigned char byte) {
  constexpr char kDigits[] = "0123456789abcdef";
  out += "\\x";
  out += kDigits[byte >> 4];
  out += kDigits[byte & 0xf];
}

}  // namespace

std::string escape_for_log(std::string_view text, std::size_t max_bytes) {
  constexpr std::string_view kCut = "...";
  const std::size_t cut_at = max_bytes < kCut.size() ? 0 : max_bytes - kCut.size();
  std::string out;
  std::size_t fits = 0;  // out's length at the last character boundary that leaves room for "..."
  while (!text.empty() && out.size() <= max_bytes) {
    char32_t c = 0;
    const std::size_t n = utf8_length(text, c);
    if (n == 0) {
      append_hex(out, static_cast<unsigned char>(text.front()));
    } else if (is_dangerous(c)) {
      for (std::size_t i = 0; i < n; ++i) append_hex(out, static_cast<unsigned char>(text[i]));
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out += text.substr(0, n);
    }
    text.remove_prefix(n == 0 ? 1 : n);
    if (out.size() <= cut_at) fits = out.size();
  }
  if (text.empty() && out.size() <= max_bytes) return out;
  out.resize(fits);
  out += kCut;
  return out;
}

std::string redacted_target(const Request& r) {
  std::string out = r.path;
  char sep = '?';
  for (const auto& [name, value] : r.query) {
    const bool known = std::find(std::begin(kParameterNames), std::end(kParameterNames), name) !=
                       std::end(kParameterNames);
    out += sep;
    out += known ? std::string_view(name) : std::string_view("_");
    out += "=*";
    sep = '&';
  }
  return escape_for_log(out, kMaxLoggedTarget);
}

}  // namespace ah::web
