#include "radar/word_vectors.h"

#include <fasttext/fasttext.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <system_error>

namespace ah::radar {

Result<WordVectors> WordVectors::train(const std::vector<std::string>& lines,
                                       std::span<const std::string_view> words,
                                       const WordVectorOptions& options) {
  WordVectors out;
  if (!options.enabled || lines.empty()) return out;
  std::error_code ec;
  auto dir =
      options.scratch_dir.empty() ? std::filesystem::temp_directory_path(ec) : options.scratch_dir;
  if (ec) return fail(ErrorCode::internal, "word vectors: no temporary directory: " + ec.message());
  // The process id keeps concurrent builds (tests run in parallel) apart.
  const auto path = dir / ("ah-radar-words-" + std::to_string(::getpid()) + "-" +
                           std::to_string(reinterpret_cast<std::uintptr_t>(&out)) + ".txt");
  {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    for (const auto& line : lines) f << line << '\n';
    if (!f) return fail(ErrorCode::internal, "word vectors: cannot write " + path.string());
  }
  struct Remove {
    std::filesystem::path p;
    ~Remove() {
      std::error_code e;
      std::filesystem::remove(p, e);
    }
  } remove{path};

  fasttext::Args args;
  args.input = path.string();
  args.model = fasttext::model_name::sg;
  args.loss = fasttext::loss_name::ns;
  args.dim = options.dim;
  args.ws = options.window;
  args.neg = options.negatives;
  args.epoch = options.epochs;
  args.minCount = options.min_count;
  args.minn = options.subword_min;
  args.maxn = options.subword_max;
  // Without subwords fastText still allocates its 2M-row n-gram table (800 MB at dim 100) unless
  // told there are no buckets (its command line does this; the API does not).
  if (options.subword_max == 0) args.bucket = 0;
  args.thread = std::max(1, options.threads);
  args.seed = options.seed;
  args.verbose = 0;
  fasttext::FastText ft;
  try {
    ft.train(args);
  } catch (const std::invalid_argument&) {
    return out;  // "Empty vocabulary": too little text for any word to reach min_count
  } catch (const std::exception& e) {
    return fail(ErrorCode::internal, std::string("word vectors: fastText: ") + e.what());
  }
  out.dim_ = ft.getDimension();
  out.slot_.assign(words.size(), -1);
  fasttext::Vector v(out.dim_);
  std::int32_t next = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string w(words[i]);
    if (ft.getWordId(w) < 0 && options.subword_max == 0) continue;
    ft.getWordVector(v, w);
    float norm = 0;
    for (int k = 0; k < out.dim_; ++k) norm += v[k] * v[k];
    if (norm <= 0) continue;
    out.slot_[i] = next++;
    out.data_.insert(out.data_.end(), v.data(), v.data() + out.dim_);
  }
  return out;
}

const float* WordVectors::get(std::size_t word) const {
  if (word >= slot_.size() || slot_[word] < 0) return nullptr;
  return data_.data() + static_cast<std::size_t>(slot_[word]) * static_cast<std::size_t>(dim_);
}

std::size_t WordVectors::memory_bytes() const {
  return slot_.capacity() * sizeof(std::int32_t) + data_.capacity() * sizeof(float) +
         common_.capacity() * sizeof(float);
}

void PaperVectors::push(std::span<const float> v) {
  q_.resize(q_.size() + static_cast<std::size_t>(dim_), 0);
  scale_.push_back(0);
  set(scale_.size() - 1, v);
}

void PaperVectors::set(std::size_t row, std::span<const float> v) {
  auto* q = q_.data() + row * static_cast<std::size_t>(dim_);
  float max = 0;
  for (float x : v) max = std::max(max, std::fabs(x));
  if (v.size() != static_cast<std::size_t>(dim_) || max <= 0) {
    std::fill(q, q + dim_, 0);
    scale_[row] = 0;
    return;
  }
  for (int i = 0; i < dim_; ++i) q[i] = static_cast<std::int8_t>(std::lround(v[i] / max * 127.0f));
  scale_[row] = max / 127.0f;
}

PaperVectors::View PaperVectors::get(std::size_t row) const {
  if (dim_ == 0 || row >= scale_.size()) return {};
  return {q_.data() + row * static_cast<std::size_t>(dim_), scale_[row], dim_};
}

std::size_t PaperVectors::memory_bytes() const {
  return q_.capacity() + scale_.capacity() * sizeof(float);
}

float dot(std::span<const float> query, PaperVectors::View v) {
  if (v.empty() || query.size() != static_cast<std::size_t>(v.dim)) return 0;
  // Eight running sums: one sum waits for the previous addition at every step, eight let the
  // additions overlap (and the compiler use vector registers) without -ffast-math. The ranker
  // calls this once per candidate and, for explanations, once per positive paper.
  const auto n = static_cast<std::size_t>(v.dim);
  float part[8] = {};
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (std::size_t k = 0; k < 8; ++k) part[k] += query[i + k] * v.q[i + k];
  }
  for (; i < n; ++i) part[i % 8] += query[i] * v.q[i];
  const float s =
      ((part[0] + part[1]) + (part[2] + part[3])) + ((part[4] + part[5]) + (part[6] + part[7]));
  return s * v.scale;
}

}  // namespace ah::radar
