// CorpusGenerator: a deterministic stream of realistic synthetic arXiv records. New-style ids
// (0704.0001 .. 2606.NNNNN, 4 digits before 2015 and 5 after) come first, increasing with their
// submission dates, followed by old-style ids (hep-th/9901001) from 1991-2007, as in the Kaggle
// snapshot. Monthly volumes follow arXiv's growth. Not thread-safe: one generator per thread.
#pragma once

#include <cstdint>
#include <memory>

#include "corpus/record.h"

namespace ah::bench {

struct CorpusOptions {
  std::uint64_t seed = 42;           // same seed and record count -> byte-identical corpus
  std::int64_t records = 1000;       // 0 .. kMaxRecords
  double old_style_fraction = 0.08;  // share of pre-2007 old-style ids, 0..0.5
};

inline constexpr std::int64_t kMaxRecords = 10'000'000;

class CorpusGenerator {
 public:
  // Options out of range are clamped (records to [0, kMaxRecords], the fraction to [0, 0.5]).
  explicit CorpusGenerator(CorpusOptions options);
  ~CorpusGenerator();
  CorpusGenerator(CorpusGenerator&&) noexcept;
  CorpusGenerator& operator=(CorpusGenerator&&) noexcept;

  // Overwrites `record` with the next record, reusing its buffers, and returns true; returns
  // false (leaving `record` unspecified) once total() records have been produced.
  bool next(SyntheticRecord& record);

  std::int64_t total() const;
  std::int64_t produced() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ah::bench
