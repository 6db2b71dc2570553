// Why a paper is in a radar's feed: structured reasons (a kind and its values) that the page
// translates ("follows Simeng Zhang", "matches 'sparse attention'", "like 3 of your seed papers:
// ...", the terms that weighed most). Plain values; thread-safe to copy and read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "radar/profile.h"

namespace ah::radar {

enum class WhyKind {
  followed_author,  // values: the profile's names / ids of followed authors on the paper
  seed_author,      // values: author keys (author_key) also on positive papers; counts: how many
  keyword,          // values: the profile's keywords the paper matches
  similar_papers,   // papers: the closest seeds / 👍 papers (best first); counts[0]: how many are
                    // close at all (cosine >= the explanation threshold)
  taste_terms,      // values: the features that added most to the taste score (display words:
                    // "sparse attention"); weights: their contributions
  category,         // values: categories the positives share with it
  venue,            // values: venues (lower-cased) likewise
  source,           // values: sources likewise
  recent,           // values: the paper's date ("2026-06-23")
};

// Stable lower-case name of a kind ("followed_author"), for JSON.
std::string_view to_string(WhyKind kind);

struct Why {
  WhyKind kind;
  std::vector<std::string> values;
  std::vector<PaperId> papers;
  std::vector<int> counts;
  std::vector<float> weights;
  bool operator==(const Why&) const = default;
};

}  // namespace ah::radar
