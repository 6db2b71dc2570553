// The search query language and the structured search request. Parsing is pure; thread-safe.
//
// Language (case-insensitive field names):
//   sparse attention          both words, anywhere (title, abstract, authors)
//   "sparse attention"        a phrase
//   ti:transformer  abs:x     a word or "phrase" in the title / abstract only
//   au:zhang  au:"simeng zhang"   an author (word or phrase)
//   cat:cs.CL                 a category filter (exact, or an archive prefix "cat:cs" / "cat:cs.*")
//   -diffusion  -"x y"  -au:x a negated term
//   a OR b                    either (binds tighter than the implicit AND)
//   token*                    a prefix
// Field names also have long forms (title:, abstract:, author:, category:). Terms are separated
// by white space (ASCII or Unicode, such as the ideographic space). A term is split into words
// the way the index splits text (words.h): at punctuation and symbols of every script
// ("state-of-the-art" is the phrase "state of the art", "model—attention" the phrase "model
// attention"), and a term without letters or digits ("—", "&", "*") is left out. "OR" must be
// upper case; a category filter can be ORed only with other category filters, and neither it nor
// a term inside an OR group can be negated. Size limits: limits.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "search/words.h"

namespace ah::search {

// `authors`: the words anywhere in the authors' names; `author`: one author's whole name (all
// its words, in order, nothing else: "Simeng Zhang" is not "Simeng Zhang Li"), as the author
// filters of the API and the CLI mean; one word means the same as `authors`.
enum class Field { any, title, abstract, authors, author };

// One term of the query: a word, phrase or prefix, possibly field-restricted and negated.
struct Term {
  Field field = Field::any;
  std::vector<std::string> words;  // one word, or the words of a phrase; lower-cased (ASCII
                                   // letters; the index folds the case of the others)
  bool prefix = false;             // last word is a prefix (written "word*")
  bool negated = false;
};

// A conjunction of clauses; each clause is a disjunction of one or more terms.
struct TextQuery {
  std::vector<std::vector<Term>> clauses;
  bool empty() const { return clauses.empty(); }
};

struct Filters {
  std::vector<std::string> authors;     // each must match (phrase on the authors field)
  std::vector<std::string> categories;  // any of them matches; "cs" or "cs.*" means the archive
  std::vector<std::string> sources;     // any of core::source::* (or a prefix such as "arxiv")
  std::optional<std::string> since;     // inclusive, "YYYY-MM-DD", compared with `published`
  std::optional<std::string> until;     // inclusive
  std::vector<std::string> venues;      // any of them matches: a substring of journal_ref or of
                                        // the venue, ASCII case-insensitive ("Phys. Rev. D",
                                        // "neurips", "Nature Methods")
};

enum class Sort { relevance, newest };

// Whether notice-only papers (core::is_notice_only: a correction, erratum, retraction or
// expression of concern, which the paper it updates shows as its status) are results. Listings
// leave them out; a caller resolving a citation to whatever work it names keeps them.
enum class Notices { leave_out, keep };

struct SearchRequest {
  TextQuery text;  // may be empty: then all papers matching the filters, newest first
  Filters filters;
  Sort sort = Sort::relevance;
  int limit = 20;  // 1..1000
  int offset = 0;  // >= 0
  // Keyset paging in the newest-first order (Sort::newest, or a request without text): only
  // papers after this position, as returned in SearchResult::next_after by the previous page.
  // Unlike offset, a page never repeats a paper of an earlier page while new papers arrive.
  // The value is opaque (backend-specific). nullopt: from the newest paper.
  std::optional<std::int64_t> after;
  // False when the caller needs no total (a feed that only pages): the backend may skip counting;
  // `total` is then at least the hits returned and total_exact is false.
  bool count_total = true;
  Notices notices = Notices::leave_out;
};

// Parses the query language into `text` and, for cat: terms, `filters.categories`.
// Errors (invalid_argument, the message starting "query: "): a query without any term to search
// for ("", "   ", "*", "-", "—", "\"\"": the one rule for the API and the command line), a query
// of only negated terms, a query over kMaxQueryBytes or with more than kMaxQueryTerms terms or
// kMaxPrefixTerms prefix terms (limits.h), and, naming the offending token and its position, an
// unbalanced quote, a field prefix with nothing after it, an unknown field, a misplaced OR.
Result<SearchRequest> parse_query(std::string_view query);

// Validates "YYYY-MM-DD", a real calendar day (core::parse_day) from year 0001 on, and gives it
// back; also accepts "YYYY-MM" and "YYYY", expanded to the first or last day when
// `end_of_range`. Blanks around the text are ignored. Errors: invalid_argument naming the text.
Result<std::string> parse_date_bound(std::string_view text, bool end_of_range);

}  // namespace ah::search
