// How the SQLite backend encodes a paper's derived columns: the date-ordered row id, the content
// hash, the authors text and the filter tags indexed in the full-text table. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/paper.h"

namespace ah::store::sqlite {

// Row ids are date-ordered: id = day_key(sort date) << kDayShift | sequence (1..kMaxSequence).
// Ordering by id is ordering by date, so "newest first" is a descending rowid scan, a date range
// is a rowid range (which FTS5 applies inside its doclists), and "the most recent N matches" is a
// rowid window. A paper whose sort date changes is moved to a new id (children cascade).
inline constexpr int kDayShift = 24;
inline constexpr std::int64_t kMaxSequence = (std::int64_t{1} << kDayShift) - 1;

// 1 + days from 0000-03-01 to the day `date` begins with (core::leading_day: "YYYY-MM-DD...", a
// real calendar day); 0 for empty or unreadable text and for a day that does not exist
// ("2024-02-30"): undated papers sort oldest. Allocates nothing. Rows written before impossible
// days were refused were filed under the next real day ("2024-02-30" under 2024-03-01) and keep
// that id until rewritten, so a stored paper's day is day_of_id(its id), not day_key of its date.
std::int64_t day_key(std::string_view date);
// Inverse of day_key for keys >= 1: "YYYY-MM-DD".
std::string day_text(std::int64_t key);
inline std::int64_t first_id_of_day(std::int64_t day) { return day << kDayShift; }
inline std::int64_t last_id_of_day(std::int64_t day) { return (day << kDayShift) | kMaxSequence; }
inline std::int64_t day_of_id(std::int64_t id) { return id >> kDayShift; }

// The date a paper is filtered and sorted by: `published`, or `announced` when that is empty.
const std::string& sort_date(const core::Paper& paper);

// A stable 64-bit hash of a record's content: every field but the provenance (source, source_id,
// fetched_at, fetched_from) and the store-filled ones; a fast "unchanged" test before a full load.
std::int64_t content_hash(const core::Paper& paper);

// The authors column of the full-text index: names joined by "; ".
std::string authors_text(const core::Paper& paper);

// Filter tags indexed in the full-text table's `tags` column as single tokens that the
// 'unicode61' tokenizer keeps whole: lower-case letters and digits, '.' -> '0', '-' -> '1',
// anything else -> '2', then the terminator '9' (no Porter suffix rule ends in a digit, so the
// stemmer leaves the token alone and prefix queries on it work). "cs.CL" -> category token
// "zccs0cl9" and archive token "zacs9"; "hep-th" -> "zchep1th9" and "zahep1th9"; source
// "arxiv-oai" -> "zsarxiv1oai9". source_prefix("arxiv") -> "zsarxiv" (for a prefix query).
std::string category_token(std::string_view category);
std::string archive_token(std::string_view archive);
std::string source_token(std::string_view source);
std::string source_prefix(std::string_view source_prefix);
// An author's token, for author filters: "zu", the words of the name (search::split_words)
// joined by '0', then '9'. "Inés Z. Johnson" -> "zuinés0z0johnson9", which the tokenizer folds
// to "zuines0z0johnson9" as it folds the query's token, so "Ines Z Johnson" finds it. One term
// per name makes an author's feed a read of that author's own postings: a phrase over the
// authors column reads the postings of every word of the name ("z" and "johnson" are on tens of
// thousands of papers at 1M). "" for a name without words.
std::string author_token(std::string_view name);

// The whole tags text for a paper's categories, its authors and the sources that have seen it,
// plus the tick token when `tick` and the notice token when `notice_only`.
std::string tags_text(const std::vector<std::string>& categories,
                      const std::vector<core::Author>& authors,
                      const std::vector<std::string>& sources, bool tick = false,
                      bool notice_only = false);
// `tags` (a tags_text) with `sources` in place of the sources it names: the same text tags_text
// gives for its categories, authors, tick and notice with `sources` (in the order given), so a
// row's sources can change without reading its categories and authors back. Source tokens
// out of place (appended after the tick or notice token by an older AcademicHub) move back.
std::string retag_sources(std::string_view tags, const std::vector<std::string>& sources);

// Calls fn(token) for each token of a tags text (tokens are separated by one space; empty ones,
// from doubled or outer spaces, are skipped): how retag_sources and retag_authors read tags.
template <typename Fn>
void for_each_tag(std::string_view tags, Fn fn) {
  for (size_t start = 0; start < tags.size();) {
    size_t end = tags.find(' ', start);
    if (end == std::string_view::npos) end = tags.size();
    if (end > start) fn(tags.substr(start, end - start));
    start = end + 1;
  }
}

// The tag of a notice-only paper (core::is_notice_only; the papers.notice_only column): every
// search expression negates it (fts_query.h, Notices::leave_out), so that FTS5 skips notices
// inside its doclists instead of the store reading each match's row to drop them.
inline constexpr const char* kNoticeToken = "znotice9";

// Ticks: about one paper in 1024 (chosen by a hash of its id) carries the token "ztick9".
// FTS5 checks a query's lower rowid bound only on rows it emits, so an expression with no match
// in a window (a phrase of common words that are never adjacent, a word never in a title) would
// scan on to the oldest paper. Searches OR their expression with the tick term, so that some row
// is emitted every ~1000 papers and every window ends near its bound; tick rows that do not
// match the real expression are dropped by ah_match / ah_bm25 (ranking.h). Denser ticks would
// bound the overrun more tightly but cost an extra row per tick on every scan.
inline constexpr const char* kTickToken = "ztick9";
bool is_tick(std::int64_t id);

}  // namespace ah::store::sqlite
