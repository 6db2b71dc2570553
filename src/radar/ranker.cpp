#include "radar/ranker.h"

#include <algorithm>
#include <cmath>

#include "radar/priors.h"

namespace ah::radar {
namespace {

// Seeds' neighbours count as "like" a paper above this cosine of SIF vectors: on the real arXiv
// days, papers of the same author on the same topic are mostly above 0.6, random pairs of one
// category below 0.4 (bench/README.md).
constexpr float kSimilarCosine = 0.6f;
constexpr std::size_t kMaxSimilar = 3;
constexpr std::size_t kMaxTerms = 3;

// What one ranking prepares from the radar and the profile before scoring candidates.
struct Prepared {
  Bm25Signal bm25;
  AuthorSignal authors;
  PriorSignal priors;
  std::vector<std::vector<Column>> excludes;
  std::vector<Facet> pool;  // sorted
  bool bounded = false;
  std::vector<Row> out;     // seeds and 👎: never in the feed; sorted
};

Prepared prepare(const FeatureIndex& index, const Radar& radar) {
  const auto& profile = radar.profile();
  const auto& options = radar.options();
  Prepared p;
  p.bm25 = Bm25Signal::prepare(index, profile.description, profile.keywords, options.bm25);
  p.authors = AuthorSignal::prepare(index, profile, radar.positives(), options.authors);
  p.priors = PriorSignal::prepare(index, radar.positives(), radar.negatives());
  for (const auto& x : profile.excludes) {
    auto cols = index.phrase_columns(x);
    if (!cols.empty()) p.excludes.push_back(std::move(cols));
  }
  p.bounded = !profile.categories.empty() || !profile.venues.empty() || !profile.sources.empty();
  for (const auto& c : profile.categories) {
    if (auto f = index.find_facet(FacetKind::category, c)) p.pool.push_back(*f);
  }
  for (const auto& v : profile.venues) {
    if (auto f = index.find_facet(FacetKind::venue, FeatureIndex::venue_key(v))) {
      p.pool.push_back(*f);
    }
  }
  for (const auto& s : profile.sources) {
    if (auto f = index.find_facet(FacetKind::source, s)) p.pool.push_back(*f);
  }
  std::ranges::sort(p.pool);
  p.out.assign(radar.seeds().begin(), radar.seeds().end());
  p.out.insert(p.out.end(), radar.negatives().begin(), radar.negatives().end());
  std::ranges::sort(p.out);
  return p;
}

bool in_pool(const FeatureIndex& index, const Prepared& p, Row row) {
  for (Facet f : index.facets(row)) {
    if (std::ranges::binary_search(p.pool, f)) return true;
  }
  return false;
}

std::string day_text(int day) {
  // civil_from_days (Howard Hinnant).
  const int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int y = static_cast<int>(yoe) + era * 400 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::vector<Why> explain(const FeatureIndex& index, const Radar& radar, const Prepared& p,
                         const SignalWeights& w, const RankedPaper& paper) {
  const Row row = paper.row;
  std::vector<std::pair<double, Why>> reasons;  // (contribution, reason)
  const auto& s = paper.signals;
  if (auto names = p.authors.followed_names(index, row); !names.empty()) {
    reasons.push_back({w.authors * s.authors + 1e3, Why{WhyKind::followed_author, names}});
  } else if (auto seed = p.authors.seed_authors(index, row); !seed.empty()) {
    Why why{WhyKind::seed_author};
    for (std::size_t k = 0; k < seed.size() && k < kMaxSimilar; ++k) {
      why.values.push_back(seed[k].first);
      why.counts.push_back(seed[k].second);
    }
    reasons.push_back({w.authors * s.authors, std::move(why)});
  }
  if (auto matched = p.bm25.matched_keywords(index, row); !matched.empty()) {
    Why why{WhyKind::keyword};
    for (auto k : matched) why.values.push_back(radar.profile().keywords[k]);
    reasons.push_back({w.bm25 * s.bm25 + 1e2, std::move(why)});
  }
  if (s.semantic > 0) {
    auto near = radar.semantic().nearest(index, row, radar.positives().size(), kSimilarCosine);
    if (!near.empty()) {
      Why why{WhyKind::similar_papers};
      why.counts.push_back(static_cast<int>(near.size()));
      for (std::size_t k = 0; k < near.size() && k < kMaxSimilar; ++k) {
        why.papers.push_back(index.id(near[k].first));
        why.weights.push_back(near[k].second);
      }
      reasons.push_back({w.semantic * s.semantic, std::move(why)});
    }
  }
  if (!radar.taste().empty()) {
    auto terms = radar.taste().top_terms(index, row, kMaxTerms + 2);
    Why why{WhyKind::taste_terms};
    for (const auto& [c, contribution] : terms) {
      if (index.kind(c) == FeatureKind::author || why.values.size() >= kMaxTerms) continue;
      why.values.push_back(index.display(c));
      why.weights.push_back(contribution);
    }
    if (!why.values.empty()) reasons.push_back({w.taste * s.taste, std::move(why)});
  }
  if (s.priors > 0) {
    Why by_kind[3] = {Why{WhyKind::category}, Why{WhyKind::venue}, Why{WhyKind::source}};
    for (const auto& [f, share] : p.priors.reasons(index, row)) {
      const auto k = index.facet_kind(f);
      if (k == FacetKind::author_id || share < 0.3f) continue;
      auto& why = by_kind[static_cast<int>(k)];
      why.values.emplace_back(index.facet_text(f));
      why.weights.push_back(share);
    }
    for (auto& why : by_kind) {
      if (!why.values.empty()) reasons.push_back({w.priors * s.priors, std::move(why)});
    }
  }
  if (reasons.empty() && s.recency > 0) {
    reasons.push_back({w.recency * s.recency, Why{WhyKind::recent, {day_text(index.day(row))}}});
  }
  std::ranges::stable_sort(reasons, [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<Why> out;
  for (auto& r : reasons) out.push_back(std::move(r.second));
  return out;
}

}  // namespace

void Workspace::prepare(std::size_t columns) {
  if (taste_.size() < columns) {
    taste_.resize(columns, 0.0f);
    author_.resize(columns, 0.0f);
    lexical_.resize(columns, 0.0f);
    mask_.resize((columns + 63) / 64, 0);
  }
}
void Workspace::touch(Column c) {
  mask_[c >> 6] |= std::uint64_t{1} << (c & 63);
  touched_.push_back(c);
}
void Workspace::set_taste(Column c, float w) {
  taste_[c] = w;
  touch(c);
}
void Workspace::set_author(Column c, float w) {
  author_[c] = w;
  touch(c);
}
void Workspace::set_lexical(Column c, float w) {
  lexical_[c] = w;
  touch(c);
}
void Workspace::clear() {
  for (Column c : touched_) {
    taste_[c] = author_[c] = lexical_[c] = 0.0f;
    mask_[c >> 6] = 0;
  }
  touched_.clear();
}
std::size_t Workspace::memory_bytes() const {
  return (taste_.capacity() + author_.capacity() + lexical_.capacity()) * sizeof(float) +
         mask_.capacity() * sizeof(std::uint64_t) +
         touched_.capacity() * sizeof(Column);
}

Result<std::vector<RankedPaper>> rank(const FeatureIndex& index, const Radar& radar,
                                      const RankRequest& request, Workspace* workspace) {
  Workspace local;
  Workspace& ws = workspace != nullptr ? *workspace : local;
  ws.prepare(index.columns_count());
  const Prepared p = prepare(index, radar);
  const auto& o = radar.options();
  const SignalWeights& w = request.weights ? *request.weights : o.weights;
  for (const auto& [c, x] : radar.taste().weights()) ws.set_taste(c, x);
  for (const auto& [c, x] : p.authors.column_weights()) ws.set_author(c, x);
  for (const auto& [c, x] : radar.semantic().lexical_weights()) ws.set_lexical(c, x);
  const float* taste_w = ws.taste_data();
  const float* author_w = ws.author_data();
  const float* lexical_w = ws.lexical_data();
  const std::uint64_t* weighted = ws.mask_data();
  const bool use_taste = !radar.taste().empty() && w.taste != 0;
  const bool use_semantic = !radar.semantic().empty() && w.semantic != 0;
  const bool use_bm25 = !p.bm25.empty() && w.bm25 != 0;
  const bool use_priors = !p.priors.empty() && w.priors != 0;
  const bool ids_followed = p.authors.follows_ids();

  std::vector<Row> storage;
  std::span<const Row> candidates = request.rows;
  if (!request.use_rows) {
    storage = index.rows_between(request.since, request.until);
    candidates = storage;
  }
  int today = request.today;
  if (today == kNoDay) {
    for (Row r : candidates) today = std::max(today, index.day(r));
  }

  auto better = [&](const RankedPaper& a, const RankedPaper& b) {
    if (a.score != b.score) return a.score > b.score;
    const int da = index.day(a.row), db = index.day(b.row);
    if (da != db) return da > db;
    return a.id > b.id;
  };
  // With a limit, only the best `limit` so far are kept, in a heap whose front is the worst of
  // them: a million candidates cost a comparison each instead of a million stored papers.
  const std::size_t limit = request.limit;
  std::vector<RankedPaper> scored;
  scored.reserve(limit > 0 ? limit : std::min<std::size_t>(candidates.size(), 1 << 16));
  for (Row r : candidates) {
    if (std::ranges::binary_search(p.out, r)) continue;
    if (request.skip != nullptr && request.skip->contains(index.id(r))) continue;
    const auto cols = index.columns(r);
    const auto tfs = index.frequencies(r);
    float taste_sum = 0, author_sum = 0, lexical_sum = 0;
    for (std::size_t k = 0; k < cols.size(); ++k) {
      const Column c = cols[k];
      // Most of a row's columns have no weight: the bit (1 MiB per 8M columns, cache-resident)
      // spares the three tables' cache misses for them.
      if (((weighted[c >> 6] >> (c & 63)) & 1) == 0) continue;
      const float tf = tf_weight(tfs[k]);
      taste_sum += taste_w[c] * tf;
      lexical_sum += lexical_w[c] * tf;
      author_sum += author_w[c];
    }
    if (!p.excludes.empty() &&
        std::ranges::any_of(p.excludes, [&](const auto& x) { return has_all(index, r, x); })) {
      continue;
    }
    if (p.bounded && !in_pool(index, p, r) && !p.authors.followed(index, r) &&
        !p.bm25.matches_any_keyword(index, r)) {
      continue;
    }
    if (ids_followed && author_sum < 1.0f && p.authors.followed_by_id(index, r)) {
      author_sum += 1.0f;
    }
    RankedPaper paper;
    paper.id = index.id(r);
    paper.row = r;
    auto& s = paper.signals;
    if (use_taste) {
      s.taste = TasteModel::normalise(taste_sum * index.inverse_norm(r) + radar.taste().bias());
    }
    if (use_semantic) {
      s.semantic = radar.semantic().combine(lexical_sum * index.inverse_norm(r),
                                            radar.semantic().vector_score(index, r));
    }
    if (use_bm25) s.bm25 = p.bm25.normalise(p.bm25.score(index, r));
    s.authors = p.authors.normalise(author_sum);
    if (use_priors) s.priors = PriorSignal::normalise(p.priors.score(index, r));
    if (w.recency != 0) s.recency = recency(index, r, today, o.recency);
    paper.score = w.taste * s.taste + w.semantic * s.semantic + w.bm25 * s.bm25 +
                  w.authors * s.authors + w.priors * s.priors + w.recency * s.recency;
    if (limit == 0) {
      scored.push_back(std::move(paper));
    } else if (scored.size() < limit) {
      scored.push_back(std::move(paper));
      std::ranges::push_heap(scored, better);
    } else if (better(paper, scored.front())) {
      std::ranges::pop_heap(scored, better);
      scored.back() = std::move(paper);
      std::ranges::push_heap(scored, better);
    }
  }
  ws.clear();
  if (limit == 0) {
    std::ranges::sort(scored, better);
  } else {
    std::ranges::sort_heap(scored, better);
  }
  if (request.explain) {
    for (auto& paper : scored) paper.why = explain(index, radar, p, w, paper);
  }
  return scored;
}

}  // namespace ah::radar
