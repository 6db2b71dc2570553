// The synthetic corpus vocabulary: ~300 common English and scientific words at the head, followed
// by pseudo-words built from syllables, sampled with a Zipf law. Immutable after construction;
// sampling is const and thread-safe given one Rng per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/random.h"

namespace ah::bench {

struct VocabularyOptions {
  std::size_t pseudo_words = 50'000;  // distinct generated words after the common head
  double zipf_exponent = 1.07;        // frequency of rank r is proportional to r^-exponent
};

class Vocabulary {
 public:
  // The pseudo-words are derived from `seed`; the same seed gives the same list.
  Vocabulary(std::uint64_t seed, VocabularyOptions options = {});

  // A word drawn with Zipf probabilities over the whole list (head words are the most frequent).
  std::string_view sample(Rng& rng) const { return words_[zipf_.sample(rng)]; }
  // The rank of a word drawn like sample(); word(rank) gives the word.
  std::size_t sample_rank(Rng& rng) const { return zipf_.sample(rng); }
  // True for the function words at the head ("the", "of", "which", ...).
  bool is_function_word(std::size_t rank) const;
  // Like sample(), but function words (the first ~60 ranks) are drawn again with probability
  // 0.75, giving the content-heavy word mix of titles.
  std::string_view sample_content(Rng& rng) const;

  std::size_t size() const { return words_.size(); }
  std::size_t head_size() const { return head_size_; }
  std::string_view word(std::size_t rank) const { return words_[rank]; }

 private:
  std::vector<std::string> words_;
  std::size_t head_size_ = 0;
  AliasTable zipf_;
};

}  // namespace ah::bench
