// Where fields meet. A bridge paper sits in one theme but is nearly as close to another theme
// of a different field: cos(other centroid) >= bridge_ratio * cos(own centroid), and at least
// half the other theme's own coherence (so that a paper that fits nowhere is no bridge). It
// scores the harmonic mean of the two cosines (close to both), times 1.2 when its own
// categories include the other theme's field (the authors cross-listed it there: independent
// evidence). Bridge terms of two such themes are terms both use more than the rest of the set:
// with s_a, s_b the shares of papers using the term in each theme and s_r in the other themes,
// min(s_a, s_b) * ln(min(s_a, s_b) / s_r), two papers on each side at least.
#include <algorithm>
#include <cmath>
#include <map>

#include "brief/analysis_parts.h"

namespace ah::brief::detail {
namespace {

constexpr double kCrossListFactor = 1.2;
constexpr std::size_t kTermsPerPair = 4;

}  // namespace

void find_bridges(std::span<const core::Paper> papers, const Corpus& corpus,
                  const Features& features, const Clustering& clustering,
                  const std::vector<int>& theme_of_cluster, const AnalysisOptions& options,
                  Analysis& analysis) {
  const std::size_t themes = analysis.themes.size();
  if (themes < 2) return;
  auto different_fields = [&](std::size_t a, std::size_t b) {
    return !analysis.themes[a].field.empty() && !analysis.themes[b].field.empty() &&
           analysis.themes[a].field != analysis.themes[b].field;
  };

  // Bridge papers.
  std::vector<BridgePaper> candidates;
  for (std::size_t p = 0; p < papers.size(); ++p) {
    const int own_cluster = clustering.assignment[p];
    const double own = similarity(features.vectors[p], clustering.centroids[own_cluster]);
    if (own <= 0) continue;
    int other_cluster = -1;
    double other = 0;
    for (std::size_t c = 0; c < clustering.centroids.size(); ++c) {
      if (static_cast<int>(c) == own_cluster || theme_of_cluster[c] < 0) continue;
      const double s = similarity(features.vectors[p], clustering.centroids[c]);
      if (s > other) {
        other = s;
        other_cluster = static_cast<int>(c);
      }
    }
    if (other_cluster < 0) continue;
    const std::size_t theme = analysis.theme_of[p];
    const auto other_theme = static_cast<std::size_t>(theme_of_cluster[other_cluster]);
    if (!different_fields(theme, other_theme)) continue;
    const double ratio = std::min(1.0, other / own);
    if (ratio < options.bridge_ratio) continue;
    if (other < 0.5 * analysis.themes[other_theme].coherence) continue;
    BridgePaper bridge;
    bridge.paper = p;
    bridge.theme = theme;
    bridge.other_theme = other_theme;
    const auto& categories = papers[p].categories;
    bridge.cross_listed = std::find(categories.begin(), categories.end(),
                                    analysis.themes[other_theme].field) != categories.end();
    bridge.score = 2 * own * other / (own + other) * (bridge.cross_listed ? kCrossListFactor : 1.0);
    candidates.push_back(bridge);
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const BridgePaper& a, const BridgePaper& b) { return a.score > b.score; });
  std::map<std::pair<std::size_t, std::size_t>, int> papers_per_pair;
  for (const BridgePaper& b : candidates) {
    ++papers_per_pair[{std::min(b.theme, b.other_theme), std::max(b.theme, b.other_theme)}];
  }
  if (candidates.size() > options.max_bridges) candidates.resize(options.max_bridges);
  analysis.bridge_papers = std::move(candidates);

  // Bridge terms, for every pair of themes of different fields.
  std::vector<std::map<int, int>> df(themes);  // per theme: term -> papers using it
  for (std::size_t p = 0; p < papers.size(); ++p) {
    for (const auto& [term, count] : corpus.current[p]) {
      if (term < static_cast<int>(features.dimension_of.size()) &&
          features.dimension_of[term] >= 0) {
        ++df[analysis.theme_of[p]][term];
      }
    }
  }
  std::vector<std::pair<double, BridgeTerms>> pairs;  // (best shared score, pair)
  for (std::size_t a = 0; a < themes; ++a) {
    for (std::size_t b = a + 1; b < themes; ++b) {
      if (!different_fields(a, b)) continue;
      const double size_a = static_cast<double>(analysis.themes[a].papers.size());
      const double size_b = static_cast<double>(analysis.themes[b].papers.size());
      const double size_rest = static_cast<double>(papers.size()) - size_a - size_b;
      std::vector<std::pair<double, int>> shared;
      for (const auto& [term, in_a] : df[a]) {
        auto it = df[b].find(term);
        if (it == df[b].end() || in_a < 2 || it->second < 2) continue;
        const double share = std::min(in_a / size_a, it->second / size_b);
        const double rest = (corpus.df[term] - in_a - it->second + 1.0) / (size_rest + 1.0);
        const double lift = std::log(share / rest);
        if (lift <= 0) continue;
        shared.emplace_back(share * lift, term);
      }
      if (shared.empty()) continue;
      std::sort(shared.begin(), shared.end(), [](const auto& x, const auto& y) {
        return x.first != y.first ? x.first > y.first : x.second < y.second;
      });
      BridgeTerms pair;
      pair.theme = a;
      pair.other_theme = b;
      std::vector<int> ranked;
      for (const auto& [score, term] : shared) ranked.push_back(term);
      pair.terms = choose_phrases(corpus.table, ranked, kTermsPerPair);
      if (auto it = papers_per_pair.find({a, b}); it != papers_per_pair.end()) {
        pair.papers = it->second;
      }
      pairs.emplace_back(shared.front().first, std::move(pair));
    }
  }
  // Most bridge papers first; then the pair that shares most.
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) {
    if (x.second.papers != y.second.papers) return x.second.papers > y.second.papers;
    return x.first > y.first;
  });
  for (auto& [score, pair] : pairs) {
    if (analysis.bridge_terms.size() >= options.max_bridge_pairs) break;
    analysis.bridge_terms.push_back(std::move(pair));
  }
}

}  // namespace ah::brief::detail
