// A compact hash index from a 64-bit hash to a 32-bit value (open addressing, linear probing),
// for the index's feature and facet dictionaries: 12 bytes a slot instead of the ~50 a node of
// std::unordered_map costs, which at a million papers is hundreds of megabytes. Equal hashes of
// different keys are kept apart by the caller's `same` predicate. Thread-safety: as a vector.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace ah::radar {

class HashIndex {
 public:
  // The value whose hash is `h` and for which same(value) holds, if any.
  template <typename Same>
  std::optional<std::uint32_t> find(std::uint64_t h, Same&& same) const {
    if (keys_.empty()) return std::nullopt;
    h = h == 0 ? 1 : h;
    const std::size_t mask = keys_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      if (keys_[i] == 0) return std::nullopt;
      if (keys_[i] == h && same(values_[i])) return values_[i];
    }
  }
  // Adds (h, value); the caller has checked that no equal key is present.
  void insert(std::uint64_t h, std::uint32_t value) {
    if ((count_ + 1) * 2 > keys_.size()) grow();
    place(h == 0 ? 1 : h, value);
    ++count_;
  }
  std::size_t memory_bytes() const {
    return keys_.capacity() * sizeof(std::uint64_t) + values_.capacity() * sizeof(std::uint32_t);
  }

 private:
  void place(std::uint64_t h, std::uint32_t value) {
    const std::size_t mask = keys_.size() - 1;
    std::size_t i = h & mask;
    while (keys_[i] != 0) i = (i + 1) & mask;
    keys_[i] = h;
    values_[i] = value;
  }
  void grow() {
    std::vector<std::uint64_t> keys = std::move(keys_);
    std::vector<std::uint32_t> values = std::move(values_);
    const std::size_t n = keys.empty() ? 1024 : keys.size() * 2;
    keys_.assign(n, 0);
    values_.assign(n, 0);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] != 0) place(keys[i], values[i]);
    }
  }
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> values_;
  std::size_t count_ = 0;
};

// 64-bit FNV-1a of a tag byte and a string, finished with a murmur-style mix (FNV alone clusters
// in the low bits the index masks).
inline std::uint64_t hash_key(std::uint8_t tag, std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL ^ tag;
  h *= 1099511628211ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

}  // namespace ah::radar
