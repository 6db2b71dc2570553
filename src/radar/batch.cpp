#include "radar/batch.h"

#include <algorithm>

namespace ah::radar {

float tfidf_cosine(const FeatureIndex& index, Row a, Row b) {
  const auto ca = index.columns(a), cb = index.columns(b);
  const auto fa = index.frequencies(a), fb = index.frequencies(b);
  float s = 0;
  std::size_t i = 0, j = 0;
  while (i < ca.size() && j < cb.size()) {
    if (ca[i] < cb[j]) {
      ++i;
    } else if (cb[j] < ca[i]) {
      ++j;
    } else {
      s += index.tfidf(a, ca[i], fa[i]) * index.tfidf(b, cb[j], fb[j]);
      ++i;
      ++j;
    }
  }
  return s;
}

std::vector<std::size_t> mmr_select(const FeatureIndex& index, std::span<const RankedPaper> ranked,
                                    std::size_t size, const MmrOptions& options) {
  std::vector<std::size_t> chosen;
  if (ranked.empty() || size == 0) return chosen;
  double top = 0;
  for (const auto& p : ranked) top = std::max(top, p.score);
  const double scale = top > 0 ? 1.0 / top : 1.0;
  // max similarity of each candidate to the batch so far, updated as papers are chosen
  std::vector<float> max_sim(ranked.size(), 0.0f);
  std::vector<bool> taken(ranked.size(), false);
  const double lambda = std::clamp(options.lambda, 0.0, 1.0);
  while (chosen.size() < std::min(size, ranked.size())) {
    std::size_t best = ranked.size();
    double best_value = 0;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      if (taken[i]) continue;
      const double value = lambda * ranked[i].score * scale - (1 - lambda) * max_sim[i];
      if (best == ranked.size() || value > best_value) {
        best = i;
        best_value = value;
      }
    }
    taken[best] = true;
    chosen.push_back(best);
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      if (!taken[i]) {
        max_sim[i] = std::max(max_sim[i], tfidf_cosine(index, ranked[i].row, ranked[best].row));
      }
    }
  }
  return chosen;
}

std::vector<RankedPaper> next_batch(const FeatureIndex& index, std::span<const RankedPaper> ranked,
                                    const std::unordered_set<PaperId>& seen, std::size_t size,
                                    const MmrOptions& options) {
  std::vector<RankedPaper> window;
  const std::size_t want = size * std::max<std::size_t>(1, options.window);
  for (const auto& p : ranked) {
    if (window.size() >= want) break;
    if (!seen.contains(p.id)) window.push_back(p);
  }
  std::vector<RankedPaper> batch;
  for (auto i : mmr_select(index, window, size, options)) batch.push_back(window[i]);
  return batch;
}

}  // namespace ah::radar
