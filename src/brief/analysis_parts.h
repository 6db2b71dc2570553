// What the parts of the analysis (analysis.cpp, bridges.cpp, rising.cpp, notable.cpp) share;
// not for use outside src/brief. Thread-compatible, like TermTable.
#pragma once

#include <span>
#include <utility>
#include <vector>

#include "brief/analysis.h"
#include "brief/clustering.h"
#include "brief/terms.h"

namespace ah::brief::detail {

// (term, count) sorted by term.
using TermCounts = std::vector<std::pair<int, int>>;

// The words of the set and of the previous period, in one table of terms.
struct Corpus {
  TermTable table;
  std::vector<TermCounts> current;   // per paper of the set
  std::vector<TermCounts> previous;  // per paper of the previous period
  std::vector<int> df;               // per term: papers of the set that use it
};

// A paper's terms: its title's counted twice (a title names its subject more densely than an
// abstract), its abstract's once.
TermCounts count_terms(TermTable& table, const core::Paper& paper);

// The clustering's vectors: terms used by at least 2 papers (1 in sets under 20) and at most
// half of them, weighted (1 + ln tf) * ln(N / df) and scaled to unit length.
struct Features {
  std::vector<SparseVector> vectors;  // per paper of the set
  std::vector<int> dimension_of;      // per term, its dimension or -1
  std::vector<double> idf;            // per dimension
  std::size_t dimensions = 0;
};
Features make_features(const Corpus& corpus);
// A paper's vector over the same dimensions (for papers of the previous period).
SparseVector vector_of(const TermCounts& counts, const Features& features);

void find_bridges(std::span<const core::Paper> papers, const Corpus& corpus,
                  const Features& features, const Clustering& clustering,
                  const std::vector<int>& theme_of_cluster, const AnalysisOptions& options,
                  Analysis& analysis);

void find_rising(const Corpus& corpus, const Features& features, const Clustering& clustering,
                 const std::vector<int>& theme_of_cluster, const AnalysisOptions& options,
                 Analysis& analysis);

std::vector<NotablePaper> find_notable(std::span<const core::Paper> papers,
                                       const NotableInputs& inputs);

}  // namespace ah::brief::detail
