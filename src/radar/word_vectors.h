// Semantic vectors: word vectors trained with fastText (Bojanowski et al., "Enriching Word Vectors
// with Subword Information", TACL 2017; Debian's libfasttext) on the corpus's own abstracts — no
// downloaded model — and a paper's vector as their SIF-weighted mean with the common component
// removed (Arora, Liang & Ma, "A Simple but Tough-to-Beat Baseline for Sentence Embeddings",
// ICLR 2017), stored quantised to 8 bits. Thread-safety: const methods may run concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ah::radar {

struct WordVectorOptions {
  bool enabled = true;
  // Skip-gram (better than CBOW for rare words, and a paper's topic words are rare) with
  // dimension 100, window 5, 5 negatives: fastText's defaults for word vectors, except the
  // dimension (100 keeps a paper at 100 bytes; 300 gained nothing measurable on the development
  // days).
  int dim = 100;
  int window = 5;
  int negatives = 5;
  // Passes over the training text. 5 is fastText's default; more did not help on the
  // development days and costs build time linearly.
  int epochs = 5;
  // Words seen fewer times get no vector (too few contexts to learn from). Default 3.
  int min_count = 3;
  // Character n-grams (fastText's subwords): off. They give unseen words a vector but make
  // training ~4x slower; the index's words are the corpus's own, so nearly all have one.
  int subword_min = 0;
  int subword_max = 0;
  // Training reads at most this many papers' abstracts (a deterministic sample): word vectors
  // settle long before a million abstracts, and build time stays bounded (~1 min on 2 cores).
  std::size_t max_train_papers = 60'000;
  // fastText's threads. 1 makes training deterministic (same corpus -> same vectors -> same
  // ranking); more threads train faster but race on the shared weights (Hogwild).
  int threads = 1;
  int seed = 1;
  // SIF's a: a word of probability p weighs a / (a + p). 1e-3 is the paper's recommended value
  // (its range 1e-4..1e-3 all worked); our p is document frequency over total.
  double sif_a = 1e-3;
  // fastText reads its training text from a file; it is written here and removed after.
  // Empty: std::filesystem::temp_directory_path().
  std::filesystem::path scratch_dir;
};

// One vector per word (by the index's word id), float, `dim` wide.
class WordVectors {
 public:
  // Trains on `lines` (one paper's words per line, blank separated) and keeps the vectors of
  // `words` (index i -> words[i]); words without a vector get none. Errors: internal when
  // fastText fails (unwritable scratch directory, empty vocabulary is not an error: no vectors).
  static Result<WordVectors> train(const std::vector<std::string>& lines,
                                   std::span<const std::string_view> words,
                                   const WordVectorOptions& options);
  WordVectors() = default;

  int dim() const { return dim_; }
  bool empty() const { return dim_ == 0; }
  // The vector of word i, or nullptr when it has none.
  const float* get(std::size_t word) const;
  // The common component SIF removes (unit, dim wide; empty until set).
  std::span<const float> common() const { return common_; }
  void set_common(std::vector<float> c) { common_ = std::move(c); }
  std::size_t memory_bytes() const;

 private:
  int dim_ = 0;
  std::vector<std::int32_t> slot_;  // word -> row of data_, -1 none
  std::vector<float> data_;
  std::vector<float> common_;
  friend struct IndexFile;  // writes and reads these arrays (index_file.cpp)
};

// Paper vectors quantised to int8 with one scale per paper: 100 bytes + 4 instead of 400, and a
// dot product that streams a quarter of the memory; the rounding error (< 0.4% of the largest
// component) is far below the differences that rank papers.
class PaperVectors {
 public:
  struct View {
    const std::int8_t* q = nullptr;
    float scale = 0;
    int dim = 0;
    bool empty() const { return q == nullptr; }
  };
  explicit PaperVectors(int dim = 0) : dim_(dim) {}
  int dim() const { return dim_; }
  // Appends a unit vector (or zeros when `v` is empty or all zero).
  void push(std::span<const float> v);
  void set(std::size_t row, std::span<const float> v);
  View get(std::size_t row) const;
  std::size_t size() const { return scale_.size(); }
  std::size_t memory_bytes() const;

 private:
  int dim_ = 0;
  std::vector<std::int8_t> q_;
  std::vector<float> scale_;
  friend struct IndexFile;
};

// Dot product of a float query with a quantised paper vector (its cosine when both are unit).
float dot(std::span<const float> query, PaperVectors::View v);

}  // namespace ah::radar
