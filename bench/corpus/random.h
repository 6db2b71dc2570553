// Deterministic random numbers for the synthetic corpus: a xoshiro256** generator and an alias
// table for O(1) weighted sampling. Both are defined here (not taken from <random>) so that one
// seed gives the same corpus with every standard library. Not thread-safe: one Rng per thread.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace ah::bench {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t next();
  // Uniform in [0, n); n > 0.
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }
  // Uniform in [lo, hi]; lo <= hi.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // True with probability p.
  bool chance(double p) { return unit() < p; }
  // Exponentially distributed with the given mean.
  double exponential(double mean);
  // Approximately normal (sum of four uniforms), clamped to [lo, hi].
  double normal_clamped(double mean, double sd, double lo, double hi);

 private:
  std::uint64_t s_[4];
};

// Vose's alias method: samples index i with probability weights[i] / sum(weights).
// Weights must be non-negative with a positive sum. Immutable after construction.
class AliasTable {
 public:
  AliasTable() = default;
  explicit AliasTable(std::span<const double> weights);

  std::size_t sample(Rng& rng) const {
    const std::uint64_t r = rng.next();
    const std::size_t i =
        static_cast<std::size_t>((static_cast<unsigned __int128>(r) * prob_.size()) >> 64);
    // The low 32 bits are nearly independent of the bucket choice (taken from the high bits).
    const double u = static_cast<double>(r & 0xffffffffu) * 0x1.0p-32;
    return u < prob_[i] ? i : alias_[i];
  }
  std::size_t size() const { return prob_.size(); }

 private:
  std::vector<double> prob_;
  std::vector<std::uint32_t> alias_;
};

}  // namespace ah::bench
