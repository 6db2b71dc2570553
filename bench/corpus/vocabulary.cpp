#include "corpus/vocabulary.h"

#include <cmath>
#include <unordered_set>

namespace ah::bench {
namespace {

// Ranked roughly by frequency in arXiv abstracts: function words first, then the scientific
// words that dominate abstracts. kFunctionWords counts the leading function words.
constexpr std::size_t kFunctionWords = 60;
constexpr std::string_view kHead[] = {
    "the", "of", "and", "a", "in", "to", "we", "is", "for", "that", "with", "on", "this", "by",
    "are", "as", "be", "an", "which", "from", "at", "can", "our", "these", "it", "also", "such",
    "both", "its", "between", "than", "into", "two", "not", "has", "have", "their", "or", "show",
    "using", "based", "new", "all", "more", "well", "other", "under", "one", "only", "been",
    "when", "where", "while", "each", "over", "via", "however", "most", "through", "here",
    // scientific head
    "model", "results", "data", "method", "paper", "approach", "study", "problem", "performance",
    "system", "time", "field", "large", "different", "network", "quantum", "energy", "function",
    "learning", "analysis", "present", "propose", "proposed", "models", "methods", "state",
    "order", "used", "first", "high", "high-energy", "space", "theory", "structure", "algorithm",
    "number", "work", "terms", "case", "obtained", "phase", "low", "temperature",
    "dynamics", "effect", "effects", "properties", "mass", "framework", "training", "non-linear",
    "observed", "distribution", "experimental", "provide", "information", "systems", "local",
    "general", "demonstrate", "significant", "small", "parameters", "neural", "particular",
    "magnetic", "spin", "single", "find", "finite", "process", "spectrum", "scale", "presence",
    "solution", "solutions", "linear", "physical", "density", "evidence", "measurements",
    "simulations", "recent", "observations", "galaxies", "stars", "star", "matter", "dark",
    "black", "hole", "holes", "gravitational", "wave", "waves", "classical", "random", "graph",
    "graphs", "group", "groups", "space-time", "equation", "equations", "boundary", "condition",
    "conditions", "stable", "stability", "optimal", "efficient", "existing", "task", "tasks",
    "dataset", "datasets", "deep", "language", "image", "images", "features", "accuracy",
    "prediction", "inference", "estimation", "regression", "sample", "samples", "statistical",
    "probability", "limit", "bound", "bounds", "lower", "upper", "known", "result", "prove",
    "theorem", "class", "classes", "finite-dimensional", "operator", "operators", "algebra",
    "algebras", "manifold", "manifolds", "surface", "surfaces", "point", "points", "set", "sets",
    "value", "values", "continuous", "discrete", "dimension", "dimensional", "invariant",
    "symmetry", "symmetries", "gauge", "coupling", "interaction", "interactions", "particle",
    "particles", "electron", "electrons", "photon", "light", "optical", "laser", "frequency",
    "transition", "critical", "ground", "excited", "states", "entanglement", "qubit", "qubits",
    "circuit", "circuits", "error", "errors", "noise", "signal", "control", "robust", "robustness",
    "policy", "agent", "agents", "reinforcement", "generative", "diffusion", "transformer",
    "attention", "representation", "representations", "embedding", "benchmark", "benchmarks",
    "evaluation", "experiments", "improve", "improves", "compared", "baseline", "state-of-the-art",
    "real-world", "computational", "complexity", "polynomial", "exact", "approximate",
    "approximation", "numerical", "simulation", "cosmological", "universe", "redshift", "cluster",
    "clusters", "emission", "radiation", "x-ray", "flux", "surveys", "survey", "sources",
    "source", "observational", "decay", "decays", "collider", "lhc", "cross", "section",
    "standard", "beyond", "neutrino", "neutrinos", "scattering", "lattice", "materials",
    "material", "thin", "films", "surface-state", "topological", "superconducting",
    "superconductivity", "transport", "conductivity", "thermal", "equilibrium", "driven",
    "data-driven", "kinetic", "fluid", "flow", "flows", "turbulence", "velocity", "pressure"};

constexpr std::string_view kOnsets[] = {
    "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "b", "c", "d",
    "l", "m", "n", "p", "r", "s", "t", "br", "cr", "dr", "gr", "pr", "tr", "st", "sp", "ch",
    "ph", "th", "pl", "cl", "qu", "w", "",  "",  "",
};
constexpr std::string_view kVowels[] = {"a", "e", "i", "o", "u", "a", "e", "i", "o",
                                        "a", "e", "y", "ai", "ea", "io", "ou"};
constexpr std::string_view kCodas[] = {"", "", "", "", "n", "r", "s", "l", "m",
                                       "t", "x", "nd", "rt", "st", "ct", "ng"};
constexpr std::string_view kSuffixes[] = {
    "tion", "ic", "al", "ity", "ous", "ive", "ism", "ometry", "ology", "on", "ons", "ics",
    "ed", "ing", "ance", "ate", "ers", "ment",
};

template <typename T, std::size_t N>
std::string_view pick(Rng& rng, const T (&items)[N]) {
  return items[rng.below(N)];
}

// Pronounceable words of 1-3 syllables with an occasional learned suffix: about the length of
// the content words of real abstracts.
std::string make_pseudo_word(Rng& rng) {
  std::string w;
  const double u = rng.unit();
  const int syllables = u < 0.25 ? 1 : u < 0.8 ? 2 : 3;
  for (int i = 0; i < syllables; ++i) {
    w += pick(rng, kOnsets);
    w += pick(rng, kVowels);
    if (i + 1 == syllables || rng.chance(0.2)) w += pick(rng, kCodas);
  }
  if (rng.chance(0.3)) w += pick(rng, kSuffixes);
  if (rng.chance(0.01)) {  // occasional compound: "quasi-xyz", "xyz-based"
    w = rng.chance(0.5) ? "quasi-" + w : w + "-based";
  }
  return w;
}

}  // namespace

Vocabulary::Vocabulary(std::uint64_t seed, VocabularyOptions options) {
  Rng rng(seed ^ 0x766f636162756cULL);  // "vocabul"
  std::unordered_set<std::string> seen;
  words_.reserve(std::size(kHead) + options.pseudo_words);
  for (std::string_view w : kHead) {
    if (seen.emplace(w).second) words_.emplace_back(w);
  }
  head_size_ = words_.size();
  while (words_.size() < head_size_ + options.pseudo_words) {
    std::string w = make_pseudo_word(rng);
    if (w.size() < 3 || !seen.insert(w).second) continue;
    words_.push_back(std::move(w));
  }
  std::vector<double> weights(words_.size());
  for (std::size_t r = 0; r < weights.size(); ++r) {
    weights[r] = std::pow(static_cast<double>(r + 1), -options.zipf_exponent);
  }
  zipf_ = AliasTable(weights);
}

std::string_view Vocabulary::sample_content(Rng& rng) const {
  for (int tries = 0;; ++tries) {
    const std::size_t rank = zipf_.sample(rng);
    if (rank >= kFunctionWords || tries >= 4 || rng.chance(0.25)) return words_[rank];
  }
}

bool Vocabulary::is_function_word(std::size_t rank) const { return rank < kFunctionWords; }

}  // namespace ah::bench
