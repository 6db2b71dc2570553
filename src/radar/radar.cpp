#include "radar/radar.h"

#include <algorithm>

namespace ah::radar {

Result<Radar> Radar::create(const FeatureIndex& index, RadarProfile profile,
                            const RadarOptions& options) {
  Radar r;
  r.profile_ = std::move(profile);
  r.options_ = options;
  if (auto ok = r.learn(index); !ok) return std::unexpected(ok.error());
  return r;
}

Result<void> Radar::update(const FeatureIndex& index, RadarProfile profile) {
  profile_ = std::move(profile);
  return learn(index);
}

Result<void> Radar::learn(const FeatureIndex& index) {
  positives_.clear();
  negatives_.clear();
  seed_rows_.clear();
  missing_.clear();
  auto row_of = [&](PaperId id) {
    auto r = index.row(id);
    if (!r) missing_.push_back(id);
    return r;
  };
  for (PaperId id : profile_.seeds) {
    if (auto r = row_of(id)) {
      positives_.push_back(*r);
      seed_rows_.push_back(*r);
    }
  }
  for (const auto& [id, vote] : profile_.votes) {
    if (auto r = row_of(id)) (vote == Vote::up ? positives_ : negatives_).push_back(*r);
  }
  for (auto* v : {&positives_, &negatives_, &seed_rows_}) {
    std::ranges::sort(*v);
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  // A paper both seeded and voted down counts as negative: the later judgement wins.
  std::erase_if(positives_, [&](Row r) { return std::ranges::binary_search(negatives_, r); });
  if (auto ok = taste_.train(index, positives_, negatives_, options_.taste); !ok) {
    return std::unexpected(ok.error().with_context("radar"));
  }
  semantic_ = SemanticSignal::prepare(index, positives_, options_.semantic);
  return {};
}

std::size_t Radar::memory_bytes() const {
  return sizeof(Radar) + (positives_.capacity() + negatives_.capacity() + seed_rows_.capacity()) *
                             sizeof(Row) +
         missing_.capacity() * sizeof(PaperId) + taste_.memory_bytes() + semantic_.memory_bytes();
}

}  // namespace ah::radar
