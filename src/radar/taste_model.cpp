#include "radar/taste_model.h"

#include <linear.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <unordered_set>

namespace ah::radar {
namespace {

// liblinear prints progress through one process-wide function pointer and has no per-call
// setting; silencing it once is the only way to keep it off standard output.
void silence_liblinear() {
  static std::once_flag once;
  std::call_once(once, [] { set_print_string_function([](const char*) {}); });
}

std::uint64_t splitmix(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

void TasteModel::sample_background(const FeatureIndex& index, std::span<const Row> exclude,
                                   const TasteOptions& options) {
  background_.clear();
  const auto n = index.size();
  std::unordered_set<Row> skip(exclude.begin(), exclude.end());
  const std::size_t want = std::min(options.background, n > skip.size() ? n - skip.size() : 0);
  std::uint64_t rng = options.seed;
  std::unordered_set<Row> taken;
  if (want * 2 >= n) {
    for (Row r = 0; r < n && background_.size() < want; ++r) {
      if (!skip.contains(r)) background_.push_back(r);
    }
  } else {
    while (background_.size() < want) {
      const auto r = static_cast<Row>(splitmix(rng) % n);
      if (!skip.contains(r) && taken.insert(r).second) background_.push_back(r);
    }
    std::ranges::sort(background_);
  }
}

Result<void> TasteModel::train(const FeatureIndex& index, std::span<const Row> positive,
                               std::span<const Row> negative, const TasteOptions& options) {
  silence_liblinear();
  weights_.clear();
  bias_ = 0;
  if (positive.empty()) return {};
  std::unordered_set<Row> labelled(positive.begin(), positive.end());
  labelled.insert(negative.begin(), negative.end());
  if (background_.empty()) {
    std::vector<Row> ex(labelled.begin(), labelled.end());
    sample_background(index, ex, options);
    background_nodes_.clear();
    background_start_.assign(1, 0);
  }
  auto local_id = [&](Column c) {
    auto [it, inserted] = local_.emplace(c, static_cast<int>(local_columns_.size()) + 1);
    if (inserted) local_columns_.push_back(c);
    return it->second;
  };
  // Background rows' vectors are computed once; rows that became labelled are skipped.
  for (std::size_t b = background_start_.size() - 1; b < background_.size(); ++b) {
    const Row r = background_[b];
    const auto cols = index.columns(r);
    const auto tfs = index.frequencies(r);
    for (std::size_t k = 0; k < cols.size(); ++k) {
      background_nodes_.emplace_back(local_id(cols[k]), index.tfidf(r, cols[k], tfs[k]));
    }
    background_start_.push_back(background_nodes_.size());
  }

  std::vector<feature_node> nodes;
  std::vector<std::size_t> starts;
  std::vector<double> y;
  auto add_row = [&](Row r, double label) {
    starts.push_back(nodes.size());
    const auto cols = index.columns(r);
    const auto tfs = index.frequencies(r);
    for (std::size_t k = 0; k < cols.size(); ++k) {
      nodes.push_back({local_id(cols[k]), index.tfidf(r, cols[k], tfs[k])});
    }
    nodes.push_back({-2, 1.0});  // bias, numbered below
    nodes.push_back({-1, 0.0});
    y.push_back(label);
  };
  // Positives first: liblinear numbers labels in order of appearance, so w is for +1.
  for (Row r : positive) add_row(r, +1);
  for (Row r : negative) {
    for (int k = 0; k < std::max(1, options.down_vote_copies); ++k) add_row(r, -1);
  }
  for (std::size_t b = 0; b < background_.size(); ++b) {
    if (labelled.contains(background_[b])) continue;
    starts.push_back(nodes.size());
    for (auto k = background_start_[b]; k < background_start_[b + 1]; ++k) {
      nodes.push_back({background_nodes_[k].first, background_nodes_[k].second});
    }
    nodes.push_back({-2, 1.0});
    nodes.push_back({-1, 0.0});
    y.push_back(-1);
  }
  const int features = static_cast<int>(local_columns_.size());
  for (auto& node : nodes) {
    if (node.index == -2) node.index = features + 1;
  }
  std::vector<feature_node*> x;
  x.reserve(starts.size());
  for (auto s : starts) x.push_back(nodes.data() + s);

  const auto n_pos = static_cast<double>(positive.size());
  const auto n_neg = static_cast<double>(y.size()) - n_pos;
  if (n_neg <= 0) return fail(ErrorCode::invalid_argument, "taste model: no negative papers");
  problem prob{};
  prob.l = static_cast<int>(y.size());
  prob.n = features + 1;
  prob.y = y.data();
  prob.x = x.data();
  prob.bias = -1;  // the bias is the explicit last feature above
  int labels[2] = {+1, -1};
  double class_weights[2] = {static_cast<double>(y.size()) / (2 * n_pos),
                             static_cast<double>(y.size()) / (2 * n_neg)};
  std::vector<double> init(static_cast<std::size_t>(features) + 1, 0.0);
  std::copy(solution_.begin(), solution_.end(), init.begin());
  init.back() = solution_bias_;
  parameter param{};
  param.solver_type = L2R_LR;
  param.eps = options.eps;
  param.C = options.c;
  param.nr_weight = 2;
  param.weight_label = labels;
  param.weight = class_weights;
  param.init_sol = solution_.empty() ? nullptr : init.data();
  if (const char* error = check_parameter(&prob, &param)) {
    return fail(ErrorCode::internal, std::string("taste model: liblinear: ") + error);
  }
  model* m = ::train(&prob, &param);
  if (m == nullptr) return fail(ErrorCode::internal, "taste model: liblinear failed");
  const double sign = m->label[0] == +1 ? 1.0 : -1.0;
  solution_.assign(static_cast<std::size_t>(features), 0.0);
  for (int i = 0; i < features; ++i) solution_[static_cast<std::size_t>(i)] = sign * m->w[i];
  solution_bias_ = sign * m->w[features];
  free_and_destroy_model(&m);

  for (int i = 0; i < features; ++i) {
    const double w = solution_[static_cast<std::size_t>(i)];
    if (w == 0) continue;
    const Column c = local_columns_[static_cast<std::size_t>(i)];
    weights_.emplace_back(c, static_cast<float>(w * index.idf(c)));
  }
  std::ranges::sort(weights_);
  bias_ = static_cast<float>(solution_bias_);
  return {};
}

float TasteModel::score(const FeatureIndex& index, Row row) const {
  if (weights_.empty()) return 0;
  const auto cols = index.columns(row);
  const auto tfs = index.frequencies(row);
  double s = 0;
  for (std::size_t k = 0; k < cols.size(); ++k) {
    auto it = std::ranges::lower_bound(weights_, std::pair{cols[k], -INFINITY});
    if (it != weights_.end() && it->first == cols[k]) {
      s += it->second * tf_weight(tfs[k]) * index.inverse_norm(row);
    }
  }
  return static_cast<float>(s + bias_);
}

float TasteModel::normalise(float score) { return 1.0f / (1.0f + std::exp(-score)); }

std::vector<std::pair<Column, float>> TasteModel::top_terms(const FeatureIndex& index, Row row,
                                                            std::size_t k,
                                                            const ColumnTable& table) const {
  std::vector<std::pair<Column, float>> out;
  const auto cols = index.columns(row);
  const auto tfs = index.frequencies(row);
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const ColumnTable::Weights* w = table.find(cols[i]);
    if (w == nullptr) continue;
    const float contribution = w->taste * tf_weight(tfs[i]) * index.inverse_norm(row);
    if (contribution > 0) out.emplace_back(cols[i], contribution);
  }
  std::ranges::sort(out, [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (out.size() > k) out.resize(k);
  return out;
}

std::size_t TasteModel::memory_bytes() const {
  return background_.capacity() * sizeof(Row) + local_columns_.capacity() * sizeof(Column) +
         local_.size() * (sizeof(Column) + sizeof(int) + 2 * sizeof(void*)) +
         local_.bucket_count() * sizeof(void*) + solution_.capacity() * sizeof(double) +
         background_nodes_.capacity() * sizeof(std::pair<int, float>) +
         background_start_.capacity() * sizeof(std::size_t) +
         weights_.capacity() * sizeof(std::pair<Column, float>);
}

}  // namespace ah::radar
