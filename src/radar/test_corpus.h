// Test helpers: tiny hand-made corpora for the radar's unit tests. Test-only.
#pragma once

#include <string>
#include <vector>

#include "core/paper.h"
#include "radar/feature_index.h"

namespace ah::radar::testing {

struct Spec {
  std::string title;
  std::string abstract;
  std::vector<std::string> authors;
  std::vector<std::string> categories = {"cs.LG"};
  std::string day = "2026-06-01";
  std::string orcid_of_first;  // ORCID of the first author, when set
  std::string venue;
};

inline core::Paper make_paper(const Spec& s) {
  core::Paper p;
  p.title = s.title;
  p.abstract = s.abstract;
  for (const auto& a : s.authors) p.authors.push_back(core::Author{a});
  if (!s.orcid_of_first.empty() && !p.authors.empty()) p.authors[0].orcid = s.orcid_of_first;
  p.categories = s.categories;
  p.announced = s.day;
  p.venue = s.venue;
  p.source = core::source::kArxivDaily;
  core::finalize(p);
  return p;
}

// The options make_index builds with. Word vectors off unless asked: fastText on a dozen lines
// learns noise, and tests that need vectors say so.
inline IndexOptions test_options(bool vectors = false) {
  IndexOptions o;
  o.vectors.enabled = vectors;
  o.vectors.min_count = 1;
  o.vectors.epochs = 50;
  o.vectors.dim = 16;
  o.phrase_min_df = 1;
  return o;
}

// Builds an index of `specs` with ids 1..n (id = position + 1), with test_options(vectors).
inline FeatureIndex make_index(const std::vector<Spec>& specs, bool vectors = false) {
  std::vector<core::Paper> papers;
  std::vector<PaperId> ids;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    papers.push_back(make_paper(specs[i]));
    ids.push_back(static_cast<PaperId>(i + 1));
  }
  auto index = FeatureIndex::build({ids, papers}, test_options(vectors));
  if (!index) throw std::runtime_error(index.error().message);
  return std::move(*index);
}

}  // namespace ah::radar::testing
