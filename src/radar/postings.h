// The index's rows turned around for its newest papers: for every column, the rows of a window
// [first, last) that have it, increasing, with their term frequencies. A ranking of the last
// days' papers sums a radar's weights column by column over these lists (ColumnTable::sum_part),
// touching only the columns the radar weighs, where summing row by row (ColumnTable::sum_row)
// tests every column of every candidate (~140, most unweighted): at 60,000 candidates of a 1M
// index that test was two thirds of the ranking's time (bench/README.md, "Radar speed").
// Derived from the rows, never saved: FeatureIndex builds it after build() and load() and
// again as papers are added (IndexOptions::posting_rows, posting_refresh).
// Thread-safety: const methods may run concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "radar/feature_index.h"

namespace ah::radar {

// Memory for large arrays read at random, in 2 MiB pages where the kernel gives them
// (madvise(MADV_HUGEPAGE); Debian's default leaves transparent huge pages to madvise): a walk
// over tens of thousands of lists spread over ~130 MB misses the TLB less (measured: ~1 ms of
// 17 for the sums of 60,000 papers of a 1M index on one thread).
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}
  T* allocate(std::size_t n);
  void deallocate(T* p, std::size_t n);
  bool operator==(const HugePageAllocator&) const { return true; }
};

class Postings {
 public:
  // The lists of rows [first, last) of the CSR rows `row_start`/`cols`/`tfs` (FeatureIndex's
  // layout: row r's entries are [row_start[r], row_start[r + 1])), for columns below `columns`.
  // Requires first <= last < row_start.size(). A window of more than 2^32 entries starts later
  // than `first` (first()).
  static Postings build(std::span<const std::uint64_t> row_start, std::span<const Column> cols,
                        std::span<const std::uint8_t> tfs, Row first, Row last,
                        std::size_t columns);

  Row first() const { return first_; }
  Row last() const { return last_; }
  // Where column c's list lies ([begin, end) of every list's entries; begin == end for a
  // column the window does not have or does not know). A caller that walks the same columns
  // many times (a radar's column table) keeps the bounds and saves a cache miss per column and
  // walk.
  struct Bounds {
    std::uint32_t begin = 0, end = 0;
  };
  Bounds bounds(Column c) const {
    if (c + 1 >= start_.size()) return {};
    return {start_[c], start_[c + 1]};
  }
  // The rows of [first, last) in the list at `b`, increasing, and their term frequencies, side
  // by side.
  std::span<const Row> rows_at(Bounds b) const {
    return std::span<const Row>(rows_).subspan(b.begin, b.end - b.begin);
  }
  std::span<const std::uint8_t> frequencies_at(Bounds b) const {
    return std::span<const std::uint8_t>(tfs_).subspan(b.begin, b.end - b.begin);
  }
  // Column c's list: rows_at(bounds(c)), frequencies_at(bounds(c)).
  std::span<const Row> rows(Column c) const { return rows_at(bounds(c)); }
  std::span<const std::uint8_t> frequencies(Column c) const { return frequencies_at(bounds(c)); }
  // Asks the cache for the last entries of the list at `b` (a walk from lists' ends).
  void prefetch_tail(Bounds b) const {
    if (b.end == b.begin) return;
    __builtin_prefetch(&rows_[b.end - 1]);
    __builtin_prefetch(&tfs_[b.end - 1]);
  }
  std::size_t memory_bytes() const;

 private:
  Row first_ = 0, last_ = 0;
  std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>>
      start_;  // list c: [start_[c], start_[c + 1])
  std::vector<Row, HugePageAllocator<Row>> rows_;
  std::vector<std::uint8_t, HugePageAllocator<std::uint8_t>> tfs_;
};

}  // namespace ah::radar
