// ContentGenerator: the text fields of a synthetic record (title, abstract, authors, comments,
// journal-ref, DOI, report number, license, categories), drawn from the vocabulary and tables.
// Not thread-safe: it holds the caller's Rng by reference.
#pragma once

#include <cstdint>
#include <vector>

#include "corpus/random.h"
#include "corpus/record.h"
#include "corpus/vocabulary.h"

namespace ah::bench {

class ContentGenerator {
 public:
  // `vocabulary` and `rng` must outlive the generator.
  ContentGenerator(const Vocabulary& vocabulary, Rng& rng);

  // Fills every field of `record` except id, versions and updated, which must already be set
  // (the license and references depend on the year of versions[0]). `archive` is the old-style
  // archive ("hep-th", "math") the primary category must belong to, or empty for new-style ids.
  void fill(SyntheticRecord& record, std::string_view archive);

 private:
  void fill_title(std::string& out);
  void fill_abstract(std::string& out);
  void fill_authors(SyntheticRecord& record);
  void fill_categories(SyntheticRecord& record, std::string_view archive, int year);
  void fill_references(SyntheticRecord& record, int year);

  const Vocabulary& vocabulary_;
  Rng& rng_;
  AliasTable category_table_;
  AliasTable author_count_table_;
  AliasTable surname_table_;
  std::vector<std::string_view> words_;  // scratch
};

}  // namespace ah::bench
