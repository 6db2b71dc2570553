// Test helpers: a small corpus of four topics for the radar service's and API's tests (ten papers
// each over ten January days; each topic's papers share two authors). Test-only.
#pragma once

#include <fmt/format.h>

#include <vector>

#include "core/paper.h"

namespace ah::radarsvc::testing {

struct Topic {
  const char* title;
  const char* abstract;
  const char* category;
};

inline constexpr Topic kTopics[] = {
    {"Sparse attention for long documents",
     "We prune attention heads of transformers with learned sparsity masks and evaluate long "
     "context language modelling.",
     "cs.CL"},
    {"Protein structure prediction with diffusion",
     "A diffusion model predicts protein backbone structure from sequence and improves folding "
     "accuracy on benchmark proteins.",
     "q-bio.BM"},
    {"Graph neural networks for molecules",
     "Message passing graph neural networks predict molecular properties; we study "
     "oversmoothing in deep graph networks.",
     "cs.LG"},
    {"Quantum error correction with surface codes",
     "Surface code decoders for quantum error correction; we benchmark decoding thresholds of "
     "logical qubits.",
     "quant-ph"},
};

// Paper `n` (0..9) of topic `topic` (0..3): arXiv id 2401.00TNN, announced 2024-01-(10 + n % 10);
// paper 7 of each topic reports "a negative result".
inline core::Paper topic_paper(int topic, int n) {
  core::Paper p;
  p.arxiv_id = fmt::format("2401.{:05d}", topic * 100 + n);
  p.version = 1;
  const Topic& t = kTopics[topic];
  p.title = fmt::format("{}: part {}", t.title, n);
  p.abstract = fmt::format("{} Variant {} of the study.{}", t.abstract, n,
                           n == 7 ? " A negative result." : "");
  p.authors = {{fmt::format("Author{} Lead", topic), ""},
               {fmt::format("Author{} Second", topic), ""},
               {fmt::format("Solo Writer{}{}", topic, n), ""}};
  if (topic == 3) p.authors[0].orcid = "0000-0002-1825-0097";
  p.categories = {t.category};
  p.announced = fmt::format("2024-01-{:02d}", 10 + n % 10);
  p.published = p.version_date = p.announced + "T00:00:00Z";
  p.source = core::source::kArxivOai;
  core::finalize(p);
  return p;
}

inline std::vector<core::Paper> topic_corpus() {
  std::vector<core::Paper> papers;
  for (int t = 0; t < 4; ++t) {
    for (int n = 0; n < 10; ++n) papers.push_back(topic_paper(t, n));
  }
  return papers;
}

}  // namespace ah::radarsvc::testing
