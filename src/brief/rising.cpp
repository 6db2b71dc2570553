// Rising terms and themes against the previous period (rising.h has the formula). A theme's
// count before is the number of previous papers whose nearest centroid is the theme's (at a
// cosine of at least kMinSimilarity; the others fit no theme of today).
#include "brief/rising.h"

#include <algorithm>
#include <cmath>

#include "brief/analysis_parts.h"

namespace ah::brief {

double log_odds_z(double y_now, double n_now, double y_before, double n_before, double a,
                  double a0) {
  const double now = std::log((y_now + a) / (n_now + a0 - y_now - a));
  const double before = std::log((y_before + a) / (n_before + a0 - y_before - a));
  const double variance = 1.0 / (y_now + a) + 1.0 / (y_before + a);
  return (now - before) / std::sqrt(variance);
}

namespace detail {
namespace {

constexpr double kMinSimilarity = 0.05;

}  // namespace

void find_rising(const Corpus& corpus, const Features& features, const Clustering& clustering,
                 const std::vector<int>& theme_of_cluster, const AnalysisOptions& options,
                 Analysis& analysis) {
  // Terms: papers using each, now and before. Only single stems and pairs the set uses.
  const std::size_t terms = corpus.table.size();
  std::vector<int> before(terms, 0);
  for (const TermCounts& counts : corpus.previous) {
    for (const auto& [t, c] : counts) ++before[t];
  }
  double n_now = 0, n_before = 0;
  for (std::size_t t = 0; t < terms; ++t) {
    n_now += t < corpus.df.size() ? corpus.df[t] : 0;
    n_before += before[t];
  }
  struct Candidate {
    int term;
    int now, before;
    double z;
  };
  std::vector<Candidate> rising;
  if (n_now > 0 && n_before > 0) {
    for (std::size_t t = 0; t < corpus.df.size(); ++t) {
      const int now = corpus.df[t];
      if (now < options.min_rising_count) continue;
      const double a = kPriorWeight * (now + before[t]);
      const double a0 = kPriorWeight * (n_now + n_before);
      const double z = log_odds_z(now, n_now, before[t], n_before, a, a0);
      if (z < options.rising_z) continue;
      rising.push_back({static_cast<int>(t), now, before[t], z});
    }
  }
  std::sort(rising.begin(), rising.end(), [](const Candidate& x, const Candidate& y) {
    return x.z != y.z ? x.z > y.z : x.term < y.term;
  });
  // The best, as phrases (a single term inside a kept pair is left out; its counts are the
  // phrase's first term's).
  std::vector<int> ranked;
  for (const Candidate& r : rising) ranked.push_back(r.term);
  const std::vector<std::string> phrases = choose_phrases(corpus.table, ranked, options.max_rising);
  // Each phrase takes the counts of the best-ranked term that shows in it.
  std::vector<bool> used(rising.size(), false);
  for (const std::string& phrase : phrases) {
    for (std::size_t i = 0; i < rising.size(); ++i) {
      if (used[i]) continue;
      const std::string shown = corpus.table.display(rising[i].term);
      if (phrase.find(shown) == std::string::npos) continue;
      used[i] = true;
      analysis.rising_terms.push_back({phrase, rising[i].now, rising[i].before, rising[i].z});
      break;
    }
  }

  // Themes: the previous papers placed at their nearest theme.
  const std::size_t themes = analysis.themes.size();
  std::vector<int> placed(themes, 0);
  for (const TermCounts& counts : corpus.previous) {
    const SparseVector v = vector_of(counts, features);
    int best = -1;
    double best_sim = kMinSimilarity;
    for (std::size_t c = 0; c < clustering.centroids.size(); ++c) {
      if (theme_of_cluster[c] < 0) continue;
      const double s = similarity(v, clustering.centroids[c]);
      if (s > best_sim) {
        best_sim = s;
        best = theme_of_cluster[c];
      }
    }
    if (best >= 0) ++placed[best];
  }
  const auto n_set = static_cast<double>(analysis.paper_count);
  const auto n_previous = static_cast<double>(corpus.previous.size());
  for (std::size_t t = 0; t < themes; ++t) {
    const int now = static_cast<int>(analysis.themes[t].papers.size());
    const double a = kPriorWeight * (now + placed[t]);
    if (a <= 0) continue;
    const double z =
        log_odds_z(now, n_set, placed[t], n_previous, a, kPriorWeight * (n_set + n_previous));
    if (z >= options.rising_z) analysis.rising_themes.push_back({t, now, placed[t], z});
  }
  std::stable_sort(analysis.rising_themes.begin(), analysis.rising_themes.end(),
                   [](const RisingTheme& x, const RisingTheme& y) { return x.z > y.z; });
}

}  // namespace detail
}  // namespace ah::brief
