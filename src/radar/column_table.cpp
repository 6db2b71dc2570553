#include "radar/column_table.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace ah::radar {

void ColumnTable::begin(std::size_t columns) {
  for (auto& p : pending_) p.clear();
  packed_.clear();
  walk_.clear();
  sealed_with_ = nullptr;
  const std::size_t words = (columns + 63) / 64;
  mask_.assign(words, 0);
  rank_.assign(words, 0);
  columns_ = columns;
}

void ColumnTable::seal(const Postings* postings) {
  constexpr float Weights::*kField[3] = {&Weights::taste, &Weights::author, &Weights::lexical};
  for (auto& p : pending_) {
    if (!std::ranges::is_sorted(p, {}, &std::pair<Column, float>::first)) {
      std::ranges::stable_sort(p, {}, &std::pair<Column, float>::first);
    }
  }
  // A three-way merge in column order: every weighted column gets one packed slot.
  std::vector<Column> weighted;
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
    weighted.push_back(c);
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
  // The parts: cut where the running cost passes each kParts-th of the total. Walking a list
  // costs its entries and, for the column itself, about as much as 64 entries (the walk waits
  // on a cache miss or two per column: bench/README.md, "Radar speed").
  constexpr std::uint64_t kColumnCost = 64;
  std::vector<std::uint64_t> running(weighted.size());
  std::uint64_t total = 0;
  for (std::size_t k = 0; k < weighted.size(); ++k) {
    std::uint64_t cost = 1;
    if (postings != nullptr) {
      const Postings::Bounds list = postings->bounds(weighted[k]);
      cost = list.end == list.begin ? 0 : list.end - list.begin + kColumnCost;
    }
    running[k] = total += cost;
  }
  std::array<std::size_t, kParts + 1> cut{};  // part p: weighted[cut[p], cut[p + 1])
  for (std::size_t p = 1; p < kParts; ++p) {
    const std::uint64_t share = total * p / kParts;
    cut[p] = static_cast<std::size_t>(std::ranges::upper_bound(running, share) - running.begin());
    cut[p] = std::max(cut[p], cut[p - 1]);
  }
  cut.back() = weighted.size();
  for (std::size_t p = 0; p <= kParts; ++p) {
    part_column_[p] =
        cut[p] < weighted.size() ? weighted[cut[p]] : std::numeric_limits<Column>::max();
  }
  part_column_.front() = 0;
  if (postings != nullptr) {
    for (std::size_t p = 0; p < kParts; ++p) {
      part_at_[p] = walk_.size();
      for (std::size_t k = cut[p]; k < cut[p + 1]; ++k) {
        const Postings::Bounds list = postings->bounds(weighted[k]);
        if (list.end != list.begin) walk_.push_back(Walk{static_cast<std::uint32_t>(k), list});
      }
    }
    part_at_.back() = walk_.size();
    walk_.shrink_to_fit();
    sealed_with_ = postings;
    sealed_first_ = postings->first();
    sealed_last_ = postings->last();
  }
}

void ColumnTable::sum_row(std::span<const Column> cols, std::span<const std::uint8_t> tfs,
                          Sums& out) const {
  // find() spelled out over local pointers, so that nothing is reloaded per column. The current
  // part's sums stay in registers (GCC 12 spilled some when the row's sums were there too); the
  // row's are in `out`, added to when a weighted column of a later part comes: a part begins at
  // a weighted column, and the row's columns increase (the +0 of an empty part is skipped,
  // which changes nothing).
  const float* tf_of = tf_weights().data();
  const std::uint64_t* mask = mask_.data();
  const std::uint32_t* rank = rank_.data();
  const Weights* packed = packed_.data();
  // The row's sums so far live in `out` (touched once per part); the part's in registers.
  out = Sums{};
  float taste = 0, lexical = 0, author = 0;
  const Column* part_end = &part_column_[1];
  Column next_part = *part_end;
  for (std::size_t k = 0; k < cols.size(); ++k) {
    const Column c = cols[k];
    const std::uint64_t word = mask[c >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (c & 63);
    if ((word & bit) == 0) continue;  // most of a row's columns have no weight
    if (c >= next_part) [[unlikely]] {
      out.taste += taste;
      out.lexical += lexical;
      out.author += author;
      taste = lexical = author = 0;
      do next_part = *++part_end;
      while (c >= next_part);  // part_column_[kParts] is above every column
    }
    const Weights& w =
        packed[rank[c >> 6] + static_cast<std::uint32_t>(std::popcount(word & (bit - 1)))];
    const float tf = tf_of[tfs[k]];
    taste += w.taste * tf;
    lexical += w.lexical * tf;
    author += w.author;
  }
  out.taste += taste;
  out.lexical += lexical;
  out.author += author;
}

bool ColumnTable::sum_part(const Postings& postings, Row first, Row last, std::size_t part,
                           std::span<Sums> out) const {
  if (&postings != sealed_with_ || postings.first() != sealed_first_ ||
      postings.last() != sealed_last_) {
    return false;  // the lists' bounds kept at seal() are not this window's
  }
  assert(postings.first() <= first && first <= last && last <= postings.last());
  assert(out.size() == last - first && part < kParts);
  const float* tf_of = tf_weights().data();
  // A window's tail (the last days: the usual ranking) is found from each list's end, the
  // other ranges by a binary search.
  const bool tail = last == postings.last();
  // Most walked columns are rare, with a list of a posting or two: the walk then waits on the
  // list's last entries, so they are asked for some columns ahead.
  constexpr std::size_t kAhead = 8;
  const std::size_t end = part_at_[part + 1];
  for (std::size_t k = part_at_[part]; k < end; ++k) {
    if (tail && k + kAhead < end) postings.prefetch_tail(walk_[k + kAhead].list);
    const auto rows = postings.rows_at(walk_[k].list);
    const auto tfs = postings.frequencies_at(walk_[k].list);
    const Weights w = packed_[walk_[k].slot];
    auto add = [&](std::size_t i) {
      Sums& s = out[rows[i] - first];
      const float tf = tf_of[tfs[i]];
      s.taste += w.taste * tf;
      s.lexical += w.lexical * tf;
      s.author += w.author;
    };
    if (tail) {
      for (std::size_t i = rows.size(); i > 0 && rows[i - 1] >= first; --i) add(i - 1);
    } else {
      for (auto i = static_cast<std::size_t>(std::ranges::lower_bound(rows, first) - rows.begin());
           i < rows.size() && rows[i] < last; ++i) {
        add(i);
      }
    }
  }
  return true;
}

void ColumnTable::add_parts(std::span<const std::vector<Sums>, kParts> parts, std::span<Sums> out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    Sums s;
    for (const auto& part : parts) {
      s.taste += part[i].taste;
      s.lexical += part[i].lexical;
      s.author += part[i].author;
    }
    out[i] = s;
  }
}

std::size_t ColumnTable::memory_bytes() const {
  std::size_t pending = 0;
  for (const auto& p : pending_) pending += p.capacity() * sizeof(p[0]);
  return pending + packed_.capacity() * sizeof(Weights) + walk_.capacity() * sizeof(Walk) +
         mask_.capacity() * sizeof(std::uint64_t) + rank_.capacity() * sizeof(std::uint32_t);
}

}  // namespace ah::radar
