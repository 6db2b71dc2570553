#include "search/words.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace ah::search {
namespace {

bool is_ascii_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// FTS5's Unicode tables (fts5_unicode2.c) were generated from Unicode 6.1.
constexpr int kIndexUnicodeMajor = 6;
constexpr int kIndexUnicodeMinor = 1;

bool assigned_after_index_tables(UChar32 c) {
  UVersionInfo age;
  u_charAge(c, age);
  return age[0] > kIndexUnicodeMajor ||
         (age[0] == kIndexUnicodeMajor && age[1] > kIndexUnicodeMinor);
}

// The code point starting at text[i] (advancing i), or -1 for an ill-formed sequence.
UChar32 next_code_point(std::string_view text, size_t& i) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  auto at = static_cast<int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(s, at, length, c);
  i = static_cast<size_t>(at);
  return c;
}

}  // namespace

bool is_word_char(char32_t c) {
  if (c < 0x80) return is_ascii_alnum(c);
  if (c > 0x10FFFF) return false;
  const auto cp = static_cast<UChar32>(c);
  // Categories that changed since Unicode 6.1: FTS5 still has the old ones.
  if (cp == 0x1885 || cp == 0x1886) return true;  // Lo then, Mn now
  if ((cp >= 0x19B0 && cp <= 0x19C0) || cp == 0x19C8 || cp == 0x19C9 || cp == 0x1CF2 ||
      cp == 0x1CF3) {
    return false;  // Mc then, Lo now
  }
  // SQLite reads these noncharacters as U+FFFD, a symbol.
  if (cp == 0xFFFE || cp == 0xFFFF) return false;
  // FTS5 counts a code point it has no category for as a token character.
  if (assigned_after_index_tables(cp)) return true;
  return (U_GET_GC_MASK(cp) & (U_GC_L_MASK | U_GC_N_MASK | U_GC_CO_MASK | U_GC_CN_MASK)) != 0;
}

bool is_word_mark(char32_t c) {
  // sqlite3Fts5UnicodeIsdiacritic (fts5_unicode2.c): a bit per code point from U+0300.
  constexpr std::uint32_t kLow = 0x08029FDF;   // U+0300..U+031F
  constexpr std::uint32_t kHigh = 0x000361F8;  // U+0320..U+0331
  if (c < 0x300 || c > 0x331) return false;
  return c < 0x320 ? (kLow >> (c - 0x300)) & 1 : (kHigh >> (c - 0x320)) & 1;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string cur;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const UChar32 c = next_code_point(text, i);
    const bool in_word = c >= 0 && (is_word_char(static_cast<char32_t>(c)) ||
                                    (!cur.empty() && is_word_mark(static_cast<char32_t>(c))));
    if (in_word) {
      if (c < 0x80) {
        cur.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a')
                                           : static_cast<char>(c));
      } else {
        cur.append(text.substr(start, i - start));
      }
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

std::size_t blank_length(std::string_view text) {
  if (text.empty()) return 0;
  if (static_cast<unsigned char>(text.front()) < 0x80) return is_ascii_blank(text.front()) ? 1 : 0;
  size_t i = 0;
  const UChar32 c = next_code_point(text, i);
  return c >= 0 && u_isUWhiteSpace(c) ? i : 0;
}

}  // namespace ah::search
