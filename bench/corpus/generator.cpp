#include "corpus/generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>

#include "corpus/calendar.h"
#include "corpus/content.h"
#include "corpus/random.h"
#include "corpus/vocabulary.h"

namespace ah::bench {
namespace {

// Last second of the corpus: nothing is dated later.
const std::int64_t kEnd = days_from_civil(2026, 7, 1) * 86400 - 1;

// Approximate new submissions per month in January of each year 2007..2027 (arXiv's monthly
// submission statistics, rounded); months in between are interpolated.
constexpr std::array<double, 21> kMonthlyVolume = {5200,  5300,  5600,  6200,  6800,  7300,  7900,
                                                   8200,  8800,  9400,  10300, 11700, 12800, 14900,
                                                   15100, 15500, 17300, 20800, 24000, 27000, 29000};

struct OldArchive {
  std::string_view name;
  int first_year;
  int first_month;
  double weight;  // relative monthly volume
};

// Old-style archives in the order their ids sort ("math-ph/" before "math/"), as in the snapshot.
constexpr OldArchive kOldArchives[] = {
    {"astro-ph", 1992, 4, 1.0},   {"cond-mat", 1992, 4, 1.0}, {"cs", 1998, 1, 0.3},
    {"gr-qc", 1992, 7, 0.3},      {"hep-ex", 1994, 4, 0.15},  {"hep-lat", 1992, 2, 0.15},
    {"hep-ph", 1992, 3, 0.8},     {"hep-th", 1991, 8, 0.7},   {"math-ph", 1996, 9, 0.15},
    {"math", 1995, 1, 0.8},       {"nlin", 2000, 1, 0.12},    {"nucl-ex", 1994, 12, 0.08},
    {"nucl-th", 1992, 10, 0.2},   {"physics", 1996, 10, 0.4}, {"q-bio", 2003, 9, 0.08},
    {"quant-ph", 1994, 12, 0.45},
};

struct Bucket {
  std::string prefix;        // "0704." or "hep-th/9901"
  std::string_view archive;  // old-style archive, empty for new-style ids
  int year = 0;
  int month = 0;
  std::int64_t count = 0;     // records drawn from this month
  std::int64_t volume = 0;    // sequence numbers range over 1..volume
  std::int64_t capacity = 0;  // largest sequence number the id format allows
  int digits = 0;
};

// Splits `total` over buckets in proportion to `weights`, never giving a bucket more than its
// capacity (water-filling, then largest remainders). `total` must not exceed the capacities' sum.
void allocate(std::int64_t total, const std::vector<double>& weights,
              std::vector<Bucket>& buckets) {
  std::vector<bool> full(buckets.size(), false);
  std::int64_t remaining = total;
  for (;;) {
    double sum = 0;
    for (std::size_t i = 0; i < buckets.size(); ++i) sum += full[i] ? 0 : weights[i];
    bool capped = false;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
      if (!full[i] && remaining * weights[i] / sum > static_cast<double>(buckets[i].capacity)) {
        full[i] = true;
        buckets[i].count = buckets[i].capacity;
        remaining -= buckets[i].capacity;
        capped = true;
      }
    }
    if (capped) continue;
    std::vector<std::pair<double, std::size_t>> fractions;
    std::int64_t given = 0;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
      if (full[i]) continue;
      const double share = sum > 0 ? remaining * weights[i] / sum : 0;
      buckets[i].count = static_cast<std::int64_t>(share);
      given += buckets[i].count;
      fractions.emplace_back(share - std::floor(share), i);
    }
    std::stable_sort(fractions.begin(), fractions.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; given < remaining && k < fractions.size(); ++k, ++given) {
      ++buckets[fractions[k].second].count;
    }
    return;
  }
}

std::vector<Bucket> new_style_buckets(std::int64_t total) {
  std::vector<Bucket> buckets;
  std::vector<double> weights;
  for (int year = 2007; year <= 2026; ++year) {
    for (int month = year == 2007 ? 4 : 1; month <= (year == 2026 ? 6 : 12); ++month) {
      const std::size_t y = static_cast<std::size_t>(year - 2007);
      const double v =
          kMonthlyVolume[y] + (kMonthlyVolume[y + 1] - kMonthlyVolume[y]) * (month - 1) / 12.0;
      Bucket b;
      b.prefix = fmt::format("{:02}{:02}.", year % 100, month);
      b.year = year;
      b.month = month;
      b.digits = year < 2015 ? 4 : 5;
      b.capacity = year < 2015 ? 9999 : 99999;
      b.volume = static_cast<std::int64_t>(v);
      buckets.push_back(std::move(b));
      weights.push_back(v);
    }
  }
  allocate(total, weights, buckets);
  return buckets;
}

std::vector<Bucket> old_style_buckets(std::int64_t total) {
  std::vector<Bucket> buckets;
  std::vector<double> weights;
  for (const OldArchive& a : kOldArchives) {
    for (int year = a.first_year; year <= 2007; ++year) {
      for (int month = year == a.first_year ? a.first_month : 1; month <= (year == 2007 ? 3 : 12);
           ++month) {
        const double ramp = 0.3 + 0.7 * (year - 1991 + month / 12.0) / 16.0;
        Bucket b;
        b.prefix = fmt::format("{}/{:02}{:02}", a.name, year % 100, month);
        b.archive = a.name;
        b.year = year;
        b.month = month;
        b.digits = 3;
        b.capacity = 999;
        b.volume = static_cast<std::int64_t>(std::min(999.0, 600 * a.weight * ramp));
        buckets.push_back(std::move(b));
        weights.push_back(a.weight * ramp);
      }
    }
  }
  allocate(total, weights, buckets);
  return buckets;
}

std::int64_t capacity_of(const std::vector<Bucket>& buckets) {
  std::int64_t sum = 0;
  for (const Bucket& b : buckets) sum += b.capacity;
  return sum;
}

}  // namespace

struct CorpusGenerator::Impl {
  explicit Impl(CorpusOptions o)
      : options(o), rng(o.seed), vocabulary(o.seed), content(vocabulary, rng) {}

  CorpusOptions options;
  Rng rng;
  Vocabulary vocabulary;
  ContentGenerator content;
  std::vector<Bucket> buckets;
  std::size_t bucket = 0;
  std::int64_t in_bucket = 0;
  std::int64_t produced = 0;
};

CorpusGenerator::CorpusGenerator(CorpusOptions options) {
  options.records = std::clamp<std::int64_t>(options.records, 0, kMaxRecords);
  options.old_style_fraction = std::clamp(options.old_style_fraction, 0.0, 0.5);
  impl_ = std::make_unique<Impl>(options);
  std::int64_t old_count =
      std::llround(static_cast<double>(options.records) * options.old_style_fraction);
  old_count = std::min(old_count, capacity_of(old_style_buckets(0)));
  auto buckets = new_style_buckets(options.records - old_count);
  for (Bucket& b : old_style_buckets(old_count)) buckets.push_back(std::move(b));
  std::erase_if(buckets, [](const Bucket& b) { return b.count == 0; });
  for (Bucket& b : buckets) b.volume = std::clamp(b.volume, b.count, b.capacity);
  impl_->buckets = std::move(buckets);
}

CorpusGenerator::~CorpusGenerator() = default;
CorpusGenerator::CorpusGenerator(CorpusGenerator&&) noexcept = default;
CorpusGenerator& CorpusGenerator::operator=(CorpusGenerator&&) noexcept = default;

std::int64_t CorpusGenerator::total() const { return impl_->options.records; }
std::int64_t CorpusGenerator::produced() const { return impl_->produced; }

bool CorpusGenerator::next(SyntheticRecord& record) {
  Impl& s = *impl_;
  while (s.bucket < s.buckets.size() && s.in_bucket >= s.buckets[s.bucket].count) {
    ++s.bucket;
    s.in_bucket = 0;
  }
  if (s.bucket >= s.buckets.size()) return false;
  const Bucket& b = s.buckets[s.bucket];
  Rng& rng = s.rng;

  // Stratified sequence numbers: record i of n takes a number in the i-th n-th of 1..volume
  // (integer bounds, non-empty since volume >= n), so numbers strictly increase and leave
  // realistic gaps.
  const std::int64_t lo = s.in_bucket * b.volume / b.count;
  const std::int64_t hi = (s.in_bucket + 1) * b.volume / b.count;
  const std::int64_t seq =
      lo + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(hi - lo))) + 1;
  record.id = b.prefix;
  fmt::format_to(std::back_inserter(record.id), "{:0{}}", seq, b.digits);

  // v1 falls within the id's month, in order of the sequence number.
  const std::int64_t month_start = days_from_civil(b.year, b.month, 1) * 86400;
  const std::int64_t month_seconds = days_in_month(b.year, b.month) * std::int64_t{86400};
  const double position =
      (static_cast<double>(seq - 1) + rng.unit()) / static_cast<double>(b.volume);
  record.versions.assign(1, month_start + static_cast<std::int64_t>(position * month_seconds));

  static constexpr std::array<double, 5> kVersionShare = {0.58, 0.27, 0.09, 0.04, 0.02};
  double u = rng.unit();
  std::size_t extra = 0;
  while (extra + 1 < kVersionShare.size() && u >= kVersionShare[extra]) u -= kVersionShare[extra++];
  for (std::size_t v = 0; v < extra; ++v) {
    const std::int64_t next =
        record.versions.back() + 3600 + static_cast<std::int64_t>(rng.exponential(45 * 86400.0));
    if (next > kEnd) break;
    record.versions.push_back(next);
  }
  record.updated = record.versions.back();
  if (rng.chance(0.55)) {
    record.updated =
        std::min(kEnd, record.updated + static_cast<std::int64_t>(rng.exponential(300 * 86400.0)));
  }

  s.content.fill(record, b.archive);
  ++s.in_bucket;
  ++s.produced;
  return true;
}

}  // namespace ah::bench
