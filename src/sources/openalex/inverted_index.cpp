#include "sources/openalex/inverted_index.h"

#include <algorithm>

namespace ah::sources::openalex {

std::string rebuild_abstract(std::vector<WordAt> words) {
  std::erase_if(words, [](const WordAt& w) { return w.position < 0 || w.word.empty(); });
  // Stable, so that of two words at one position the first given wins (a deterministic choice
  // for a malformed index).
  std::stable_sort(words.begin(), words.end(),
                   [](const WordAt& a, const WordAt& b) { return a.position < b.position; });
  std::string text;
  std::size_t used = 0;
  std::int64_t last = -1;
  for (const WordAt& w : words) {
    if (w.position == last) continue;
    if (++used > kMaxAbstractWords) break;
    if (!text.empty()) text += ' ';
    text += w.word;
    last = w.position;
  }
  return text;
}

}  // namespace ah::sources::openalex
