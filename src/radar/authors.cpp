#include "radar/authors.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace ah::radar {

AuthorSignal AuthorSignal::prepare(const FeatureIndex& index, const RadarProfile& profile,
                                   std::span<const Row> positives, const AuthorOptions& options) {
  AuthorSignal s;
  s.saturation_ = static_cast<float>(options.saturation);
  s.names_ = profile.authors;
  s.ids_ = profile.author_ids;
  std::map<Column, Weight> w;
  if (options.seed_authors && !positives.empty()) {
    const double n = static_cast<double>(index.size());
    std::map<Column, int> counts;
    for (Row r : positives) {
      for (Column c : index.columns(r)) {
        if (index.kind(c) == FeatureKind::author) ++counts[c];
      }
    }
    for (const auto& [c, count] : counts) {
      const double share = static_cast<double>(count) / static_cast<double>(positives.size());
      const double rarity = 1.0 - index.document_frequency(c) / std::max(1.0, n);
      w[c] = Weight{c, static_cast<float>(share * rarity), count};
    }
  }
  for (std::size_t i = 0; i < profile.authors.size(); ++i) {
    auto c = index.author_column(profile.authors[i]);
    if (!c) continue;
    auto& x = w[*c];
    x.column = *c;
    x.weight = 1.0f;
    x.followed = static_cast<int>(i);
  }
  for (auto& [c, x] : w) s.weights_.push_back(x);
  for (std::size_t i = 0; i < profile.author_ids.size(); ++i) {
    if (auto f = index.find_facet(FacetKind::author_id, profile.author_ids[i])) {
      s.followed_ids_.emplace_back(*f, static_cast<int>(i));
    }
  }
  std::ranges::sort(s.followed_ids_);
  return s;
}

float AuthorSignal::score(const FeatureIndex& index, Row row) const {
  if (empty()) return 0;
  float raw = 0;
  const auto cols = index.columns(row);
  for (const auto& x : weights_) {
    if (std::ranges::binary_search(cols, x.column)) raw += x.weight;
  }
  // An author followed by name and id counts once.
  if (raw < 1.0f && followed_by_id(index, row)) raw += 1.0f;
  return raw;
}

bool AuthorSignal::followed_by_id(const FeatureIndex& index, Row row) const {
  for (Facet f : index.facets(row)) {
    auto it = std::ranges::lower_bound(followed_ids_, std::pair{f, -1});
    if (it != followed_ids_.end() && it->first == f) return true;
  }
  return false;
}

std::vector<std::pair<Column, float>> AuthorSignal::column_weights() const {
  std::vector<std::pair<Column, float>> out;
  for (const auto& x : weights_) out.emplace_back(x.column, x.weight);
  return out;
}

float AuthorSignal::normalise(float raw) const {
  return raw > 0 ? 1.0f - std::exp(-saturation_ * raw) : 0.0f;
}

bool AuthorSignal::followed(const FeatureIndex& index, Row row) const {
  return !followed_names(index, row).empty();
}

// A row has ~150 columns and a radar weighs ~1,000 authors: the row's columns are looked up
// (the other way round cost a search of the row per weighted author, per explained paper).
const AuthorSignal::Weight* AuthorSignal::weight_of(Column c) const {
  auto it = std::ranges::lower_bound(weights_, c, {}, &Weight::column);
  return it != weights_.end() && it->column == c ? &*it : nullptr;
}

std::vector<std::string> AuthorSignal::followed_names(const FeatureIndex& index, Row row) const {
  std::vector<std::string> out;
  for (Column c : index.columns(row)) {
    const Weight* x = weight_of(c);
    if (x != nullptr && x->followed >= 0) {
      out.push_back(names_[static_cast<std::size_t>(x->followed)]);
    }
  }
  for (Facet f : index.facets(row)) {
    auto it = std::ranges::lower_bound(followed_ids_, std::pair{f, -1});
    if (it != followed_ids_.end() && it->first == f) {
      out.push_back(ids_[static_cast<std::size_t>(it->second)]);
    }
  }
  return out;
}

std::vector<std::pair<std::string, int>> AuthorSignal::seed_authors(const FeatureIndex& index,
                                                                    Row row) const {
  std::vector<std::pair<std::string, int>> out;
  for (Column c : index.columns(row)) {
    const Weight* x = weight_of(c);
    if (x != nullptr && x->positives > 0 && x->weight > 0) {
      out.emplace_back(std::string(index.text(c)), x->positives);
    }
  }
  std::ranges::sort(out, [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

std::size_t AuthorSignal::memory_bytes() const {
  std::size_t text = 0;
  for (const auto* v : {&names_, &ids_}) {
    for (const auto& x : *v) text += sizeof(std::string) + x.capacity();
  }
  return weights_.capacity() * sizeof(Weight) +
         followed_ids_.capacity() * sizeof(std::pair<Facet, int>) + text;
}

}  // namespace ah::radar
