#include "sources/common/notice_title.h"

#include <array>
#include <string>
#include <utility>

namespace ah::sources {
namespace {

std::string lower_head(std::string_view s, size_t n) {
  std::string out(s.substr(0, n));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

core::WorkType notice_type_from_title(std::string_view title) {
  using core::WorkType;
  while (!title.empty() && (title.front() == ' ' || title.front() == '\n')) title.remove_prefix(1);
  // Longest phrases first, so "retraction note" is not read as "retraction" + " note".
  static constexpr std::array<std::pair<std::string_view, WorkType>, 12> kPhrases = {{
      {"editorial expression of concern", WorkType::expression_of_concern},
      {"expression of concern", WorkType::expression_of_concern},
      {"notice of retraction", WorkType::retraction},
      {"publisher correction", WorkType::correction},
      {"author correction", WorkType::correction},
      {"retraction notice", WorkType::retraction},
      {"retraction note", WorkType::retraction},
      {"corrigendum", WorkType::correction},
      {"correction", WorkType::correction},
      {"retraction", WorkType::retraction},
      {"erratum", WorkType::erratum},
      {"errata", WorkType::erratum},
  }};
  const std::string head = lower_head(title, 40);
  for (const auto& [phrase, type] : kPhrases) {
    if (!std::string_view(head).starts_with(phrase)) continue;
    const std::string_view rest = std::string_view(head).substr(phrase.size());
    if (rest.empty()) return type;
    for (std::string_view follow : {":", ".", " to ", " to:", " note", " notice", " -", " –"}) {
      if (rest.starts_with(follow)) return type;
    }
    return WorkType::unknown;
  }
  return WorkType::unknown;
}

}  // namespace ah::sources
