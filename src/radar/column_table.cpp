#include "radar/column_table.h"

#include <algorithm>
#include <limits>

namespace ah::radar {

void ColumnTable::begin(std::size_t columns) {
  for (auto& p : pending_) p.clear();
  packed_.clear();
  const std::size_t words = (columns + 63) / 64;
  mask_.assign(words, 0);
  rank_.assign(words, 0);
  columns_ = columns;
}

void ColumnTable::seal() {
  constexpr float Weights::*kField[3] = {&Weights::taste, &Weights::author, &Weights::lexical};
  for (auto& p : pending_) {
    if (!std::ranges::is_sorted(p, {}, &std::pair<Column, float>::first)) {
      std::ranges::stable_sort(p, {}, &std::pair<Column, float>::first);
    }
  }
  // A three-way merge in column order: every weighted column gets one packed slot.
  std::size_t at[3] = {0, 0, 0};
  for (;;) {
    Column c = std::numeric_limits<Column>::max();
    bool any = false;
    for (int k = 0; k < 3; ++k) {
      if (at[k] < pending_[k].size()) {
        c = std::min(c, pending_[k][at[k]].first);
        any = true;
      }
    }
    if (!any) break;
    mask_[c >> 6] |= std::uint64_t{1} << (c & 63);
    Weights& slot = packed_.emplace_back();
    for (int k = 0; k < 3; ++k) {
      while (at[k] < pending_[k].size() && pending_[k][at[k]].first == c) {
        slot.*kField[k] = pending_[k][at[k]++].second;  // the last of equal columns stays
      }
    }
  }
  std::uint32_t before = 0;
  for (std::size_t w = 0; w < mask_.size(); ++w) {
    rank_[w] = before;
    before += static_cast<std::uint32_t>(std::popcount(mask_[w]));
  }
  for (auto& p : pending_) std::vector<std::pair<Column, float>>().swap(p);
  packed_.shrink_to_fit();
}

void ColumnTable::sum_row(std::span<const Column> cols, std::span<const std::uint8_t> tfs,
                          Sums& out) const {
  // find() spelled out over local pointers, so that nothing is reloaded per column; the sums are
  // written to `out` once at the end (returned by value, GCC 12 kept two of them packed in one
  // register and shuffled it at every column).
  const float* tf_of = tf_weights().data();
  const std::uint64_t* mask = mask_.data();
  const std::uint32_t* rank = rank_.data();
  const Weights* packed = packed_.data();
  float taste = 0, lexical = 0, author = 0;
  for (std::size_t k = 0; k < cols.size(); ++k) {
    const Column c = cols[k];
    const std::uint64_t word = mask[c >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (c & 63);
    if ((word & bit) == 0) continue;  // most of a row's columns have no weight
    const Weights& w =
        packed[rank[c >> 6] + static_cast<std::uint32_t>(std::popcount(word & (bit - 1)))];
    const float tf = tf_of[tfs[k]];
    taste += w.taste * tf;
    lexical += w.lexical * tf;
    author += w.author;
  }
  out.taste = taste;
  out.lexical = lexical;
  out.author = author;
}

std::size_t ColumnTable::memory_bytes() const {
  std::size_t pending = 0;
  for (const auto& p : pending_) pending += p.capacity() * sizeof(p[0]);
  return pending + packed_.capacity() * sizeof(Weights) + mask_.capacity() * sizeof(std::uint64_t) +
         rank_.capacity() * sizeof(std::uint32_t);
}

}  // namespace ah::radar
