// Translates a parsed search request into FTS5 MATCH expressions over the paper_fts table
// (columns title, authors, abstract, tags). Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "search/query.h"

namespace ah::store::sqlite {

// A boolean formula over the phrases of an expression, in reverse Polish notation: a value >= 0
// is "phrase i has a hit in this row", the negative values combine the top two entries.
inline constexpr int kMatchAnd = -1;
inline constexpr int kMatchOr = -2;
inline constexpr int kMatchAndNot = -3;  // a AND NOT b

struct FtsQuery {
  // The whole request (text terms, author/category/source filters) as one MATCH expression;
  // empty when the request has neither text nor such filters (only dates, or nothing).
  std::string expr;
  // The same with every unrestricted positive term narrowed to the title: its matches are a
  // subset of `expr`'s that BM25 (title weighted highest) ranks first. Empty when the text has no
  // positive unrestricted term.
  std::string title_expr;
  bool has_text = false;  // the request has text terms (not only filters)
  // One entry per FTS5 phrase of `expr`, in FTS5's numbering (textual order): the phrase alone
  // as a MATCH expression (with its column filter), for counting the documents that contain it;
  // empty for phrases that never score (negated terms, filter tags).
  std::vector<std::string> phrases;
  size_t title_phrases = 0;  // number of phrases in `title_expr`
  // `expr` and `title_expr` as formulas over their own phrases (see kMatchAnd): a row matches
  // the expression exactly when its formula holds (evaluated by ah_match, ranking.h).
  std::vector<int> rpn;
  std::vector<int> title_rpn;
};

// The formula as ah_match's argument: its values separated by blanks ("0 1 -2").
std::string match_program(const std::vector<int>& rpn);
// `rpn` with every phrase index increased by `offset` (for a formula inside a larger expression).
std::vector<int> shift_rpn(std::vector<int> rpn, int offset);

// Builds the expressions. Words are quoted (so FTS5 keywords and punctuation are literal); a
// word prefix "w*" becomes ("w"* OR "w") so that a whole word still matches its Porter stem;
// negated terms become one NOT of their OR (so the expression nests no deeper with more of them);
// filters become column-restricted terms ANDed in: an author as a phrase on `authors`, categories
// and sources as tag tokens (see encoding.h).
// With Notices::leave_out (every listing's case), notice-only papers are not results: "NOT
// {tags}: znotice9" (kNoticeToken, encoding.h) is appended to `expr` and to `title_expr` when
// they are not empty, with an unscored phrase and the formula's AND NOT, so that ah_match drops
// notice rows the tick term brings in too. Notices::keep is for an expression that must find
// notices: the negated terms a listing without text drops, a citation resolved by its title.
// Errors: invalid_argument for a term without words, an empty category or source, or a query of
// only negated terms with no filter to negate from.
Result<FtsQuery> build_fts_query(const search::TextQuery& text, const search::Filters& filters,
                                 search::Notices notices = search::Notices::leave_out);

}  // namespace ah::store::sqlite
