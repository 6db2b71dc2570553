#include "radar/feature_index.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "core/calendar.h"
#include "core/text.h"
#include "radar/feature_index_data.h"
#include "radar/hash_index.h"

namespace ah::radar {
namespace {

int paper_day(const core::Paper& p) {
  for (const auto* s : {&p.announced, &p.version_date, &p.published}) {
    const int d = day_number(*s);
    if (d != kNoDay) return d;
  }
  return kNoDay;
}

// A paper analysed: its words of title and abstract in order (title first), and where the
// title ends.
struct Analysed {
  std::vector<std::string> title, abstract;
  std::vector<std::string> title_surface, abstract_surface;
  std::vector<std::string> authors;  // author keys, de-duplicated, at most max_authors
  std::vector<std::pair<FacetKind, std::string>> facets;
};

Analysed analyse(Analyzer& analyzer, const core::Paper& p, const IndexOptions& o) {
  Analysed a;
  const auto& title = p.title_display.empty() ? p.title : p.title_display;
  const auto& abstract = p.abstract_display.empty() ? p.abstract : p.abstract_display;
  analyzer.terms(core::search_text(title), a.title, &a.title_surface);
  analyzer.terms(core::search_text(abstract), a.abstract, &a.abstract_surface);
  std::unordered_set<std::string> seen;
  for (const auto& author : p.authors) {
    if (a.authors.size() >= o.max_authors) break;
    auto key = author_key(author.name);
    if (!key.empty() && seen.insert(key).second) a.authors.push_back(std::move(key));
  }
  for (const auto& c : p.categories) a.facets.emplace_back(FacetKind::category, c);
  if (!p.venue.empty()) a.facets.emplace_back(FacetKind::venue, FeatureIndex::venue_key(p.venue));
  if (!p.source.empty()) a.facets.emplace_back(FacetKind::source, p.source);
  std::size_t n = 0;
  for (const auto& author : p.authors) {
    if (n++ >= o.max_authors) break;
    if (!author.orcid.empty()) a.facets.emplace_back(FacetKind::author_id, "orcid:" + author.orcid);
    for (const auto& id : author.ids) {
      a.facets.emplace_back(FacetKind::author_id, id.scheme + ":" + id.value);
    }
  }
  return a;
}

std::uint32_t analysed_length(const Analysed& a, const IndexOptions& o) {
  return static_cast<std::uint32_t>(a.title.size() * static_cast<std::size_t>(o.title_weight) +
                                    a.abstract.size());
}

// splitmix64: the reservoir sample's deterministic random numbers.
std::uint64_t splitmix(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

const std::array<float, 256>& tf_weights() {
  static const auto table = [] {
    std::array<float, 256> t{};
    for (std::size_t i = 1; i < t.size(); ++i) {
      t[i] = 1.0f + std::log(static_cast<float>(i));
    }
    return t;
  }();
  return table;
}

int day_number(std::string_view date) {
  const auto day = core::leading_day(date);
  return day ? static_cast<int>(day->time_since_epoch().count()) : kNoDay;
}

Result<FeatureIndex> FeatureIndex::build(IndexInput input, const IndexOptions& options) {
  if (input.ids.size() != input.papers.size()) {
    return fail(ErrorCode::invalid_argument, "radar index: ids and papers differ in number");
  }
  auto analyzer = Analyzer::create();
  if (!analyzer) return std::unexpected(analyzer.error());
  auto d = std::make_unique<Data>(std::move(*analyzer));
  d->options = options;
  d->options.title_weight = std::clamp(options.title_weight, 1, 5);
  const auto n = input.papers.size();
  const auto tw = static_cast<std::uint32_t>(d->options.title_weight);

  // Pass 1: analyse; words and authors get ids at once, phrases are counted as (word, word) keys.
  std::unordered_map<std::string, std::uint32_t> word_id, author_id;
  std::vector<std::string> words, authors, surfaces;
  std::vector<std::uint32_t> word_df, author_df;
  // Each paper's features as keys: word w -> w; phrase (a, b) -> (a + 1) << 32 | b; author
  // a -> kAuthor | a. tf beside.
  constexpr std::uint64_t kAuthor = 0xFFFFFFFFULL << 32;
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> key_tf;
  std::vector<std::uint64_t> key_start{0};
  std::vector<std::uint64_t> phrase_keys;  // one per (paper, phrase)
  std::vector<std::string> sample;         // fastText's training lines (reservoir)
  std::uint64_t rng = static_cast<std::uint64_t>(options.vectors.seed);
  const std::size_t sample_cap = options.vectors.enabled ? options.vectors.max_train_papers : 0;

  std::unordered_map<std::uint64_t, std::uint32_t> counts;
  std::vector<std::uint32_t> title_ids, abstract_ids;
  for (std::size_t i = 0; i < n; ++i) {
    const PaperId id = input.ids[i];
    if (!d->row_of.emplace(id, static_cast<Row>(i)).second) {
      return fail(ErrorCode::invalid_argument,
                  "radar index: paper id " + std::to_string(id) + " given twice");
    }
    Analysed a = analyse(d->analyzer, input.papers[i], d->options);
    auto intern = [&](const std::string& w, const std::string& surface) {
      auto [it, inserted] = word_id.emplace(w, static_cast<std::uint32_t>(words.size()));
      if (inserted) {
        words.push_back(w);
        surfaces.push_back(surface);
        word_df.push_back(0);
      }
      return it->second;
    };
    title_ids.clear();
    abstract_ids.clear();
    for (size_t k = 0; k < a.title.size(); ++k) {
      title_ids.push_back(intern(a.title[k], a.title_surface[k]));
    }
    for (size_t k = 0; k < a.abstract.size(); ++k) {
      abstract_ids.push_back(intern(a.abstract[k], a.abstract_surface[k]));
    }
    counts.clear();
    for (auto w : title_ids) counts[w] += tw;
    for (auto w : abstract_ids) counts[w] += 1;
    auto pairs = [&](const std::vector<std::uint32_t>& seq, std::uint32_t weight) {
      for (size_t k = 1; k < seq.size(); ++k) {
        counts[(static_cast<std::uint64_t>(seq[k - 1]) + 1) << 32 | seq[k]] += weight;
      }
    };
    pairs(title_ids, tw);
    pairs(abstract_ids, 1);
    for (const auto& key : a.authors) {
      auto [it, inserted] = author_id.emplace(key, static_cast<std::uint32_t>(authors.size()));
      if (inserted) {
        authors.push_back(key);
        author_df.push_back(0);
      }
      counts[kAuthor | it->second] = 1;
    }
    for (const auto& [k, tf] : counts) {
      keys.push_back(k);
      key_tf.push_back(tf);
      if (k >= kAuthor) {
        ++author_df[k & 0xFFFFFFFFULL];
      } else if (k >> 32) {
        phrase_keys.push_back(k);
      } else {
        ++word_df[k];
      }
    }
    key_start.push_back(keys.size());

    d->ids.push_back(id);
    d->days.push_back(paper_day(input.papers[i]));
    d->lengths.push_back(analysed_length(a, d->options));
    d->total_length += d->lengths.back();
    d->push_facets(a.facets);

    if (sample_cap > 0 && !(a.title.empty() && a.abstract.empty())) {
      auto line = [&] {
        std::string s;
        for (const auto* part : {&a.title, &a.abstract}) {
          for (const auto& w : *part) {
            if (!s.empty()) s.push_back(' ');
            s += w;
          }
        }
        return s;
      };
      if (sample.size() < sample_cap) {
        sample.push_back(line());
      } else {
        const auto j = splitmix(rng) % (i + 1);
        if (j < sample_cap) sample[j] = line();
      }
    }
  }

  // Phrases kept: those in at least phrase_min_df papers.
  std::ranges::sort(phrase_keys);
  std::vector<std::uint64_t> kept;
  std::vector<std::uint32_t> kept_df;
  const auto min_df = static_cast<std::size_t>(std::max(1, options.phrase_min_df));
  for (std::size_t i = 0; i < phrase_keys.size();) {
    std::size_t j = i;
    while (j < phrase_keys.size() && phrase_keys[j] == phrase_keys[i]) ++j;
    if (j - i >= min_df) {
      kept.push_back(phrase_keys[i]);
      kept_df.push_back(static_cast<std::uint32_t>(j - i));
    }
    i = j;
  }
  std::vector<std::uint64_t>().swap(phrase_keys);

  // Columns: words, then phrases, then authors, each in the order first seen. (Numbering them
  // by document frequency, for the ranker's cache, was measured at 1M papers: no gain, as the
  // first-seen order is already close to it.)
  const auto n_words = static_cast<Column>(words.size());
  const auto n_phrases = static_cast<Column>(kept.size());
  d->ids.shrink_to_fit();
  for (std::size_t w = 0; w < words.size(); ++w) {
    d->add_feature(FeatureKind::word, words[w], word_df[w], surfaces[w]);
  }
  for (std::size_t p = 0; p < kept.size(); ++p) {
    const auto a = static_cast<std::size_t>((kept[p] >> 32) - 1);
    const auto b = static_cast<std::size_t>(kept[p] & 0xFFFFFFFFULL);
    d->add_feature(FeatureKind::phrase, words[a] + " " + words[b], kept_df[p]);
  }
  for (std::size_t a = 0; a < authors.size(); ++a) {
    d->add_feature(FeatureKind::author, authors[a], author_df[a]);
  }

  // Rows.
  std::vector<std::pair<Column, std::uint32_t>> row;
  for (std::size_t i = 0; i < n; ++i) {
    row.clear();
    for (auto k = key_start[i]; k < key_start[i + 1]; ++k) {
      const auto key = keys[k];
      if (key >= kAuthor) {
        row.emplace_back(n_words + n_phrases + static_cast<Column>(key & 0xFFFFFFFFULL), key_tf[k]);
      } else if (key >> 32) {
        auto it = std::ranges::lower_bound(kept, key);
        if (it != kept.end() && *it == key) {
          row.emplace_back(n_words + static_cast<Column>(it - kept.begin()), key_tf[k]);
        }
      } else {
        row.emplace_back(static_cast<Column>(key), key_tf[k]);
      }
    }
    d->push_row(row);
  }
  std::vector<std::uint64_t>().swap(keys);
  std::vector<std::uint32_t>().swap(key_tf);
  d->cols.shrink_to_fit();
  d->tfs.shrink_to_fit();

  d->by_day.resize(n);
  std::iota(d->by_day.begin(), d->by_day.end(), Row{0});
  std::ranges::stable_sort(d->by_day, [&](Row a, Row b) { return d->days[a] < d->days[b]; });

  FeatureIndex index(std::move(d));
  index.refresh_idf();
  index.d_->refresh_postings();
  index.d_->word_df = index.d_->total_word_df();

  // Word vectors and paper vectors.
  std::vector<std::string_view> word_texts;
  word_texts.reserve(n_words);
  for (Column c = 0; c < n_words; ++c) word_texts.push_back(index.d_->text_of(c));
  auto vectors = WordVectors::train(sample, word_texts, options.vectors);
  if (!vectors) return std::unexpected(vectors.error().with_context("radar index"));
  std::vector<std::string>().swap(sample);
  auto& data = *index.d_;
  data.vectors = std::move(*vectors);
  const int dim = data.vectors.dim();
  data.paper_vectors = PaperVectors(dim);
  if (dim > 0) {
    // The common component: the first singular vector of the papers' SIF vectors, by power
    // iteration on their 100x100 second-moment matrix.
    const double total = data.total_word_df();
    const auto ud = static_cast<size_t>(dim);
    std::vector<double> m(ud * ud, 0.0);
    for (Row r = 0; r < n; ++r) {
      auto v = data.sif_vector(r, total);
      float len = 0;
      for (float x : v) len += x * x;
      if (len <= 0) continue;
      len = 1.0f / std::sqrt(len);
      for (size_t i = 0; i < ud; ++i) {
        for (size_t j = 0; j < ud; ++j) m[i * ud + j] += double(v[i]) * v[j] * len * len;
      }
    }
    std::vector<double> u(ud, 1.0 / std::sqrt(double(ud))), next(ud);
    for (int it = 0; it < 50; ++it) {
      double nn = 0;
      for (size_t i = 0; i < ud; ++i) {
        double s = 0;
        for (size_t j = 0; j < ud; ++j) s += m[i * ud + j] * u[j];
        next[i] = s;
        nn += s * s;
      }
      if (nn <= 0) break;
      nn = std::sqrt(nn);
      for (size_t i = 0; i < ud; ++i) u[i] = next[i] / nn;
    }
    data.vectors.set_common(std::vector<float>(u.begin(), u.end()));
    for (Row r = 0; r < n; ++r) {
      auto v = data.sif_vector(r, total);
      data.finish_vector(v);
      data.paper_vectors.push(v);
    }
  }
  return index;
}

FeatureIndex::FeatureIndex(std::unique_ptr<Data> data) : d_(std::move(data)) {}
FeatureIndex::FeatureIndex(FeatureIndex&&) noexcept = default;
FeatureIndex& FeatureIndex::operator=(FeatureIndex&&) noexcept = default;
FeatureIndex::~FeatureIndex() = default;

Result<Row> FeatureIndex::add(PaperId id, const core::Paper& paper) {
  auto& d = *d_;
  if (d.row_of.contains(id)) {
    return fail(ErrorCode::conflict, "radar index: paper id " + std::to_string(id) + " is indexed");
  }
  const auto r = static_cast<Row>(d.ids.size());
  Analysed a = analyse(d.analyzer, paper, d.options);
  const auto tw = static_cast<std::uint32_t>(d.options.title_weight);
  std::unordered_map<Column, std::uint32_t> counts;
  std::vector<std::optional<Column>> title_cols, abstract_cols;
  auto word = [&](const std::string& w, const std::string& surface) -> std::optional<Column> {
    if (auto c = d.find(FeatureKind::word, w)) return c;
    return d.add_feature(FeatureKind::word, w, 0, surface);
  };
  for (size_t k = 0; k < a.title.size(); ++k) {
    title_cols.push_back(word(a.title[k], a.title_surface[k]));
  }
  for (size_t k = 0; k < a.abstract.size(); ++k) {
    abstract_cols.push_back(word(a.abstract[k], a.abstract_surface[k]));
  }
  for (auto c : title_cols) counts[*c] += tw;
  for (auto c : abstract_cols) counts[*c] += 1;
  auto pairs = [&](const std::vector<std::string>& seq, std::uint32_t weight) {
    for (size_t k = 1; k < seq.size(); ++k) {
      if (auto c = d.find(FeatureKind::phrase, seq[k - 1] + " " + seq[k])) counts[*c] += weight;
    }
  };
  pairs(a.title, tw);
  pairs(a.abstract, 1);
  for (const auto& key : a.authors) {
    auto c = d.find(FeatureKind::author, key);
    counts[c ? *c : d.add_feature(FeatureKind::author, key, 0)] = 1;
  }
  d.ids.push_back(id);
  d.row_of.emplace(id, r);
  d.days.push_back(paper_day(paper));
  d.lengths.push_back(analysed_length(a, d.options));
  d.total_length += d.lengths.back();
  d.push_facets(a.facets);
  std::vector<std::pair<Column, std::uint32_t>> row(counts.begin(), counts.end());
  for (const auto& [c, tf] : row) {
    ++d.df[c];
    if (d.kinds[c] == FeatureKind::word) d.word_df += 1;
    if (d.df[c] == 1) d.idf[c] = idf_of(d.ids.size(), 1);
  }
  d.push_row(row);
  if (d.ids.size() - d.postings.last() >= std::max<std::size_t>(1, d.options.posting_refresh)) {
    d.refresh_postings();
  }
  d.inv_norm.push_back(d.norm_of(r));
  d.insert_by_day(r);
  if (d.vectors.dim() > 0) {
    auto v = d.sif_vector(r, d.word_df);
    d.finish_vector(v);
    d.paper_vectors.push(v);
  }
  if (static_cast<double>(d.ids.size()) >=
      static_cast<double>(d.papers_at_refresh) * (1.0 + d.options.idf_refresh_growth)) {
    refresh_idf();
  }
  return r;
}

void FeatureIndex::refresh_idf() {
  auto& d = *d_;
  const auto n = d.ids.size();
  for (std::size_t c = 0; c < d.kinds.size(); ++c) d.idf[c] = idf_of(n, d.df[c]);
  d.inv_norm.resize(n);
  for (Row r = 0; r < n; ++r) d.inv_norm[r] = d.norm_of(r);
  d.papers_at_refresh = n;
}

std::size_t FeatureIndex::size() const { return d_->ids.size(); }
PaperId FeatureIndex::id(Row row) const { return d_->ids[row]; }
std::optional<Row> FeatureIndex::row(PaperId id) const {
  auto it = d_->row_of.find(id);
  if (it == d_->row_of.end()) return std::nullopt;
  return it->second;
}
int FeatureIndex::day(Row row) const { return d_->days[row]; }

std::vector<Row> FeatureIndex::rows_between(int since, int until) const {
  const auto& d = *d_;
  auto lo = std::ranges::partition_point(d.by_day, [&](Row r) { return d.days[r] < since; });
  auto hi = std::ranges::partition_point(d.by_day, [&](Row r) { return d.days[r] <= until; });
  std::vector<Row> out(lo, hi > lo ? hi : lo);
  return out;
}

std::uint32_t FeatureIndex::length(Row row) const { return d_->lengths[row]; }
double FeatureIndex::average_length() const {
  return d_->ids.empty() ? 0.0 : d_->total_length / static_cast<double>(d_->ids.size());
}

std::span<const Column> FeatureIndex::columns(Row row) const {
  const auto& d = *d_;
  return {d.cols.data() + d.row_start[row], d.row_start[row + 1] - d.row_start[row]};
}
std::span<const std::uint8_t> FeatureIndex::frequencies(Row row) const {
  const auto& d = *d_;
  return {d.tfs.data() + d.row_start[row], d.row_start[row + 1] - d.row_start[row]};
}
float FeatureIndex::inverse_norm(Row row) const { return d_->inv_norm[row]; }
std::span<const Facet> FeatureIndex::facets(Row row) const {
  const auto& d = *d_;
  return {d.facet_ids.data() + d.facet_start[row], d.facet_start[row + 1] - d.facet_start[row]};
}
float FeatureIndex::tfidf(Row row, Column column, std::uint8_t tf) const {
  return tf_weights()[tf] * d_->idf[column] * d_->inv_norm[row];
}

std::size_t FeatureIndex::columns_count() const { return d_->kinds.size(); }
FeatureKind FeatureIndex::kind(Column column) const { return d_->kinds[column]; }
std::string_view FeatureIndex::text(Column column) const { return d_->text_of(column); }
float FeatureIndex::idf(Column column) const { return d_->idf[column]; }
std::uint32_t FeatureIndex::document_frequency(Column column) const { return d_->df[column]; }
std::optional<Column> FeatureIndex::find(FeatureKind kind, std::string_view text) const {
  return d_->find(kind, text);
}

std::vector<Column> FeatureIndex::phrase_columns(std::string_view phrase) const {
  auto analyzer = Analyzer::create();
  std::vector<Column> out;
  if (!analyzer) return out;
  const auto words = analyzer->terms(core::search_text(phrase));
  if (words.empty()) return out;
  if (words.size() > 1) {
    bool all = true;
    for (size_t k = 1; k < words.size() && all; ++k) {
      auto c = d_->find(FeatureKind::phrase, words[k - 1] + " " + words[k]);
      if (c) {
        out.push_back(*c);
      } else {
        all = false;
      }
    }
    if (all) return out;
    out.clear();
  }
  for (const auto& w : words) {
    auto c = d_->find(FeatureKind::word, w);
    if (!c) return {};
    out.push_back(*c);
  }
  std::ranges::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<Column> FeatureIndex::author_column(std::string_view name) const {
  return d_->find(FeatureKind::author, author_key(name));
}

std::optional<Facet> FeatureIndex::find_facet(FacetKind kind, std::string_view value) const {
  const auto h = hash_key(static_cast<std::uint8_t>(kind) + 16, value);
  return d_->facet_map.find(h, [&](std::uint32_t f) {
    return d_->facet_kinds[f] == kind && d_->facet_text_of(f) == value;
  });
}
FacetKind FeatureIndex::facet_kind(Facet facet) const { return d_->facet_kinds[facet]; }
std::uint32_t FeatureIndex::facet_frequency(Facet facet) const { return d_->facet_df[facet]; }
std::string_view FeatureIndex::facet_text(Facet facet) const { return d_->facet_text_of(facet); }
std::string FeatureIndex::venue_key(std::string_view venue) { return author_key(venue); }

const WordVectors& FeatureIndex::vectors() const { return d_->vectors; }
PaperVectors::View FeatureIndex::vector(Row row) const { return d_->paper_vectors.get(row); }

std::size_t FeatureIndex::memory_bytes() const {
  const auto& d = *d_;
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  return bytes(d.ids) + d.row_of.size() * (sizeof(PaperId) + sizeof(Row) + 2 * sizeof(void*)) +
         d.row_of.bucket_count() * sizeof(void*) + bytes(d.days) + bytes(d.lengths) +
         bytes(d.row_start) + bytes(d.cols) + bytes(d.tfs) + bytes(d.inv_norm) +
         bytes(d.facet_start) + bytes(d.facet_ids) + bytes(d.by_day) + bytes(d.kinds) +
         bytes(d.text_start) + d.text.capacity() + bytes(d.surface_start) + d.surface.capacity() +
         bytes(d.df) + bytes(d.idf) + d.feature_map.memory_bytes() + bytes(d.facet_kinds) +
         bytes(d.facet_df) + bytes(d.facet_text_start) + d.facet_text.capacity() +
         d.facet_map.memory_bytes() + d.vectors.memory_bytes() + d.paper_vectors.memory_bytes() +
         d.postings.memory_bytes();
}

const Postings& FeatureIndex::postings() const { return d_->postings; }

const IndexOptions& FeatureIndex::options() const { return d_->options; }

std::string FeatureIndex::display(Column column) const {
  const auto& d = *d_;
  auto word = [&](std::string_view stem) -> std::string {
    auto c = d.find(FeatureKind::word, stem);
    if (c && *c < d.surface_start.size() - 1) {
      auto s = std::string_view(d.surface).substr(d.surface_start[*c],
                                                  d.surface_start[*c + 1] - d.surface_start[*c]);
      if (!s.empty()) return std::string(s);
    }
    return std::string(stem);
  };
  const auto t = d.text_of(column);
  switch (d.kinds[column]) {
    case FeatureKind::word:
      return word(t);
    case FeatureKind::phrase: {
      const auto blank = t.find(' ');
      if (blank == std::string_view::npos) return std::string(t);
      return word(t.substr(0, blank)) + " " + word(t.substr(blank + 1));
    }
    case FeatureKind::author:
      break;
  }
  return std::string(t);
}

}  // namespace ah::radar
