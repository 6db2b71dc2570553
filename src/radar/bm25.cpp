#include "radar/bm25.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/text.h"

namespace ah::radar {

bool has_all(const FeatureIndex& index, Row row, std::span<const Column> columns) {
  if (columns.empty()) return false;
  const auto cols = index.columns(row);
  return std::ranges::all_of(columns, [&](Column c) { return std::ranges::binary_search(cols, c); });
}

Bm25Signal Bm25Signal::prepare(const FeatureIndex& index, std::string_view description,
                               std::span<const std::string> keywords, const Bm25Options& options) {
  Bm25Signal s;
  s.k1_ = static_cast<float>(options.k1);
  s.b_ = static_cast<float>(options.b);
  s.half_ = static_cast<float>(options.half_score);
  s.average_length_ = static_cast<float>(std::max(1.0, index.average_length()));
  std::map<Column, double> q;
  auto analyzer = Analyzer::create();
  if (analyzer && !description.empty()) {
    const auto words = analyzer->terms(core::search_text(description));
    for (std::size_t k = 0; k < words.size(); ++k) {
      if (auto c = index.find(FeatureKind::word, words[k])) q[*c] += 1;
      if (k > 0) {
        if (auto c = index.find(FeatureKind::phrase, words[k - 1] + " " + words[k])) q[*c] += 1;
      }
    }
  }
  for (const auto& keyword : keywords) {
    auto cols = index.phrase_columns(keyword);
    for (Column c : cols) q[c] += options.keyword_weight;
    s.keywords_.push_back(std::move(cols));
  }
  const double n = static_cast<double>(index.size());
  for (const auto& [c, count] : q) {
    const double df = index.document_frequency(c);
    const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    s.query_.push_back({c, static_cast<float>(count * idf)});
  }
  return s;
}

float Bm25Signal::score(const FeatureIndex& index, Row row) const {
  if (query_.empty()) return 0;
  const auto cols = index.columns(row);
  const auto tfs = index.frequencies(row);
  const float norm = k1_ * (1 - b_ + b_ * static_cast<float>(index.length(row)) / average_length_);
  float s = 0;
  auto it = cols.begin();
  for (const auto& t : query_) {
    it = std::lower_bound(it, cols.end(), t.column);
    if (it == cols.end()) break;
    if (*it != t.column) continue;
    const float tf = tfs[static_cast<std::size_t>(it - cols.begin())];
    s += t.weight * tf * (k1_ + 1) / (tf + norm);
  }
  return s;
}

std::vector<std::size_t> Bm25Signal::matched_keywords(const FeatureIndex& index, Row row) const {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < keywords_.size(); ++k) {
    if (has_all(index, row, keywords_[k])) out.push_back(k);
  }
  return out;
}

bool Bm25Signal::matches_any_keyword(const FeatureIndex& index, Row row) const {
  return std::ranges::any_of(keywords_, [&](const auto& k) { return has_all(index, row, k); });
}

}  // namespace ah::radar
