// The ranking function of the SQLite search: BM25 over the FTS5 index with per-column weights and
// caller-supplied IDFs. Registered per connection. Thread-safety: as the connection.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <span>
#include <string>

#include "core/error.h"

namespace ah::store::sqlite {

// BM25 column weights for paper_fts(title, authors, abstract, tags): a title hit counts 10 times
// an abstract hit and an author hit 4 times (a title is ~10 words that say what the paper is
// about; an author match is deliberate but names are ambiguous; the abstract is ~150-200 words of
// supporting text). Tags are filters and never score.
inline constexpr double kWeightTitle = 10.0;
inline constexpr double kWeightAuthors = 4.0;
inline constexpr double kWeightAbstract = 1.0;
inline constexpr double kWeightTags = 0.0;

// Registers ah_bm25(paper_fts, program, idfs) on `db`, `idfs` being idf_text() of one IDF per
// phrase (one argument however many phrases: SQLite allows a function 127). For a row that does not
// satisfy `program` (see ah_match below) it returns -1; otherwise Okapi BM25 as FTS5's own
// bm25() computes it (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and
// Beyond", 2009; k1 = 1.2, b = 0.75, document length = tokens in all columns of the row, phrase
// frequency = sum of the column weights above over its hits), except that phrase i's IDF is the
// i-th value of `idfs` (missing or 0: the phrase does not score) and the result is positive, higher
// being better. bm25() computes each IDF by counting every document that contains the phrase,
// which for a word in most documents costs tens of milliseconds per query at 1M papers; the
// store estimates frequent phrases' document counts from a bounded sample instead.
//
// Also registers ah_match(paper_fts, program): 1 when the row satisfies the boolean formula
// `program` (match_program() of an FtsQuery rpn: phrase i holds when it has a hit in the row,
// within its column filter), else 0. It tells real matches from tick rows (encoding.h).
// Errors: internal when FTS5 is unavailable.
Result<void> register_ranking(sqlite3* db);

// The IDFs as ah_bm25's argument: each value in its shortest exact decimal form, separated by
// blanks ("2.5 0 0.125").
std::string idf_text(std::span<const double> idfs);

// The IDF FTS5's bm25() uses: ln((N - n + 0.5) / (n + 0.5)), floored at 1e-6, for a phrase in
// `n` of `N` documents.
double bm25_idf(std::int64_t documents, std::int64_t matching);

}  // namespace ah::store::sqlite
