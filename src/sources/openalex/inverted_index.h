// OpenAlex gives abstracts as an inverted index ({"word": [positions]}) rather than as text; this
// rebuilds the text. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ah::sources::openalex {

// One word of an inverted index at one of its positions.
struct WordAt {
  std::int64_t position = 0;
  std::string_view word;
};

// The most positions an abstract is rebuilt from. The longest real abstracts have a few thousand
// words; a larger index is malformed, and its first kMaxAbstractWords positions are kept.
inline constexpr std::size_t kMaxAbstractWords = 20'000;

// The text of an inverted index: the words in position order joined by single spaces. Missing
// positions (OpenAlex drops some words, e.g. stray markup) are skipped, negative positions are
// ignored, and a position claimed by several words keeps the first of them in `words` order.
// `words` is taken by value and sorted; at most kMaxAbstractWords are used. Empty for no words.
std::string rebuild_abstract(std::vector<WordAt> words);

}  // namespace ah::sources::openalex
