// The radar index's data (FeatureIndex::Data), for the files that build, grow and save it
// (feature_index.cpp, index_file.cpp). Internal to src/radar: nothing else includes it.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "radar/analyzer.h"
#include "radar/feature_index.h"
#include "radar/hash_index.h"
#include "radar/postings.h"
#include "radar/word_vectors.h"

namespace ah::radar {

inline float idf_of(std::size_t n, std::uint32_t df) {
  return static_cast<float>(std::log((1.0 + static_cast<double>(n)) / (1.0 + df)) + 1.0);
}

struct FeatureIndex::Data {
  explicit Data(Analyzer a) : analyzer(std::move(a)) {}
  IndexOptions options;
  Analyzer analyzer;  // add() only

  // papers
  std::vector<PaperId> ids;
  std::unordered_map<PaperId, Row> row_of;
  std::vector<int> days;
  std::vector<std::uint32_t> lengths;
  double total_length = 0;
  std::vector<std::uint64_t> row_start{0};
  std::vector<Column> cols;
  std::vector<std::uint8_t> tfs;
  std::vector<float> inv_norm;
  std::vector<std::uint32_t> facet_start{0};
  std::vector<Facet> facet_ids;
  std::vector<Row> by_day;  // rows ordered by (day, row)
  Postings postings;        // of the newest rows (refresh_postings)

  // features
  std::vector<FeatureKind> kinds;
  std::vector<std::uint32_t> text_start{0};
  std::string text;
  std::vector<std::uint32_t> surface_start{0};  // by column; empty but for words
  std::string surface;
  std::vector<std::uint32_t> df;
  std::vector<float> idf;
  HashIndex feature_map;
  std::size_t papers_at_refresh = 0;
  // total_word_df(), kept up to date as add() counts words: a sum over every column per added
  // paper cost a pass over 10.7M columns at 1M papers. Integer counts in a double, so the same
  // value exactly.
  double word_df = 0;

  // facets
  std::vector<FacetKind> facet_kinds;
  std::vector<std::uint32_t> facet_df;
  std::vector<std::uint32_t> facet_text_start{0};
  std::string facet_text;
  HashIndex facet_map;

  WordVectors vectors;
  PaperVectors paper_vectors;

  std::string_view text_of(Column c) const {
    return std::string_view(text).substr(text_start[c], text_start[c + 1] - text_start[c]);
  }
  std::string_view facet_text_of(Facet f) const {
    return std::string_view(facet_text)
        .substr(facet_text_start[f], facet_text_start[f + 1] - facet_text_start[f]);
  }
  std::optional<Column> find(FeatureKind k, std::string_view t) const {
    return feature_map.find(hash_key(static_cast<std::uint8_t>(k), t),
                            [&](std::uint32_t c) { return kinds[c] == k && text_of(c) == t; });
  }
  Column add_feature(FeatureKind k, std::string_view t, std::uint32_t frequency,
                     std::string_view surface_form = {}) {
    const auto c = static_cast<Column>(kinds.size());
    kinds.push_back(k);
    text.append(t);
    text_start.push_back(static_cast<std::uint32_t>(text.size()));
    if (surface_form != t) surface.append(surface_form);
    surface_start.push_back(static_cast<std::uint32_t>(surface.size()));
    df.push_back(frequency);
    idf.push_back(idf_of(ids.size(), frequency));
    feature_map.insert(hash_key(static_cast<std::uint8_t>(k), t), c);
    return c;
  }
  Facet facet(FacetKind k, std::string_view t) {
    const auto h = hash_key(static_cast<std::uint8_t>(k) + 16, t);
    if (auto f = facet_map.find(
            h, [&](std::uint32_t f) { return facet_kinds[f] == k && facet_text_of(f) == t; })) {
      return *f;
    }
    const auto f = static_cast<Facet>(facet_kinds.size());
    facet_kinds.push_back(k);
    facet_df.push_back(0);
    facet_text.append(t);
    facet_text_start.push_back(static_cast<std::uint32_t>(facet_text.size()));
    facet_map.insert(h, f);
    return f;
  }
  void push_facets(const std::vector<std::pair<FacetKind, std::string>>& facets) {
    std::vector<Facet> fs;
    for (const auto& [k, t] : facets) fs.push_back(facet(k, t));
    std::ranges::sort(fs);
    fs.erase(std::unique(fs.begin(), fs.end()), fs.end());
    for (Facet f : fs) ++facet_df[f];
    facet_ids.insert(facet_ids.end(), fs.begin(), fs.end());
    facet_start.push_back(static_cast<std::uint32_t>(facet_ids.size()));
  }
  void push_row(std::vector<std::pair<Column, std::uint32_t>>& row) {
    std::ranges::sort(row);
    for (const auto& [c, tf] : row) {
      cols.push_back(c);
      tfs.push_back(static_cast<std::uint8_t>(std::min<std::uint32_t>(tf, 255)));
    }
    row_start.push_back(cols.size());
  }
  float norm_of(Row r) const {
    const auto& w = tf_weights();
    double s = 0;
    for (auto k = row_start[r]; k < row_start[r + 1]; ++k) {
      const double x = w[tfs[k]] * idf[cols[k]];
      s += x * x;
    }
    return s > 0 ? static_cast<float>(1.0 / std::sqrt(s)) : 0.0f;
  }
  // SIF: sum over the row's words of tf * a / (a + p(w)) * v(w); p(w) = df / total word df.
  std::vector<float> sif_vector(Row r, double total_word_df) const {
    std::vector<float> v;
    const int dim = vectors.dim();
    if (dim == 0 || total_word_df <= 0) return v;
    v.assign(static_cast<size_t>(dim), 0.0f);
    const double a = options.vectors.sif_a;
    for (auto k = row_start[r]; k < row_start[r + 1]; ++k) {
      const Column c = cols[k];
      if (kinds[c] != FeatureKind::word) continue;
      const float* wv = vectors.get(c);
      if (wv == nullptr) continue;
      const double p = df[c] / total_word_df;
      const auto weight = static_cast<float>(tfs[k] * a / (a + p));
      for (int i = 0; i < dim; ++i) v[static_cast<size_t>(i)] += weight * wv[i];
    }
    return v;
  }
  double total_word_df() const {
    double t = 0;
    for (std::size_t c = 0; c < kinds.size(); ++c) {
      if (kinds[c] == FeatureKind::word) t += df[c];
    }
    return t;
  }
  // Removes the common component and scales to unit length.
  void finish_vector(std::vector<float>& v) const {
    const auto common = vectors.common();
    if (v.empty()) return;
    if (common.size() == v.size()) {
      float p = 0;
      for (size_t i = 0; i < v.size(); ++i) p += v[i] * common[i];
      for (size_t i = 0; i < v.size(); ++i) v[i] -= p * common[i];
    }
    float n = 0;
    for (float x : v) n += x * x;
    if (n <= 0) return v.clear();
    n = 1.0f / std::sqrt(n);
    for (float& x : v) x *= n;
  }
  // Turns the newest options.posting_rows rows around (Postings), for every column there is.
  void refresh_postings() {
    const auto n = static_cast<Row>(ids.size());
    const auto window = static_cast<Row>(std::min<std::size_t>(n, options.posting_rows));
    postings = Postings::build(row_start, cols, tfs, n - window, n, kinds.size());
  }
  void insert_by_day(Row r) {
    const auto key = std::pair{days[r], r};
    auto at = std::upper_bound(by_day.begin(), by_day.end(), key, [&](auto k, Row x) {
      return k < std::pair{days[x], x};
    });
    by_day.insert(at, r);
  }
};

}  // namespace ah::radar
