#include "radar/semantic.h"

#include <algorithm>
#include <cmath>

namespace ah::radar {

SemanticSignal SemanticSignal::prepare(const FeatureIndex& index, std::span<const Row> positives,
                                       const SemanticOptions& options) {
  SemanticSignal s;
  s.mode_ = options.mode;
  const int dim = index.vectors().dim();
  if (dim == 0) return s;
  const auto ud = static_cast<std::size_t>(dim);
  std::vector<float> sum(ud, 0.0f);
  for (Row r : positives) {
    const auto v = index.vector(r);
    if (v.empty() || v.scale == 0) continue;
    s.rows_.push_back(r);
    for (std::size_t i = 0; i < ud; ++i) {
      const float x = v.q[i] * v.scale;
      s.vectors_.push_back(x);
      sum[i] += x;
    }
  }
  if (s.rows_.empty()) return s;
  float n = 0;
  for (float x : sum) n += x * x;
  if (n <= 0) return s;
  n = 1.0f / std::sqrt(n);
  for (float& x : sum) x *= n;
  s.centroid_ = std::move(sum);
  return s;
}

float SemanticSignal::score(const FeatureIndex& index, Row row) const {
  if (centroid_.empty()) return 0;
  const auto v = index.vector(row);
  if (mode_ == SemanticMode::centroid) return dot(centroid_, v);
  const auto ud = centroid_.size();
  float best = -1;
  for (std::size_t k = 0; k < rows_.size(); ++k) {
    best = std::max(best, dot(std::span(vectors_).subspan(k * ud, ud), v));
  }
  return best;
}

std::vector<std::pair<Row, float>> SemanticSignal::nearest(const FeatureIndex& index, Row row,
                                                           std::size_t k,
                                                           float min_cosine) const {
  std::vector<std::pair<Row, float>> out;
  if (centroid_.empty()) return out;
  const auto v = index.vector(row);
  const auto ud = centroid_.size();
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const float c = dot(std::span(vectors_).subspan(i * ud, ud), v);
    if (c >= min_cosine) out.emplace_back(rows_[i], c);
  }
  std::ranges::sort(out, [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (out.size() > k) out.resize(k);
  return out;
}

std::size_t SemanticSignal::memory_bytes() const {
  return (centroid_.capacity() + vectors_.capacity()) * sizeof(float) +
         rows_.capacity() * sizeof(Row);
}

}  // namespace ah::radar
