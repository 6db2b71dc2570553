#include "radar/ranker.h"

#include <algorithm>
#include <cmath>
#include <thread>

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
  std::vector<Row> out;  // seeds and 👎: never in the feed; sorted
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

void Workspace::begin(std::size_t columns) {
  for (std::size_t w : touched_) mask_[w] = 0;
  touched_.clear();
  for (auto& p : pending_) p.clear();
  packed_.clear();
  const std::size_t words = (columns + 63) / 64;
  if (mask_.size() < words) {
    mask_.resize(words, 0);
    rank_.resize(words, 0);
  }
}

void Workspace::seal() {
  constexpr float Weights::*kField[3] = {&Weights::taste, &Weights::author, &Weights::lexical};
  for (auto& p : pending_) {
    if (!std::ranges::is_sorted(p, {}, &std::pair<Column, float>::first)) {
      std::ranges::stable_sort(p, {}, &std::pair<Column, float>::first);
    }
  }
  // A three-way merge in column order: every weighted column gets one packed slot.
  std::size_t at[3] = {0, 0, 0};
  for (;;) {
    Column c = std::numeric_limits<Column>::max();
    bool any = false;
    for (int k = 0; k < 3; ++k) {
      if (at[k] < pending_[k].size()) {
        c = std::min(c, pending_[k][at[k]].first);
        any = true;
      }
    }
    if (!any) break;
    const std::size_t w = c >> 6;
    if (mask_[w] == 0) touched_.push_back(w);
    mask_[w] |= std::uint64_t{1} << (c & 63);
    Weights& slot = packed_.emplace_back();
    for (int k = 0; k < 3; ++k) {
      while (at[k] < pending_[k].size() && pending_[k][at[k]].first == c) {
        slot.*kField[k] = pending_[k][at[k]++].second;  // the last of equal columns stays
      }
    }
  }
  // Words without a bit are never asked for their rank (find() returns before), so only the
  // touched words (in increasing order: columns came in order) need theirs.
  std::uint32_t before = 0;
  for (std::size_t w : touched_) {
    rank_[w] = before;
    before += static_cast<std::uint32_t>(std::popcount(mask_[w]));
  }
  for (auto& p : pending_) p.clear();
}

std::size_t Workspace::memory_bytes() const {
  std::size_t pending = 0;
  for (const auto& p : pending_) pending += p.capacity() * sizeof(p[0]);
  return pending + packed_.capacity() * sizeof(Weights) + mask_.capacity() * sizeof(std::uint64_t) +
         rank_.capacity() * sizeof(std::uint32_t) + touched_.capacity() * sizeof(std::size_t);
}

Result<std::vector<RankedPaper>> rank(const FeatureIndex& index, const Radar& radar,
                                      const RankRequest& request, Workspace* workspace) {
  Workspace local;
  Workspace& ws = workspace != nullptr ? *workspace : local;
  ws.begin(index.columns_count());
  const Prepared p = prepare(index, radar);
  const auto& o = radar.options();
  const SignalWeights& w = request.weights ? *request.weights : o.weights;
  for (const auto& [c, x] : radar.taste().weights()) ws.set_taste(c, x);
  for (const auto& [c, x] : p.authors.column_weights()) ws.set_author(c, x);
  for (const auto& [c, x] : radar.semantic().lexical_weights()) ws.set_lexical(c, x);
  ws.seal();
  const bool use_taste = !radar.taste().empty() && w.taste != 0;
  const bool use_semantic = !radar.semantic().empty() && w.semantic != 0;
  const bool use_bm25 = !p.bm25.empty() && w.bm25 != 0;
  const bool use_priors = !p.priors.empty() && w.priors != 0;
  const bool ids_followed = p.authors.follows_ids();
  // The most the signals computed after the bound in the loop can add: each is at most 1 (the
  // semantic signal's vector part at most its share), plus a margin for rounding.
  const auto at_most = [](double weight, double max) { return std::max(0.0, weight) * max; };
  const double rest_max =
      (use_semantic ? at_most(w.semantic, radar.semantic().vector_share()) : 0.0) +
      (use_bm25 ? at_most(w.bm25, 1) : 0.0) + (use_priors ? at_most(w.priors, 1) : 0.0) +
      at_most(w.recency, 1) + 1e-6;

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
  // Scores one part of the candidates into `scored`: its best `limit` (a heap), or all of them.
  auto score_part = [&](std::span<const Row> part, std::vector<RankedPaper>& scored) {
    scored.reserve(limit > 0 ? limit : std::min<std::size_t>(part.size(), 1 << 16));
    for (Row r : part) {
      if (std::ranges::binary_search(p.out, r)) continue;
      if (request.skip != nullptr && request.skip->contains(index.id(r))) continue;
      const auto cols = index.columns(r);
      const auto tfs = index.frequencies(r);
      float taste_sum = 0, author_sum = 0, lexical_sum = 0;
      for (std::size_t k = 0; k < cols.size(); ++k) {
        // Most of a row's columns have no weight (Workspace::find answers from its bits).
        const Workspace::Weights* cw = ws.find(cols[k]);
        if (cw == nullptr) continue;
        const float tf = tf_weight(tfs[k]);
        taste_sum += cw->taste * tf;
        lexical_sum += cw->lexical * tf;
        author_sum += cw->author;
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
      s.authors = p.authors.normalise(author_sum);
      const float lexical_sum_row = lexical_sum * index.inverse_norm(r);
      // Once `limit` papers are kept, a candidate that cannot beat the worst of them even with
      // every signal still to compute at its maximum is left there (the same answer, less work).
      if (limit > 0 && scored.size() == limit) {
        const double known =
            w.taste * s.taste + w.authors * s.authors +
            (use_semantic ? w.semantic * radar.semantic().combine(lexical_sum_row, 0) : 0.0);
        if (known + rest_max < scored.front().score) continue;
      }
      if (use_semantic) {
        s.semantic =
            radar.semantic().combine(lexical_sum_row, radar.semantic().vector_score(index, r));
      }
      if (use_bm25) s.bm25 = p.bm25.normalise(p.bm25.score(index, r));
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
  };
  std::vector<RankedPaper> scored;
  if (request.threads > 1 && candidates.size() >= std::max<std::size_t>(2, request.parallel_from)) {
    // Two halves, one on a thread of its own: each keeps its own best, and the best of both
    // are the best of all (`better` is a total order, so the answer does not depend on the
    // split). Everything the parts read is const; the workspace was sealed above.
    const std::size_t half = candidates.size() / 2;
    std::vector<RankedPaper> second;
    std::thread other([&] { score_part(candidates.subspan(half), second); });
    score_part(candidates.first(half), scored);
    other.join();
    scored.insert(scored.end(), std::make_move_iterator(second.begin()),
                  std::make_move_iterator(second.end()));
    std::ranges::sort(scored, better);
    if (limit > 0 && scored.size() > limit) scored.resize(limit);
  } else {
    score_part(candidates, scored);
    if (limit == 0) {
      std::ranges::sort(scored, better);
    } else {
      std::ranges::sort_heap(scored, better);
    }
  }
  if (request.explain) {
    for (auto& paper : scored) paper.why = explain(index, radar, p, w, paper);
  }
  return scored;
}

}  // namespace ah::radar
