#include "identity/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace ah::identity {
namespace {

// Drops "<...>" tags (a '<' followed by a letter or '/' up to the next '>'), keeping the text
// between them; a '<' that opens no tag ("a < b") is kept.
std::string strip_tags(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<' && i + 1 < s.size() &&
        (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/')) {
      const size_t close = s.find('>', i);
      if (close != std::string_view::npos) {
        i = close;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace

std::vector<std::string> folded_words(std::string_view text) {
  std::vector<std::string> words;
  if (text.empty()) return words;
  const std::string plain = strip_tags(core::display_text(text));
  if (std::all_of(plain.begin(), plain.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    // ASCII, as most titles and names are: NFKD leaves it as it is, it has no marks, and its
    // letters and digits (ICU's alphanumerics among ASCII) lower-case to ASCII, so the loop
    // below gives these words; without ICU's per-character strings it is ~10x faster.
    std::string word;
    for (char c : plain) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        word.push_back(c);
      } else if (c >= 'A' && c <= 'Z') {
        word.push_back(static_cast<char>(c - 'A' + 'a'));
      } else if (!word.empty()) {
        words.push_back(std::move(word));
        word.clear();
      }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(plain);
  icu::UnicodeString decomposed;
  if (U_SUCCESS(status)) decomposed = nfkd->normalize(source, status);
  if (U_FAILURE(status)) decomposed = source;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK) continue;
    if (!u_isalnum(c)) {
      flush();
      continue;
    }
    icu::UnicodeString one(u_tolower(c));
    one.toUTF8String(word);
  }
  flush();
  return words;
}

std::string fold(std::string_view text) { return join_folded(folded_words(text)); }

std::string join_folded(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

namespace {

// The first character (UTF-8 sequence) of a word.
std::string first_char(const std::string& word) {
  if (word.empty()) return {};
  size_t n = 1;
  while (n < word.size() && (static_cast<unsigned char>(word[n]) & 0xC0) == 0x80) ++n;
  return word.substr(0, n);
}

// True when the raw word is one or two capital ASCII letters, optionally with dots: the
// initials of "Sivarajkumar S" or "Wang XY" as some feeds write names.
bool is_initials(std::string_view w) {
  size_t letters = 0;
  for (char c : w) {
    if (c >= 'A' && c <= 'Z') {
      ++letters;
    } else if (c != '.') {
      return false;
    }
  }
  return letters >= 1 && letters <= 2;
}

}  // namespace

NameKey name_key(std::string_view name) {
  NameKey key;
  const size_t comma = name.find(',');
  if (comma != std::string_view::npos) {
    std::vector<std::string> surname = folded_words(name.substr(0, comma));
    std::vector<std::string> given = folded_words(name.substr(comma + 1));
    if (!surname.empty()) key.surname = surname.back();
    if (!given.empty()) key.initial = first_char(given.front());
    if (!key.surname.empty()) return key;
  }
  std::vector<std::string> words = folded_words(name);
  if (words.empty()) return key;
  // "Surname I" (initials last, no comma): the surname comes first.
  const size_t last_blank = name.find_last_of(' ');
  if (words.size() > 1 && last_blank != std::string_view::npos &&
      is_initials(name.substr(last_blank + 1))) {
    key.surname = words.front();
    key.initial = first_char(words[1]);
    return key;
  }
  key.surname = words.back();
  if (words.size() > 1) key.initial = first_char(words.front());
  return key;
}

}  // namespace ah::identity
