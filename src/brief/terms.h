// The words of titles and abstracts as the analysis counts them: lower-cased, stop words and
// numbers and math dropped, stemmed (Snowball English, libstemmer), and joined into a table of
// terms (single stems, and pairs of adjacent stems such as "language model"), each shown in the
// surface form its papers use most. Thread-compatible: one TermTable per analysis (libstemmer's
// handles are not shared between threads).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ah::brief {

// True for an English function word ("the", "which", "however"), a word every abstract uses
// whatever its subject ("paper", "propose", "approach", "results", "novel", "state-of-the-art"'s
// "state" and "art"), or a piece of a link ("https", "github"). `word` is lower-case. A label
// never contains one.
bool is_stop_word(std::string_view word);

class TermTable {
 public:
  TermTable();
  ~TermTable();
  TermTable(const TermTable&) = delete;
  TermTable& operator=(const TermTable&) = delete;

  // Appends the ids of the terms of `text` to `out`: each kept word's stem, and each pair of
  // adjacent kept words (not across punctuation, a dropped word or math). Kept words: runs of
  // letters and digits (other scripts' letters too), not inside $...$ or \(...\), lower-cased,
  // with at least 3 characters (2 when written in capitals or with a digit: "AI", "3D"), not
  // only digits, and neither they nor their stems stop words. New terms are added to the table.
  void add_terms(std::string_view text, std::vector<int>& out);

  std::size_t size() const { return terms_.size(); }
  bool is_pair(int term) const { return terms_[term].first >= 0; }
  // True when `pair` is a pair one of whose two words is the single term `single`.
  bool pair_contains(int pair, int single) const {
    return is_pair(pair) && !is_pair(single) &&
           (terms_[pair].first == single || terms_[pair].second == single);
  }
  // A pair's two single terms ({-1, -1} for a single term).
  std::pair<int, int> parts(int term) const { return {terms_[term].first, terms_[term].second}; }
  // The term as people read it: the surface form its papers used most ("networks" for the stem
  // "network" when they say so), a pair as its two words ("language models"). Ties go to the
  // form seen first.
  std::string display(int term) const;

 private:
  struct Word {
    int term = -1;        // the stem's term, or -1 when the word is dropped
    int count = 0;        // times seen
    int capitals = 0;     // times seen written in capitals ("LLM"): shown so when most are
    std::string surface;  // as first written, lower-case ("multi-modal" for "multimodal")
  };
  struct Term {
    int first = -1, second = -1;  // a pair's two single terms; -1 for a single stem
  };

  int word_id(const std::string& lower, const std::string& shown);
  int single_term(const std::string& stem);
  int pair_term(int a, int b);

  struct Stemmer;
  std::unique_ptr<Stemmer> stemmer_;
  std::unordered_map<std::string, int> word_ids_;  // lower-case surface -> index in words_
  std::vector<Word> words_;
  std::unordered_map<std::string, int> stem_terms_;    // stem -> term
  std::unordered_map<std::uint64_t, int> pair_terms_;  // (first << 32 | second) -> term
  std::vector<Term> terms_;
  std::string scratch_;  // the word being read, lower-case, hyphens of joined prefixes left out
  std::string shown_;    // the same with those hyphens, when there was one
};

// The first `limit` phrases of `ranked` (term ids, best first) as people read them: a single term
// that a chosen phrase already contains is skipped; a pair replaces the chosen single terms it
// contains; a pair that overlaps a chosen pair ("language models" after "natural language") is
// left out, since the three words need not be a phrase.
std::vector<std::string> choose_phrases(const TermTable& table, const std::vector<int>& ranked,
                                        std::size_t limit);

}  // namespace ah::brief
