#include "radar/ranker.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <functional>
#include <thread>

#include "core/calendar.h"
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
  AuthorSignal own_authors;  // when the radar's are not current (Radar::authors)
  const AuthorSignal* authors_ptr = nullptr;
  const AuthorSignal& authors() const { return *authors_ptr; }
  Prepared() = default;
  Prepared(const Prepared&) = delete;  // authors_ptr may point at own_authors
  Prepared& operator=(const Prepared&) = delete;
  PriorSignal priors;
  std::vector<std::vector<Column>> excludes;
  std::vector<Facet> pool;  // sorted
  bool bounded = false;
  std::vector<Row> out;  // seeds and 👎: never in the feed; sorted
};

void prepare(const FeatureIndex& index, const Radar& radar, Prepared& p) {
  const auto& profile = radar.profile();
  const auto& options = radar.options();
  p.bm25 = Bm25Signal::prepare(index, profile.description, profile.keywords, options.bm25);
  p.authors_ptr = radar.authors(index);
  if (p.authors_ptr == nullptr) {
    p.own_authors = AuthorSignal::prepare(index, profile, radar.positives(), options.authors);
    p.authors_ptr = &p.own_authors;
  }
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
}

// Runs fn(chunk, worker) for chunk 0..chunks-1 on `workers` threads (this one among them), each
// taking the next chunk in turn: a worker the machine holds back leaves its chunks to the others,
// so a ranking waits for one chunk at most, where with fixed halves it waited for a whole half
// (on this 2-core VM, 1 ranking in 25 took twice its time). `fn` must be safe to run
// concurrently for different chunks.
template <typename Fn>
void in_turn(std::size_t workers, std::size_t chunks, const Fn& fn) {
  workers = std::min(workers, chunks);
  if (workers <= 1) {
    for (std::size_t c = 0; c < chunks; ++c) fn(c, std::size_t{0});
    return;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&](std::size_t worker) {
    for (std::size_t c = next++; c < chunks; c = next++) fn(c, worker);
  };
  std::vector<std::thread> others;
  for (std::size_t k = 1; k < workers; ++k) others.emplace_back(work, k);
  work(0);
  for (auto& t : others) t.join();
}

bool in_pool(const FeatureIndex& index, const Prepared& p, Row row) {
  for (Facet f : index.facets(row)) {
    if (std::ranges::binary_search(p.pool, f)) return true;
  }
  return false;
}

std::vector<Why> explain(const FeatureIndex& index, const Radar& radar, const Prepared& p,
                         const ColumnTable& table, const SignalWeights& w,
                         const RankedPaper& paper) {
  const Row row = paper.row;
  std::vector<std::pair<double, Why>> reasons;  // (contribution, reason)
  const auto& s = paper.signals;
  if (auto names = p.authors().followed_names(index, row); !names.empty()) {
    reasons.push_back({w.authors * s.authors + 1e3, Why{WhyKind::followed_author, names}});
  } else if (auto seed = p.authors().seed_authors(index, row); !seed.empty()) {
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
    auto terms = radar.taste().top_terms(index, row, kMaxTerms + 2, table);
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
    const std::chrono::sys_days day(std::chrono::days(index.day(row)));
    reasons.push_back({w.recency * s.recency, Why{WhyKind::recent, {core::day_text(day)}}});
  }
  std::ranges::stable_sort(reasons, [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<Why> out;
  for (auto& r : reasons) out.push_back(std::move(r.second));
  return out;
}

}  // namespace

Result<std::vector<RankedPaper>> rank(const FeatureIndex& index, const Radar& radar,
                                      const RankRequest& request) {
  Prepared p;
  prepare(index, radar, p);
  ColumnTable grown;
  const ColumnTable* table = radar.table(index);
  if (table == nullptr) {
    fill_table(index, radar, p.authors(), grown);
    table = &grown;
  }
  const auto& o = radar.options();
  const SignalWeights& w = request.weights ? *request.weights : o.weights;
  const bool use_taste = !radar.taste().empty() && w.taste != 0;
  const bool use_semantic = !radar.semantic().empty() && w.semantic != 0;
  const bool use_bm25 = !p.bm25.empty() && w.bm25 != 0;
  const bool use_priors = !p.priors.empty() && w.priors != 0;
  const bool ids_followed = p.authors().follows_ids();
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
  const bool parallel =
      request.threads > 1 && candidates.size() >= std::max<std::size_t>(2, request.parallel_from);
  const std::size_t workers = parallel ? static_cast<std::size_t>(std::min(request.threads, 8)) : 1;
  // With many candidates that fill most of a span of rows the posting window holds (the last
  // days' papers), their sums come from the postings at once, the table's parts taken in turn
  // by the workers (the same sums however many threads: column_table.h); other rows are summed
  // one by one while scoring.
  std::vector<ColumnTable::Sums> summed;
  Row summed_first = 0;
  if (candidates.size() >= std::max<std::size_t>(1, request.sum_by_columns_from)) {
    const auto [lo, hi] = std::ranges::minmax(candidates);
    const Postings& postings = index.postings();
    summed_first = std::max(lo, postings.first());
    const Row last = std::min(hi + 1, postings.last());
    if (summed_first < last && last - summed_first <= 2 * candidates.size()) {
      std::array<std::vector<ColumnTable::Sums>, ColumnTable::kParts> parts;
      std::atomic<bool> walked{true};
      in_turn(workers, ColumnTable::kParts, [&](std::size_t part, std::size_t) {
        parts[part].resize(last - summed_first);
        if (!table->sum_part(postings, summed_first, last, part, parts[part])) walked = false;
      });
      if (walked) {
        summed.resize(last - summed_first);
        ColumnTable::add_parts(parts, summed);
      }
    }
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
      ColumnTable::Sums sums;
      if (r - summed_first < summed.size()) {  // unsigned: false below summed_first too
        sums = summed[r - summed_first];
      } else {
        table->sum_row(index.columns(r), index.frequencies(r), sums);
      }
      const float taste_sum = sums.taste, lexical_sum = sums.lexical;
      float author_sum = sums.author;
      if (!p.excludes.empty() &&
          std::ranges::any_of(p.excludes, [&](const auto& x) { return has_all(index, r, x); })) {
        continue;
      }
      if (p.bounded && !in_pool(index, p, r) && !p.authors().followed(index, r) &&
          !p.bm25.matches_any_keyword(index, r)) {
        continue;
      }
      if (ids_followed && author_sum < 1.0f && p.authors().followed_by_id(index, r)) {
        author_sum += 1.0f;
      }
      RankedPaper paper;
      paper.id = index.id(r);
      paper.row = r;
      auto& s = paper.signals;
      if (use_taste) {
        s.taste = TasteModel::normalise(taste_sum * index.inverse_norm(r) + radar.taste().bias());
      }
      s.authors = p.authors().normalise(author_sum);
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
  if (parallel) {
    // The candidates in chunks taken in turn (in_turn): each worker keeps its own best, and the
    // best of all of them are the best of all (`better` is a total order, so the answer does
    // not depend on who scored what). Everything the workers read is const.
    const std::size_t chunks = std::min(workers * 8, candidates.size());
    const std::size_t chunk_size = (candidates.size() + chunks - 1) / chunks;
    std::vector<std::vector<RankedPaper>> parts(workers);
    in_turn(workers, chunks, [&](std::size_t c, std::size_t worker) {
      const std::size_t from = c * chunk_size;
      if (from >= candidates.size()) return;
      score_part(candidates.subspan(from, std::min(chunk_size, candidates.size() - from)),
                 parts[worker]);
    });
    scored = std::move(parts[0]);
    for (std::size_t k = 1; k < workers; ++k) {
      scored.insert(scored.end(), std::make_move_iterator(parts[k].begin()),
                    std::make_move_iterator(parts[k].end()));
    }
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
    for (auto& paper : scored) paper.why = explain(index, radar, p, *table, w, paper);
  }
  return scored;
}

}  // namespace ah::radar
