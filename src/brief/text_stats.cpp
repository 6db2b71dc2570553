#include "brief/text_stats.h"

namespace ah::brief {

char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int length = 0;
  char32_t c = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2;
    c = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3;
    c = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4;
    c = b0 & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + length > text.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < length; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    c = (c << 6) | (b & 0x3F);
  }
  i += length;
  return c;
}

bool is_cjk_letter(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) ||    // CJK Unified Ideographs
         (c >= 0x3400 && c <= 0x4DBF) ||    // Extension A
         (c >= 0x20000 && c <= 0x2FA1F) ||  // Extensions B.. and compatibility supplement
         (c >= 0xF900 && c <= 0xFAFF) ||    // compatibility ideographs
         (c >= 0x3040 && c <= 0x30FF) ||    // hiragana, katakana
         (c >= 0xAC00 && c <= 0xD7AF);      // Hangul syllables
}

bool is_cjk(char32_t c) {
  return is_cjk_letter(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

int estimate_tokens(std::string_view text) {
  // In quarter tokens, so that the sum is exact before the one rounding.
  std::size_t quarters = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (c < 0x80) {
      quarters += 1;
    } else if (is_cjk(c)) {
      quarters += 4;
    } else {
      quarters += 2;
    }
  }
  return static_cast<int>((quarters + 3) / 4);
}

ScriptCounts count_scripts(std::string_view text) {
  ScriptCounts counts;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (letter && !in_word) ++counts.latin_words;
    in_word = letter;
    if (is_cjk_letter(c)) ++counts.cjk;
  }
  return counts;
}

double cjk_share(std::string_view text) {
  const ScriptCounts counts = count_scripts(text);
  const std::size_t total = counts.cjk + counts.latin_words;
  return total == 0 ? 0.0 : static_cast<double>(counts.cjk) / static_cast<double>(total);
}

}  // namespace ah::brief
