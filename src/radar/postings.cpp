#include "radar/postings.h"

#include <sys/mman.h>

#include <cassert>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace ah::radar {

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;
}

template <typename T>
T* HugePageAllocator<T>::allocate(std::size_t n) {
  const std::size_t bytes = (n * sizeof(T) + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, bytes);
  if (p == nullptr) throw std::bad_alloc();
  madvise(p, bytes, MADV_HUGEPAGE);  // a hint: without huge pages the memory is the same
  return static_cast<T*>(p);
}

template <typename T>
void HugePageAllocator<T>::deallocate(T* p, std::size_t) {
  std::free(p);
}

template struct HugePageAllocator<std::uint32_t>;
template struct HugePageAllocator<std::uint8_t>;

Postings Postings::build(std::span<const std::uint64_t> row_start, std::span<const Column> cols,
                         std::span<const std::uint8_t> tfs, Row first, Row last,
                         std::size_t columns) {
  assert(first <= last && last < row_start.size());
  // The lists are addressed by 32-bit offsets: a window of more entries starts later.
  while (row_start[last] - row_start[first] > UINT32_MAX) ++first;
  Postings p;
  p.first_ = first;
  p.last_ = last;
  const std::uint64_t from = row_start[first], to = row_start[last];
  // A counting sort by column: count, offsets, then fill in row order (so each list increases).
  p.start_.assign(columns + 1, 0);
  for (std::uint64_t k = from; k < to; ++k) {
    if (cols[k] < columns) ++p.start_[cols[k] + 1];
  }
  for (std::size_t c = 0; c < columns; ++c) p.start_[c + 1] += p.start_[c];
  p.rows_.resize(p.start_[columns]);
  p.tfs_.resize(p.start_[columns]);
  std::vector<std::uint32_t> at(p.start_.begin(), p.start_.end() - 1);
  for (Row r = first; r < last; ++r) {
    for (std::uint64_t k = row_start[r]; k < row_start[r + 1]; ++k) {
      const Column c = cols[k];
      if (c >= columns) continue;
      p.rows_[at[c]] = r;
      p.tfs_[at[c]++] = tfs[k];
    }
  }
  return p;
}

std::size_t Postings::memory_bytes() const {
  return start_.capacity() * sizeof(std::uint32_t) + rows_.capacity() * sizeof(Row) +
         tfs_.capacity();
}

}  // namespace ah::radar
