#include "radar/priors.h"

#include <algorithm>
#include <map>

namespace ah::radar {

PriorSignal PriorSignal::prepare(const FeatureIndex& index, std::span<const Row> positives,
                                 std::span<const Row> down_voted) {
  PriorSignal s;
  if (positives.empty()) return s;
  std::map<Facet, int> up, down;
  for (Row r : positives) {
    for (Facet f : index.facets(r)) ++up[f];
  }
  for (Row r : down_voted) {
    for (Facet f : index.facets(r)) ++down[f];
  }
  bool present[4] = {false, false, false, false};
  const double n_up = static_cast<double>(positives.size());
  const double n_down = static_cast<double>(down_voted.size());
  std::map<Facet, float> prior;
  for (const auto& [f, count] : up) {
    const auto kind = index.facet_kind(f);
    if (kind == FacetKind::author_id) continue;
    present[static_cast<int>(kind)] = true;
    const double base = index.facet_frequency(f) / std::max<double>(1.0, index.size());
    prior[f] = static_cast<float>((count + 0.5) / (n_up + 1) - base);
  }
  for (const auto& [f, count] : down) {
    if (index.facet_kind(f) == FacetKind::author_id) continue;
    prior[f] -= static_cast<float>(count / (n_down + 1));
  }
  s.prior_.assign(prior.begin(), prior.end());
  for (bool p : present) s.kinds_ += p ? 1 : 0;
  for (int k = 0; k < 4; ++k) {
    s.kind_weight_[k] = present[k] ? 1.0f / static_cast<float>(s.kinds_) : 0.0f;
  }
  return s;
}

float PriorSignal::score(const FeatureIndex& index, Row row) const {
  if (kinds_ == 0) return 0;
  float best[4] = {0, 0, 0, 0};
  bool seen[4] = {false, false, false, false};
  for (Facet f : index.facets(row)) {
    auto it = std::ranges::lower_bound(prior_, std::pair{f, -1e30f});
    if (it == prior_.end() || it->first != f) continue;
    const int k = static_cast<int>(index.facet_kind(f));
    best[k] = seen[k] ? std::max(best[k], it->second) : it->second;
    seen[k] = true;
  }
  float raw = 0;
  for (int k = 0; k < 4; ++k) raw += kind_weight_[k] * best[k];
  return raw;
}

std::vector<std::pair<Facet, float>> PriorSignal::reasons(const FeatureIndex& index,
                                                          Row row) const {
  std::vector<std::pair<Facet, float>> out;
  for (Facet f : index.facets(row)) {
    auto it = std::ranges::lower_bound(prior_, std::pair{f, -1e30f});
    if (it != prior_.end() && it->first == f && it->second > 0) out.push_back(*it);
  }
  std::ranges::sort(out, [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

}  // namespace ah::radar
