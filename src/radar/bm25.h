// Signal 3, BM25 of the radar's description and keywords against a paper's title and abstract
// (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009), over
// the index's features: stemmed words and kept two-word phrases, title words counted
// IndexOptions::title_weight times (as the store's BM25 weights the title above the abstract).
//
//   s(p) = sum over query features t of  q(t) * idf(t) * tf(t,p) (k1 + 1)
//                                        / (tf(t,p) + k1 (1 - b + b |p| / avg|p|))
//   idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5))   (Lucene's form: never negative)
//   q(t)   = occurrences in the description + keyword_weight per keyword containing it
//   normalised = s / (s + half_score)
//
// Parameters (Bm25Options):
//  - k1 = 1.2, b = 0.75: the usual values (FTS5's and Lucene's defaults; ranking.h).
//  - keyword_weight = 3: a keyword is a deliberate choice and weighs as much as a word the
//    description repeats three times.
//  - half_score = 8: the raw score that normalises to 0.5, about one rare keyword phrase fully
//    matched in the title (idf ~7-9 in a corpus of thousands); scores saturate instead of letting
//    a long description drown the other signals.
// Thread-safety: a prepared Bm25Signal is an immutable value.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "radar/feature_index.h"

namespace ah::radar {

struct Bm25Options {
  double k1 = 1.2;
  double b = 0.75;
  double keyword_weight = 3.0;
  double half_score = 8.0;
};

class Bm25Signal {
 public:
  Bm25Signal() = default;
  // The query of `description` (its words and kept phrases) and `keywords` (each a word or
  // phrase, index.phrase_columns). Features unknown to the index are left out.
  static Bm25Signal prepare(const FeatureIndex& index, std::string_view description,
                            std::span<const std::string> keywords, const Bm25Options& options);
  bool empty() const { return query_.empty(); }
  float score(const FeatureIndex& index, Row row) const;
  float normalise(float s) const { return s > 0 ? s / (s + half_) : 0; }
  // Indexes into `keywords` of those the paper matches (all of a keyword's features present).
  std::vector<std::size_t> matched_keywords(const FeatureIndex& index, Row row) const;
  bool matches_any_keyword(const FeatureIndex& index, Row row) const;

 private:
  struct Term {
    Column column;
    float weight;  // q(t) * idf(t)
  };
  std::vector<Term> query_;  // sorted by column
  std::vector<std::vector<Column>> keywords_;
  float k1_ = 1.2f, b_ = 0.75f, half_ = 8.0f, average_length_ = 1.0f;
};

// True when the row has every one of `columns` (sorted or not).
bool has_all(const FeatureIndex& index, Row row, std::span<const Column> columns);

}  // namespace ah::radar
