#include "catalogue/issn.h"

namespace ah::catalogue {

char issn_check_character(std::string_view seven) {
  int sum = 0;
  for (std::size_t i = 0; i < 7 && i < seven.size(); ++i) {
    sum += (seven[i] - '0') * static_cast<int>(8 - i);
  }
  const int check = (11 - sum % 11) % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

std::optional<std::string> normalize_issn(std::string_view text) {
  std::string digits;
  if (text.size() == 9 && text[4] == '-') {
    digits = std::string(text.substr(0, 4)) + std::string(text.substr(5));
  } else if (text.size() == 8) {
    digits = std::string(text);
  } else {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < 7; ++i) {
    if (digits[i] < '0' || digits[i] > '9') return std::nullopt;
  }
  char last = digits[7];
  if (last == 'x') last = 'X';
  if (!((last >= '0' && last <= '9') || last == 'X')) return std::nullopt;
  if (issn_check_character(std::string_view(digits).substr(0, 7)) != last) return std::nullopt;
  return digits.substr(0, 4) + "-" + digits.substr(4, 3) + last;
}

}  // namespace ah::catalogue
