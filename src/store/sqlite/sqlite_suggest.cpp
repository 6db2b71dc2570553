// SqliteStore::suggest: completions for the web page's filter input: categories from
// paper_categories_by_category, venues from the journal_ref index of migration 0002, authors
// from the full-text index (suggest_authors, in sqlite_search.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "store/sqlite/sqlite_store.h"

namespace ah::store::sqlite {
namespace {

// Index entries read per venue prefix: a bound on the work of one keystroke. Counts of prefixes
// with more entries are lower bounds.
constexpr int kScanCap = 20000;

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool starts_with_nocase(std::string_view text, std::string_view lower_prefix) {
  return text.size() >= lower_prefix.size() &&
         ascii_lower(text.substr(0, lower_prefix.size())) == lower_prefix;
}

// The upper end of the NOCASE range of strings starting with `prefix`: no character follows a
// prefix that sorts after U+10FFFF.
std::string range_end(std::string_view prefix) { return std::string(prefix) + "\xf4\x8f\xbf\xbf"; }

// "Phys. Rev. D 76, 013009 (2007)" -> "Phys. Rev. D": the text before the first digit, without
// trailing blanks and punctuation (",", "(", ":", "vol."). Empty when nothing precedes a digit.
std::string venue_name(std::string_view journal_ref) {
  size_t end = journal_ref.find_first_of("0123456789");
  std::string_view v = journal_ref.substr(0, end);
  for (;;) {
    while (!v.empty() && std::string_view(" \t,;:(-[/#").find(v.back()) != std::string_view::npos) {
      v.remove_suffix(1);
    }
    bool trimmed = false;
    for (std::string_view tail : {" vol.", " Vol.", " vol", " Vol", " no.", " No.", " pp."}) {
      if (v.ends_with(tail)) {
        v.remove_suffix(tail.size());
        trimmed = true;
      }
    }
    if (!trimmed) break;
  }
  return std::string(v);
}

void rank(std::vector<Suggestion>& out, size_t limit) {
  std::sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
    return a.papers != b.papers ? a.papers > b.papers : a.value < b.value;
  });
  if (out.size() > limit) out.resize(limit);
}

}  // namespace

Result<std::vector<Suggestion>> SqliteStore::suggest(SuggestKind kind, std::string_view prefix,
                                                     int limit) {
  if (limit < 1 || limit > 1000) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("suggest: limit must be 1..1000, not {}", limit));
  }
  if (kind == SuggestKind::author) return suggest_authors(prefix, limit);
  const std::string lower = ascii_lower(prefix);
  std::vector<Suggestion> out;
  auto read = [&]() -> Result<void> {
    if (kind == SuggestKind::category) {
      // The distinct categories by hopping through the index (one seek each, ~150 in all),
      // then an index count for those that match. Of every paper: notices are not left out
      // here (that would read the rows), and no source gives a notice categories.
      auto distinct = db_.cached(
          "WITH RECURSIVE c(category) AS (SELECT min(category) FROM paper_categories "
          "UNION ALL SELECT (SELECT min(category) FROM paper_categories AS p "
          "WHERE p.category > c.category) FROM c WHERE c.category IS NOT NULL) "
          "SELECT category FROM c WHERE category IS NOT NULL");
      if (!distinct) return std::unexpected(distinct.error());
      std::vector<std::string> matching;
      for (;;) {
        auto row = (*distinct)->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        if (starts_with_nocase((*distinct)->text(0), lower))
          matching.push_back((*distinct)->str(0));
      }
      (*distinct)->reset();
      auto count = db_.cached("SELECT count(*) FROM paper_categories WHERE category = ?1");
      if (!count) return std::unexpected(count.error());
      for (const std::string& c : matching) {
        (*count)->bind(1, std::string_view(c));
        auto row = (*count)->step();
        const std::int64_t n = row && *row ? (*count)->int64(0) : 0;
        (*count)->reset();
        if (!row) return std::unexpected(row.error());
        out.push_back(Suggestion{c, n});
      }
      return {};
    }
    if (lower.empty()) return {};
    // Venues as arXiv's journal references name them (up to the first digit), and as journals'
    // records name them (the venue column), each from its own index; of the papers a venue
    // filter lists, so not of notices (a journal's corrections name the journal too), whose
    // flag both indexes hold (migration 0009).
    std::map<std::string, Suggestion> counts;  // case variants count under the first spelling
    for (const char* column : {"journal_ref", "venue"}) {
      auto stmt = db_.cached(fmt::format(
          "SELECT {0} FROM papers INDEXED BY papers_by_{0} WHERE {0} <> '' AND notice_only = 0 "
          "AND {0} >= ?1 COLLATE NOCASE AND {0} < ?2 COLLATE NOCASE LIMIT {1}",
          column, kScanCap));
      if (!stmt) return std::unexpected(stmt.error());
      const std::string end = range_end(lower);
      (*stmt)->bind(1, std::string_view(lower)).bind(2, std::string_view(end));
      const bool reference = std::string_view(column) == "journal_ref";
      for (;;) {
        auto row = (*stmt)->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        std::string value = reference ? venue_name((*stmt)->text(0)) : (*stmt)->str(0);
        if (value.empty() || !starts_with_nocase(value, lower)) continue;
        auto [it, fresh] = counts.try_emplace(ascii_lower(value), Suggestion{value, 0});
        ++it->second.papers;
      }
      (*stmt)->reset();
    }
    for (auto& [key, s] : counts) out.push_back(std::move(s));
    return {};
  };
  // One read transaction, so the counts come from one snapshot.
  if (auto r = db_.exec("BEGIN"); !r) return std::unexpected(r.error());
  auto r = read();
  (void)db_.exec("COMMIT");
  if (!r) return std::unexpected(r.error().with_context("suggest"));
  rank(out, static_cast<size_t>(limit));
  return out;
}

}  // namespace ah::store::sqlite
