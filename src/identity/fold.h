// Text folded for comparing records: markup and accents removed, case folded, words split.
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ah::identity {

// The words of `text` as the matcher compares them: LaTeX accents and entities resolved
// (core::display_text), HTML/XML tags dropped ("T<sub>reg</sub>" -> "treg"), compatibility
// decomposition with combining marks removed ("Schrödinger" -> "schrodinger", "ﬁ" -> "fi"),
// lower case, split at every character that is not a letter or digit.
std::vector<std::string> folded_words(std::string_view text);

// folded_words joined by single spaces.
std::string fold(std::string_view text);
// Words joined by single spaces: fold's text of words folded_words gave.
std::string join_folded(const std::vector<std::string>& words);

// A person's name reduced for matching: {surname, first initial}, folded. "Balázs, C." and
// "C. Balázs" and "Csaba Balazs" -> {"balazs", "c"}. A name written "Surname, Given" (a comma) is
// read that way; otherwise the surname is the last word. Empty surname for a name without words.
struct NameKey {
  std::string surname;
  std::string initial;
  bool operator==(const NameKey&) const = default;
};
NameKey name_key(std::string_view name);

}  // namespace ah::identity
