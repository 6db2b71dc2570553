#include "radar/radar.h"

#include <algorithm>

namespace ah::radar {

void fill_table(const FeatureIndex& index, const Radar& radar, const AuthorSignal& authors,
                ColumnTable& table) {
  table.begin(index.columns_count());
  for (const auto& [c, x] : radar.taste().weights()) table.set_taste(c, x);
  for (const auto& [c, x] : authors.column_weights()) table.set_author(c, x);
  for (const auto& [c, x] : radar.semantic().lexical_weights()) table.set_lexical(c, x);
  table.seal(&index.postings());
}

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
  authors_ = AuthorSignal::prepare(index, profile_, positives_, options_.authors);
  fill_table(index, *this, authors_, table_);
  learned_papers_ = index.size();
  return {};
}

std::size_t Radar::memory_bytes() const {
  return sizeof(Radar) +
         (positives_.capacity() + negatives_.capacity() + seed_rows_.capacity()) * sizeof(Row) +
         missing_.capacity() * sizeof(PaperId) + taste_.memory_bytes() + semantic_.memory_bytes() +
         authors_.memory_bytes() + table_.memory_bytes();
}

}  // namespace ah::radar
