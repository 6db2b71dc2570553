#include "sources/common/issn.h"

namespace ah::sources {

std::optional<std::string> format_issn(std::string_view text) {
  if (text.size() >= 5 && (text.substr(0, 5) == "issn:" || text.substr(0, 5) == "ISSN:")) {
    text.remove_prefix(5);
  }
  std::string chars;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c == 'x') c = 'X';
    const bool digit = c >= '0' && c <= '9';
    if (!digit && !(c == 'X' && chars.size() == 7)) return std::nullopt;
    chars.push_back(c);
    if (chars.size() > 8) return std::nullopt;
  }
  if (chars.size() != 8) return std::nullopt;
  return chars.substr(0, 4) + "-" + chars.substr(4);
}

Result<std::string> parse_issn(std::string_view text) {
  auto formatted = format_issn(text);
  if (!formatted) {
    return fail(ErrorCode::invalid_argument,
                "'" + std::string(text) + "' is not an ISSN (expected NNNN-NNNC, e.g. 0028-0836)");
  }
  int sum = 0;
  int weight = 8;
  for (char c : *formatted) {
    if (c == '-' || weight < 2) continue;
    sum += (c - '0') * weight--;
  }
  const int check = (11 - sum % 11) % 11;
  const char expected = check == 10 ? 'X' : static_cast<char>('0' + check);
  if (formatted->back() != expected) {
    return fail(ErrorCode::invalid_argument, "'" + std::string(text) +
                                                 "' is not an ISSN: its check digit should be " +
                                                 std::string(1, expected));
  }
  return *formatted;
}

}  // namespace ah::sources
