// The per-column weights a radar gives in the ranking's inner loop: the taste, author and
// lexical-similarity weights of the columns the radar weighs (tens of thousands of a vocabulary
// of millions). A Radar builds its table when it learns (radar.h), so a ranking starts scoring
// at once instead of spending a millisecond merging 90k weights first.
//
// The weights are packed in column order, and a bit per column with a running count per 64
// columns finds a column's slot (a rank query on a bit vector): the packed table and the bits
// stay in cache, where a table as large as the vocabulary cost a cache miss per weighted column
// of every candidate. The index numbers features as first seen, which puts the common ones
// first, so most lookups land in the table's first cache lines.
//
// A row's sums are computed in kParts parts of the weighted columns (cut at seal() so that each
// part has about as many postings), each part's sum in column order, and the parts added in
// order: so the sums of many rows at once from the index's postings (sum_part, one part per
// thread) are the sums of one row (sum_row), bit for bit, however many threads computed them.
// Thread-safety: once sealed, the const methods may run concurrently.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "radar/feature_index.h"
#include "radar/postings.h"

namespace ah::radar {

class ColumnTable {
 public:
  static constexpr std::size_t kParts = 4;
  struct Weights {
    float taste = 0, lexical = 0, author = 0;  // the two weighed by tf side by side
  };
  // Starts a new table for an index of `columns` columns (forgets the previous one).
  void begin(std::size_t columns);
  // Weights of one signal are best given in increasing column order (the models keep them so):
  // seal() then merges them in linear time (else it sorts them first).
  void set_taste(Column c, float w) { pending_[0].emplace_back(c, w); }
  void set_author(Column c, float w) { pending_[1].emplace_back(c, w); }
  void set_lexical(Column c, float w) { pending_[2].emplace_back(c, w); }
  // Packs what was set; find() answers from then on. A column set twice for one signal keeps
  // the last value. With `postings` (the index's, FeatureIndex::postings), the table keeps
  // where each weighted column's list lies in it, for sum_part(), and cuts the parts so that
  // each costs about as much to walk; without, parts of as many weighted columns, and no
  // sum_part().
  void seal(const Postings* postings = nullptr);
  // The column's weights, or nullptr when none was set. `c` is below begin()'s `columns`.
  const Weights* find(Column c) const {
    const std::uint64_t word = mask_[c >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (c & 63);
    if ((word & bit) == 0) return nullptr;
    return &packed_[rank_[c >> 6] + static_cast<std::uint32_t>(std::popcount(word & (bit - 1)))];
  }
  // A row's weighted sums: taste and lexical as sum of weight * tf_weight(tf) over the row's
  // columns, author as the sum of weights (in parts, above). `cols` and `tfs` are
  // FeatureIndex::columns and frequencies of one row. Out of line on purpose: in a loop of its
  // own the sums stay in registers (inside the ranker's loop they lived in memory, a third of
  // the ranking's time).
  struct Sums {
    float taste = 0, lexical = 0, author = 0;
  };
  void sum_row(std::span<const Column> cols, std::span<const std::uint8_t> tfs, Sums& out) const;
  // Adds part `part` of the sums of every row of [first, last) at once to out[row - first]
  // (out.size() is last - first; zeros to start from), from the lists of `postings`, whose window
  // must hold [first, last): the part's weighted columns' lists are walked instead of every column
  // of every row. add_parts() then makes the rows' sums. False (and nothing summed) unless
  // `postings` is what seal() was given, unchanged since (the same window).
  bool sum_part(const Postings& postings, Row first, Row last, std::size_t part,
                std::span<Sums> out) const;
  // out[i] = the sum of parts[0..kParts)[i] in order: what sum_row() gives for the row.
  static void add_parts(std::span<const std::vector<Sums>, kParts> parts, std::span<Sums> out);
  // The `columns` begin() was given: the table answers for columns below it.
  std::size_t columns() const { return columns_; }
  std::size_t weighted() const { return packed_.size(); }
  std::size_t memory_bytes() const;

 private:
  std::vector<std::pair<Column, float>> pending_[3];  // taste, author, lexical
  std::vector<Weights> packed_;  // by rank of the column among the weighted ones
  // The weighted columns with a list in the postings seal() was given, in column order: their
  // slot in packed_ and their list's bounds.
  struct Walk {
    std::uint32_t slot;
    Postings::Bounds list;
  };
  std::vector<Walk> walk_;
  const Postings* sealed_with_ = nullptr;
  Row sealed_first_ = 0, sealed_last_ = 0;
  std::vector<std::uint64_t> mask_;  // bit c: column c is weighted
  std::vector<std::uint32_t> rank_;  // weighted columns before word w of mask_
  // Part p is the columns from part_column_[p] up to (not including) part_column_[p + 1];
  // walk_[part_at_[p], part_at_[p + 1]) are its columns with a list.
  std::array<std::size_t, kParts + 1> part_at_{};
  std::array<Column, kParts + 1> part_column_{};
  std::size_t columns_ = 0;
};

}  // namespace ah::radar
