// The radar's corpus index: every paper's TF-IDF features (words and two-word phrases of title
// and abstract, author names), facets (categories, venue, source, author ids), date and semantic
// vector, in compact arrays (CSR rows), built once from a collection of papers and grown by
// incremental adds. It knows nothing of the store: papers come in as core::Paper values with the
// caller's stable id. Thread-safety: const methods may run concurrently; add() and refresh_idf()
// need exclusive access (the integration swaps in a grown copy or holds a writer lock).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/paper.h"
#include "radar/analyzer.h"
#include "radar/word_vectors.h"

namespace ah::radar {

class Postings;
using PaperId = std::int64_t;  // the caller's stable id (the store's Paper::paper_id)
using Row = std::uint32_t;     // a paper's position in the index, 0..size()-1, in order of adding
using Column = std::uint32_t;  // a feature
using Facet = std::uint32_t;   // a category, venue, source or author id

enum class FeatureKind : std::uint8_t {
  word,    // a stemmed word of title or abstract ("attent")
  phrase,  // two consecutive kept words ("spars attent")
  author,  // an author's name key (author_key: "simeng zhang")
};

enum class FacetKind : std::uint8_t {
  category,   // "cs.CL"
  venue,      // the venue lower-cased ("nature methods"); journal_ref's text when no venue
  source,     // core::source::* of the record ("arxiv-daily")
  author_id,  // "orcid:0000-0002-1825-0097", "openalex:A5023888391", "s2:1723755"
};

inline constexpr int kNoDay = -1'000'000;

struct IndexOptions {
  // Title words count this many times in a paper's term frequencies: ten title words say what a
  // paper is about more densely than 150-200 abstract words. Range 1..5; default 2 (measured on
  // the development days, bench/README.md).
  int title_weight = 2;
  // A phrase (two-word feature) is kept only when at least this many papers of the build have it:
  // most phrases occur once and could never link two papers, yet would be most of the features.
  // Words and authors are always kept (a keyword, an exclusion or a followed author must match
  // even a word or name seen once). Range >= 1; default 2.
  int phrase_min_df = 2;
  // Authors per paper that become features and facets: the lead authors of a 3,000-author
  // collaboration identify it as well as all of them. Default 100.
  std::size_t max_authors = 100;
  // IDF and row norms are recomputed when the index has grown by this fraction since they were
  // last computed (papers added in between use the IDF of the last refresh, new features their
  // document frequency at the time they were added). 0.1: IDF of a word moves by
  // log(1.1) ~ 0.1 at most between refreshes, well below the differences that rank papers.
  double idf_refresh_growth = 0.1;
  // The newest papers whose columns are also kept turned around (postings.h), for rankings of
  // the last days: 2^17 ~ two months of 2,000 papers a day, which covers the page's views (a day,
  // a week, 30 days), at ~700 bytes a paper of the window and 4 bytes a column (129 MiB for a
  // 1M-paper index of 10.7M columns). Added papers join the lists when `posting_refresh` of
  // them are outside (rebuilding the window: 0.75-0.8 s measured at 2^17 papers of that index,
  // under add()'s exclusive access); until then the ranker sums those rows one by one. Neither
  // changes a score, only its speed, so neither is part of a saved index's options.
  std::size_t posting_rows = std::size_t{1} << 17;
  std::size_t posting_refresh = 4096;
  WordVectorOptions vectors;
};

// Papers to build an index from: the caller's ids beside the papers (same length).
struct IndexInput {
  std::span<const PaperId> ids;
  std::span<const core::Paper> papers;
};

class FeatureIndex {
 public:
  // Builds the index of `input`: analyses every paper, keeps the features (IndexOptions), computes
  // IDF and row norms, trains word vectors on the abstracts (WordVectorOptions; skipped when
  // disabled or when there are too few words) and each paper's vector.
  // Errors: invalid_argument for mismatched spans or a duplicate id; internal when the stemmer or
  // fastText fails (e.g. the scratch directory is not writable).
  static Result<FeatureIndex> build(IndexInput input, const IndexOptions& options = {});

  FeatureIndex(FeatureIndex&&) noexcept;
  FeatureIndex& operator=(FeatureIndex&&) noexcept;
  ~FeatureIndex();

  // Adds one paper and returns its row. Words and authors not seen before become new features;
  // phrases not kept at build time are left out until the next build (documented in README).
  // Word vectors are not retrained: the paper's vector uses the words that have one.
  // Refreshes IDF when the growth policy says so. Errors: conflict when `id` is already indexed.
  Result<Row> add(PaperId id, const core::Paper& paper);

  // Recomputes IDF from the current document frequencies and every row's norm. O(features).
  void refresh_idf();

  // --- a file of the index (index_file.cpp), so a process need not build it again ---
  // Writes the index to `path` with `stamp` (the caller's word for what it was built from),
  // through a temporary file beside it renamed over it, so a reader never sees half a file.
  // Errors: internal naming the path (a directory that cannot be written, a full disk).
  Result<void> save(const std::filesystem::path& path, std::string_view stamp) const;
  struct Saved;
  // The index a save() wrote to `path`, with its stamp; nullopt when there is no file, or it was
  // written by another format version or with options other than `options` (a cache to build
  // again, not a failure). Errors: bad_upstream_data for a file that is cut short, fails its
  // checksum or does not hold together (naming the path); internal when it cannot be read.
  static Result<std::optional<Saved>> load(const std::filesystem::path& path,
                                           const IndexOptions& options);

  // --- papers ---
  std::size_t size() const;
  PaperId id(Row row) const;
  std::optional<Row> row(PaperId id) const;
  // The paper's day (days since 1970-01-01): announced, else version date, else published;
  // kNoDay when it has none.
  int day(Row row) const;
  // Rows whose day lies in [since, until], in row order. O(log n + answer).
  std::vector<Row> rows_between(int since, int until) const;
  // Title and abstract tokens counted into the paper's features (title tokens title_weight times).
  std::uint32_t length(Row row) const;
  double average_length() const;

  // The paper's features in increasing column order and their term frequencies (capped at 255).
  std::span<const Column> columns(Row row) const;
  std::span<const std::uint8_t> frequencies(Row row) const;
  // 1 / the L2 norm of the row's TF-IDF vector ((1 + ln tf) * idf per feature).
  float inverse_norm(Row row) const;
  // Rows turned around for the newest papers (IndexOptions::posting_rows); its window is
  // [postings().first(), postings().last()), and rows after it are not in it yet.
  const Postings& postings() const;
  // The paper's facets, increasing.
  std::span<const Facet> facets(Row row) const;
  // The TF-IDF value of one feature of a row: (1 + ln tf) * idf * inverse_norm.
  float tfidf(Row row, Column column, std::uint8_t tf) const;

  // --- features ---
  std::size_t columns_count() const;
  FeatureKind kind(Column column) const;
  std::string_view text(Column column) const;  // "attent", "spars attent", "simeng zhang"
  // The feature as people read it: a word's first unstemmed form in the corpus ("attention"), a
  // phrase's two words ("sparse attention"), an author's key.
  std::string display(Column column) const;
  float idf(Column column) const;  // ln((1 + N) / (1 + df)) + 1 (scikit-learn's)
  std::uint32_t document_frequency(Column column) const;
  std::optional<Column> find(FeatureKind kind, std::string_view text) const;
  // The feature columns of a keyword or phrase as the analyzer reads it: one column for a
  // word or a kept two-word phrase; for longer phrases (or a phrase not kept) the columns of its
  // consecutive pairs when all are kept, else of its words. Empty when a word is unknown.
  std::vector<Column> phrase_columns(std::string_view phrase) const;
  std::optional<Column> author_column(std::string_view name) const;  // by author_key

  // --- facets ---
  std::optional<Facet> find_facet(FacetKind kind, std::string_view value) const;
  FacetKind facet_kind(Facet facet) const;
  std::string_view facet_text(Facet facet) const;
  std::uint32_t facet_frequency(Facet facet) const;  // papers with the facet
  // The facet of a venue name or an author id as facets are stored (lower-cased venue,
  // "scheme:value" id).
  static std::string venue_key(std::string_view venue);

  // --- semantic vectors ---
  const WordVectors& vectors() const;
  // The paper's unit vector, quantised (see PaperVectors); empty span when vectors are off.
  PaperVectors::View vector(Row row) const;

  // Bytes held (arrays and dictionaries, capacity included), for the memory table.
  std::size_t memory_bytes() const;

  const IndexOptions& options() const;

 private:
  struct Data;
  friend struct IndexFile;  // writes and reads Data (index_file.cpp)
  explicit FeatureIndex(std::unique_ptr<Data> data);
  std::unique_ptr<Data> d_;
};

struct FeatureIndex::Saved {
  FeatureIndex index;
  std::string stamp;
};

// (1 + ln tf): the sublinear term frequency weight of every stored tf (scikit-learn's
// sublinear_tf), 0 for 0. Loops over many rows take the table once and index it.
const std::array<float, 256>& tf_weights();
inline float tf_weight(std::uint8_t tf) { return tf_weights()[tf]; }

// Days since 1970-01-01 of "YYYY-MM-DD..." (the first ten characters), or kNoDay.
int day_number(std::string_view date);

}  // namespace ah::radar
