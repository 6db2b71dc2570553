#include "radar/semantic.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace ah::radar {

namespace {

// The lexical centroid's column weights (semantic.h): c = sum of the positives' TF-IDF vectors
// over words and phrases, weights c_col / |c| / typical * idf_col.
std::vector<std::pair<Column, float>> lexical_centroid(const FeatureIndex& index,
                                                       std::span<const Row> positives) {
  std::map<Column, double> c;
  for (Row r : positives) {
    const auto cols = index.columns(r);
    const auto tfs = index.frequencies(r);
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (index.kind(cols[k]) == FeatureKind::author) continue;
      c[cols[k]] += index.tfidf(r, cols[k], tfs[k]);
    }
  }
  double norm = 0;
  for (const auto& [col, x] : c) norm += x * x;
  if (norm <= 0) return {};
  norm = std::sqrt(norm);
  // typical: the positives' mean cosine with the centroid.
  double typical = 0;
  for (Row r : positives) {
    const auto cols = index.columns(r);
    const auto tfs = index.frequencies(r);
    double dot = 0;
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (auto it = c.find(cols[k]); it != c.end()) {
        dot += it->second * index.tfidf(r, cols[k], tfs[k]);
      }
    }
    typical += dot / norm;
  }
  typical /= static_cast<double>(positives.size());
  if (typical <= 0) return {};
  std::vector<std::pair<Column, float>> out;
  out.reserve(c.size());
  for (const auto& [col, x] : c) {
    out.emplace_back(col, static_cast<float>(x / norm / typical * index.idf(col)));
  }
  return out;  // std::map: sorted by column
}

}  // namespace

SemanticSignal SemanticSignal::prepare(const FeatureIndex& index, std::span<const Row> positives,
                                       const SemanticOptions& options) {
  SemanticSignal s;
  s.mode_ = options.mode;
  if (positives.empty()) return s;
  const float share = static_cast<float>(std::clamp(options.lexical_share, 0.0, 1.0));
  if (share > 0) s.lexical_ = lexical_centroid(index, positives);
  const int dim = share < 1 ? index.vectors().dim() : 0;
  if (dim > 0) {
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
    float n = 0;
    for (float x : sum) n += x * x;
    if (!s.rows_.empty() && n > 0) {
      n = 1.0f / std::sqrt(n);
      for (float& x : sum) x *= n;
      s.centroid_ = std::move(sum);
    } else {
      s.rows_.clear();
      s.vectors_.clear();
    }
  }
  s.lexical_share_ = s.lexical_.empty() ? 0.0f : s.centroid_.empty() ? 1.0f : share;
  return s;
}

float SemanticSignal::vector_score(const FeatureIndex& index, Row row) const {
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

float SemanticSignal::combine(float lexical_sum, float vector_cosine) const {
  const float lexical = std::clamp(lexical_sum, 0.0f, 1.0f);
  return lexical_share_ * lexical + (1.0f - lexical_share_) * normalise(vector_cosine);
}

float SemanticSignal::score(const FeatureIndex& index, Row row) const {
  if (empty()) return 0;
  float lexical = 0;
  if (!lexical_.empty()) {
    const auto cols = index.columns(row);
    const auto tfs = index.frequencies(row);
    for (std::size_t k = 0; k < cols.size(); ++k) {
      auto it = std::ranges::lower_bound(lexical_, std::pair{cols[k], -INFINITY});
      if (it != lexical_.end() && it->first == cols[k]) lexical += it->second * tf_weight(tfs[k]);
    }
    lexical *= index.inverse_norm(row);
  }
  return combine(lexical, vector_score(index, row));
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
         rows_.capacity() * sizeof(Row) + lexical_.capacity() * sizeof(std::pair<Column, float>);
}

}  // namespace ah::radar
