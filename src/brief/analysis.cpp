// The analysis's main line: words -> vectors -> themes -> labels and fields; bridges, rising
// terms and notable papers are in their own files.
#include "brief/analysis.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "brief/analysis_parts.h"
#include "brief/rising.h"

namespace ah::brief {
namespace detail {

TermCounts count_terms(TermTable& table, const core::Paper& paper) {
  std::vector<int> ids;
  const std::string& title = paper_title(paper);
  table.add_terms(title, ids);
  const std::size_t title_terms = ids.size();
  ids.insert(ids.end(), ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(title_terms));
  table.add_terms(paper.abstract_display.empty() ? paper.abstract : paper.abstract_display, ids);
  std::sort(ids.begin(), ids.end());
  TermCounts counts;
  for (int id : ids) {
    if (!counts.empty() && counts.back().first == id) {
      ++counts.back().second;
    } else {
      counts.emplace_back(id, 1);
    }
  }
  return counts;
}

Features make_features(const Corpus& corpus) {
  Features f;
  const std::size_t n = corpus.current.size();
  const int min_df = n >= 20 ? 2 : 1;
  const int max_df = std::max(min_df, static_cast<int>(n / 2));
  f.dimension_of.assign(corpus.df.size(), -1);
  for (std::size_t t = 0; t < corpus.df.size(); ++t) {
    const int df = corpus.df[t];
    if (df < min_df || df > max_df) continue;
    f.dimension_of[t] = static_cast<int>(f.dimensions++);
    f.idf.push_back(std::log(static_cast<double>(n) / df));
  }
  f.vectors.reserve(n);
  for (const TermCounts& counts : corpus.current) f.vectors.push_back(vector_of(counts, f));
  return f;
}

SparseVector vector_of(const TermCounts& counts, const Features& features) {
  SparseVector v;
  double norm = 0;
  for (const auto& [term, tf] : counts) {
    if (term >= static_cast<int>(features.dimension_of.size())) continue;  // unseen in the set
    const int d = features.dimension_of[term];
    if (d < 0) continue;
    const double w = (1.0 + std::log(static_cast<double>(tf))) * features.idf[d];
    v.emplace_back(d, static_cast<float>(w));
    norm += w * w;
  }
  if (norm > 0) {
    const double scale = 1.0 / std::sqrt(norm);
    for (auto& [d, w] : v) w = static_cast<float>(w * scale);
  }
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace detail

namespace {

using detail::Corpus;
using detail::TermCounts;

constexpr std::size_t kLabelTerms = 5;
constexpr std::size_t kLabelCandidates = 40;  // ranked terms choose_phrases looks at

std::vector<Count> sorted_counts(const std::map<std::string, int>& counts) {
  std::vector<Count> out;
  for (const auto& [name, count] : counts) out.push_back({name, count});
  std::stable_sort(out.begin(), out.end(),
                   [](const Count& a, const Count& b) { return a.count > b.count; });
  return out;
}

// Label terms: the terms most distinctive of a theme against the rest of the set, by the
// log-odds z-score with an informative Dirichlet prior (rising.h, Monroe et al. 2008) over the
// papers that use each term, in the theme and outside it. It ranks a term up for being frequent
// in the theme and for being rare elsewhere, which class-based TF-IDF (BERTopic's c-TF-IDF) does
// too but weighs towards words every theme uses ("models", "image"). A term must be used by two
// papers of the theme and by a twelfth of them (one in themes of fewer than 4), so that a few
// papers' pet words do not label a theme of many. Pairs of words join into phrases (terms.h,
// choose_phrases).
int label_min_df(std::size_t theme_size) {
  if (theme_size < 4) return 1;
  return std::max(2, static_cast<int>((theme_size + 11) / 12));
}

void label_themes(const Corpus& corpus, const std::vector<std::vector<std::size_t>>& members,
                  std::vector<Theme>& themes) {
  const std::size_t k = members.size();
  // Only terms two papers of the set use can pass the per-theme rule (in sets of 4 or more).
  const int min_set_df = corpus.current.size() >= 4 ? 2 : 1;
  std::vector<int> slot(corpus.df.size(), -1);
  std::vector<int> term_of_slot;
  for (std::size_t t = 0; t < corpus.df.size(); ++t) {
    if (corpus.df[t] >= min_set_df) {
      slot[t] = static_cast<int>(term_of_slot.size());
      term_of_slot.push_back(static_cast<int>(t));
    }
  }
  const std::size_t slots = term_of_slot.size();
  std::vector<std::vector<int>> df(k, std::vector<int>(slots, 0));
  std::vector<double> used(k, 0.0);  // per theme: the sum of its terms' paper counts
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t p : members[c]) {
      for (const auto& [t, count] : corpus.current[p]) {
        const int s = slot[t];
        if (s < 0) continue;
        df[c][s] += 1;
        used[c] += 1;
      }
    }
  }
  const double all_used = std::accumulate(used.begin(), used.end(), 0.0);
  const TermTable& table = corpus.table;
  for (std::size_t c = 0; c < k; ++c) {
    const int min_df = label_min_df(members[c].size());
    const double rest_used = all_used - used[c];
    std::vector<std::pair<double, int>> scored;
    for (std::size_t s = 0; s < slots; ++s) {
      const int in = df[c][s];
      if (in < min_df) continue;
      const int t = term_of_slot[s];
      const double out = corpus.df[t] - in;
      const double a = kPriorWeight * corpus.df[t];
      const double z = rest_used > 0
                           ? log_odds_z(in, used[c], out, rest_used, a, kPriorWeight * all_used)
                           : static_cast<double>(in);
      scored.emplace_back(z, t);
    }
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<int> ranked;
    for (const auto& [score, t] : scored) {
      if (ranked.size() >= kLabelCandidates) break;
      ranked.push_back(t);
    }
    themes[c].terms = choose_phrases(table, ranked, kLabelTerms);
    std::string label;
    for (std::size_t i = 0; i < themes[c].terms.size() && i < 3; ++i) {
      if (i > 0) label += ", ";
      label += themes[c].terms[i];
    }
    themes[c].label = label;
  }
}

// Categories, venues, sources and the field of each theme.
void describe_themes(std::span<const core::Paper> papers,
                     const std::vector<std::vector<std::size_t>>& members,
                     std::vector<Theme>& themes) {
  for (std::size_t c = 0; c < members.size(); ++c) {
    std::map<std::string, int> categories, primaries, venues, sources;
    for (std::size_t p : members[c]) {
      const core::Paper& paper = papers[p];
      for (const std::string& category : paper.categories) ++categories[category];
      if (!paper.categories.empty()) ++primaries[paper.categories.front()];
      if (!paper.venue.empty()) ++venues[paper.venue];
      if (!paper.source.empty()) ++sources[paper.source];
    }
    Theme& theme = themes[c];
    theme.categories = sorted_counts(categories);
    theme.venues = sorted_counts(venues);
    theme.sources = sorted_counts(sources);
    if (!primaries.empty()) {
      theme.field = sorted_counts(primaries).front().name;
    } else if (!theme.venues.empty()) {
      theme.field = theme.venues.front().name;
    } else if (!theme.sources.empty()) {
      theme.field = theme.sources.front().name;
    }
  }
}

}  // namespace

std::string paper_date(const core::Paper& paper) {
  for (const std::string* date : {&paper.announced, &paper.published, &paper.updated}) {
    if (date->size() >= 10) return date->substr(0, 10);
  }
  return {};
}

const std::string& paper_title(const core::Paper& paper) {
  return paper.title_display.empty() ? paper.title : paper.title_display;
}

std::string paper_ref(const core::Paper& paper) {
  if (!paper.arxiv_id.empty()) return paper.arxiv_id;
  if (!paper.doi.empty()) return paper.doi;
  if (paper.paper_id > 0) return "ah:" + std::to_string(paper.paper_id);
  return paper.source_id;
}

Analysis analyse(std::span<const core::Paper> papers, std::span<const core::Paper> previous,
                 const AnalysisOptions& options, const NotableInputs& notable) {
  Analysis analysis;
  analysis.paper_count = papers.size();
  analysis.previous_count = previous.size();
  if (papers.empty()) return analysis;

  Corpus corpus;
  corpus.current.reserve(papers.size());
  for (const core::Paper& paper : papers) {
    corpus.current.push_back(detail::count_terms(corpus.table, paper));
  }
  corpus.df.assign(corpus.table.size(), 0);
  for (const TermCounts& counts : corpus.current) {
    for (const auto& [t, c] : counts) ++corpus.df[t];
  }
  for (const core::Paper& paper : previous) {
    corpus.previous.push_back(detail::count_terms(corpus.table, paper));
  }

  const detail::Features features = detail::make_features(corpus);
  const Clustering clustering = cluster(features.vectors, features.dimensions, options.clustering);
  analysis.k_scores = clustering.scores;
  analysis.chosen_k = clustering.chosen_k;
  analysis.dissolved = clustering.dissolved;
  analysis.splits = clustering.splits;

  // Themes largest first (ties: the one whose first paper comes first); papers most central first.
  const std::size_t k = clustering.centroids.size();
  std::vector<std::vector<std::size_t>> by_cluster(k);
  for (std::size_t p = 0; p < papers.size(); ++p) by_cluster[clustering.assignment[p]].push_back(p);
  std::vector<int> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    if (by_cluster[a].size() != by_cluster[b].size()) {
      return by_cluster[a].size() > by_cluster[b].size();
    }
    return by_cluster[a].front() < by_cluster[b].front();
  });
  order.erase(
      std::remove_if(order.begin(), order.end(), [&](int c) { return by_cluster[c].empty(); }),
      order.end());
  std::vector<int> theme_of_cluster(k, -1);
  std::vector<std::vector<std::size_t>> members;
  analysis.themes.resize(order.size());
  for (std::size_t t = 0; t < order.size(); ++t) {
    const int c = order[t];
    theme_of_cluster[c] = static_cast<int>(t);
    std::vector<std::pair<double, std::size_t>> central;
    double sum = 0;
    for (std::size_t p : by_cluster[c]) {
      const double s = similarity(features.vectors[p], clustering.centroids[c]);
      central.emplace_back(s, p);
      sum += s;
    }
    std::stable_sort(central.begin(), central.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [s, p] : central) analysis.themes[t].papers.push_back(p);
    analysis.themes[t].coherence = sum / static_cast<double>(central.size());
    members.push_back(analysis.themes[t].papers);
  }
  analysis.theme_of.assign(papers.size(), 0);
  for (std::size_t t = 0; t < members.size(); ++t) {
    for (std::size_t p : members[t]) analysis.theme_of[p] = t;
  }

  label_themes(corpus, members, analysis.themes);
  describe_themes(papers, members, analysis.themes);

  std::map<std::string, int> categories, sources;
  for (const core::Paper& paper : papers) {
    for (const std::string& c : paper.categories) ++categories[c];
    if (!paper.source.empty()) ++sources[paper.source];
    const std::string date = paper_date(paper);
    if (date.empty()) continue;
    if (analysis.first_date.empty() || date < analysis.first_date) analysis.first_date = date;
    if (date > analysis.last_date) analysis.last_date = date;
  }
  analysis.categories = sorted_counts(categories);
  analysis.sources = sorted_counts(sources);

  detail::find_bridges(papers, corpus, features, clustering, theme_of_cluster, options, analysis);
  if (!previous.empty()) {
    detail::find_rising(corpus, features, clustering, theme_of_cluster, options, analysis);
  }
  analysis.notable = detail::find_notable(papers, notable);
  return analysis;
}

}  // namespace ah::brief
