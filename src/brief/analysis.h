// The analysis of a set of papers, with no language model: themes (clusters of the papers by
// their words, each with distinctive label terms, its categories, venues and sources), bridges
// (papers and terms where themes of different fields meet), what is rising against a previous
// period, and notable papers (followed authors, a radar's top, published versions, retractions).
// Deterministic: the same papers and options give the same analysis. It renders alone as a
// briefing (render.h) and is the scaffold the LLM writes from (prompts.h). Pure; thread-safe
// (each call keeps its state to itself).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "brief/clustering.h"
#include "core/paper.h"

namespace ah::brief {

struct Count {
  std::string name;
  int count = 0;
  bool operator==(const Count&) const = default;
};

struct Theme {
  std::vector<std::string> terms;   // label terms, most distinctive first (at most 5)
  std::string label;                // the first three terms joined with ", "
  std::vector<std::size_t> papers;  // indices into the set, most central first
  std::vector<Count> categories;    // categories of its papers (cross-lists too), most first
  std::vector<Count> venues;        // venues (journals, servers), most first; arXiv has none
  std::vector<Count> sources;       // core::source::* of its papers, most first
  // The theme's field: its most frequent primary category, else venue, else source. Bridges
  // join themes whose fields differ.
  std::string field;
  double coherence = 0;  // mean cosine of its papers to its centroid, 0..1
};

// A paper whose words put it between two themes of different fields.
struct BridgePaper {
  std::size_t paper = 0;
  std::size_t theme = 0;        // its own theme
  std::size_t other_theme = 0;  // the theme it also reaches
  double score = 0;             // harmonic mean of the cosines to both centroids (x 1.2 when
                                // cross-listed in the other theme's field); bridges.cpp
  bool cross_listed = false;    // its own categories include the other theme's field
};

// Terms two themes of different fields share.
struct BridgeTerms {
  std::size_t theme = 0, other_theme = 0;
  std::vector<std::string> terms;  // most shared first
  int papers = 0;                  // bridge papers between the two themes
};

struct RisingTerm {
  std::string term;
  int now = 0;     // papers of the set that use it
  int before = 0;  // papers of the previous period that use it
  double z = 0;    // log-odds z-score, Monroe et al. 2008 (rising.h)
};

struct RisingTheme {
  std::size_t theme = 0;
  int now = 0;     // its papers
  int before = 0;  // papers of the previous period nearest to it
  double z = 0;
};

enum class NotableKind {
  followed_author,  // a followed author wrote it
  radar_top,        // among the radar's best scored
  published,        // a preprint with a published version (journal, proceedings)
  retracted,
  withdrawn,
  corrected,
  concern,  // an expression of concern
};

struct NotablePaper {
  std::size_t paper = 0;
  NotableKind kind = NotableKind::followed_author;
  std::string detail;  // the author followed, the venue, the radar's reason; may be empty
  double score = 0;    // the radar's score (radar_top)
};

// Scores a radar gave some papers of the set (by index into the set).
struct RadarScore {
  std::size_t paper = 0;
  double score = 0;
  std::string reason;  // the radar's own words, shown beside the paper; may be empty
};

struct NotableInputs {
  // Names as the user wrote them: "Yoshua Bengio", "Bengio, Yoshua", "Y. Bengio" (an initial
  // matches any given name starting with it). Compared case-insensitively.
  std::vector<std::string> followed_authors;
  std::vector<RadarScore> radar;
  std::size_t radar_top = 5;  // how many of the radar's best are notable
};

struct AnalysisOptions {
  ClusteringOptions clustering;
  std::size_t key_papers = 3;   // most central papers named per theme
  std::size_t max_bridges = 8;  // bridge papers kept
  std::size_t max_bridge_pairs = 5;
  double bridge_ratio = 0.75;   // cos(other) / cos(own) at least this for a bridge paper
  std::size_t max_rising = 10;  // rising terms kept
  int min_rising_count = 3;     // papers of the set a rising term needs at least
  double rising_z = 1.96;       // z at least this (95% one-sided: 1.645; two-sided 1.96)
};

struct Analysis {
  std::size_t paper_count = 0;
  std::size_t previous_count = 0;          // papers of the previous period; 0 when none was given
  std::vector<Theme> themes;               // largest first
  std::vector<std::size_t> theme_of;       // per paper, its theme
  std::vector<BridgePaper> bridge_papers;  // best first
  std::vector<BridgeTerms> bridge_terms;   // most connected pair first
  std::vector<RisingTerm> rising_terms;    // highest z first
  std::vector<RisingTheme> rising_themes;  // highest z first
  std::vector<NotablePaper> notable;       // by kind, then in the set's order (radar: by score)
  std::vector<Count> categories;           // over the whole set, most first
  std::vector<Count> sources;
  std::string first_date, last_date;  // "YYYY-MM-DD" range of the papers' dates
  // How the themes were found: each k tried with its silhouette, the one chosen, and what the
  // size rules changed.
  std::vector<std::pair<int, double>> k_scores;
  int chosen_k = 0;
  int dissolved = 0;
  int splits = 0;
};

// Analyses `papers` (the set, in the order its [n] numbers follow), against `previous` (the
// previous period of the same radar or category; empty for none: no rising terms or themes).
Analysis analyse(std::span<const core::Paper> papers, std::span<const core::Paper> previous,
                 const AnalysisOptions& options = {}, const NotableInputs& notable = {});

// The date a paper is placed at: announced, else published, else updated ("YYYY-MM-DD" or "").
std::string paper_date(const core::Paper& paper);
// The title to show: the display form, else as published.
const std::string& paper_title(const core::Paper& paper);
// The id a briefing names a paper by: its arXiv id, else its DOI, else "ah:<paper_id>", else
// its source id.
std::string paper_ref(const core::Paper& paper);

}  // namespace ah::brief
