// SqliteStore::search: full-text search over paper_fts with bounded work per query.
//
// Why bounded: FTS5 scores every document that matches (~0.75 us each), and its bm25() also
// counts every document containing each phrase to compute the IDF. For a word in most of 1M
// papers that is ~150 ms per query. Four measures keep every query near or under ~25 ms:
//
// 1. Windows. Row ids are date-ordered (encoding.h), so the matches are visited newest first in
//    rowid windows ([L, hi] with `rowid BETWEEN`, which FTS5 applies inside its doclists). The
//    first window holds ~20k papers and each next one twice as many (at most 200k), until 8k
//    matches were scored or the search has used its time (20 ms in all; SearchLimits); windows
//    are cut to fit the time left at the measured cost per paper. A rare term's windows cost
//    little, so it is counted and ranked exactly however old its papers; only frequent terms
//    fill the cap early, and only slow expressions (a phrase of two very common words: FTS5
//    checks positions in every paper holding both) run out of time.
// 2. Title candidates. When the windows stop early, the query narrowed to titles (whose matches
//    BM25 ranks highest, the title weighing 10x) is scanned the same way over the older range,
//    for up to 3k more candidates, so that a strong older title match is still found.
//    Those rows are scored with the full query's phrases (the title phrases get IDF 0), so the
//    two sets of scores are comparable.
// 3. IDFs from samples. Each scoring phrase's document count is counted up to 10k (newest
//    first) and, beyond that, extrapolated from the papers the count covered; ah_bm25
//    (ranking.h) takes the IDFs as arguments instead of counting whole doclists.
// 4. Ticks. FTS5 tests a window's lower bound only on rows it emits, so a window in which the
//    expression never matches would be scanned to the oldest paper; every expression is ORed
//    with a tick term present in ~1 paper in 1024 (encoding.h), and ah_match / ah_bm25 drop
//    tick rows that do not match.
// When the windows stop early, `total` is extrapolated the same way and total_exact is false.
//
// Measured by bench/store_bench.cpp at 1M synthetic papers (200 mixed queries, after optimize()):
// p50 ~5 ms, p99 ~21 ms on a shared 2-core machine; FTS5's own ORDER BY bm25() had p99 150 ms.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

#include "search/limits.h"
#include "store/sqlite/encoding.h"
#include "store/sqlite/paper_rows.h"
#include "store/sqlite/ranking.h"
#include "store/sqlite/sqlite_store.h"

namespace ah::store::sqlite {
namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
constexpr int kVenueParam = 100;  // ?100, ?101, ...: the venues of a venue filter

// ?1 expression (with the tick term), ?2..?3 rowid window, ?4 limit, ?5 ah_match program,
// ?6 IDFs for ah_bm25 (idf_text), ?100... venues (in `filter`, a venue_filter() or "").
std::string rows_sql(std::string_view filter) {
  return fmt::format(
      "SELECT rowid FROM paper_fts WHERE paper_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 "
      "AND ah_match(paper_fts, ?5){} ORDER BY rowid DESC LIMIT ?4",
      filter);
}
std::string count_sql(std::string_view filter) {
  return fmt::format(
      "SELECT count(*), min(rowid) FROM (SELECT rowid FROM paper_fts WHERE paper_fts MATCH ?1 "
      "AND rowid BETWEEN ?2 AND ?3 AND ah_match(paper_fts, ?5){} ORDER BY rowid DESC LIMIT ?4)",
      filter);
}
bool is_count_sql(std::string_view sql) { return sql.starts_with("SELECT count(*)"); }

// Scores every row of the window; ah_bm25 gives -1 for tick rows that do not match (one
// auxiliary call per row instead of two).
std::string score_sql(std::string_view filter) {
  return fmt::format(
      "SELECT rowid, ah_bm25(paper_fts, ?5, ?6) FROM paper_fts WHERE paper_fts MATCH ?1 "
      "AND rowid BETWEEN ?2 AND ?3{} ORDER BY rowid DESC LIMIT ?4",
      filter);
}

// "(instr(lower(column), ?100) > 0 OR ...)": `column` holds one of the `venues` venues (bound
// lower-cased from ?100).
std::string venue_any(size_t venues, std::string_view column) {
  std::string any;
  for (size_t i = 0; i < venues; ++i) {
    any += fmt::format("{}instr(lower({}), ?{}) > 0", i ? " OR " : "", column,
                       kVenueParam + static_cast<int>(i));
  }
  return "(" + any + ")";
}

// The venue filter on the paper whose id is `id_column`, as a condition to AND in; empty
// without venues. A venue matches the journal reference arXiv gives or the venue a journal's
// record names.
std::string venue_filter(size_t venues, std::string_view id_column) {
  if (venues == 0) return {};
  return fmt::format(
      " AND EXISTS (SELECT 1 FROM papers AS v WHERE v.id = {} AND ((v.journal_ref <> '' AND {}) "
      "OR (v.venue <> '' AND {})))",
      id_column, venue_any(venues, "v.journal_ref"), venue_any(venues, "v.venue"));
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// True when the text has terms and every one is negated, and no filter of the index (author,
// category, source) is there to negate from: the request is then "every paper but these".
bool negated_only(const search::SearchRequest& r) {
  if (r.text.empty()) return false;
  for (const auto& clause : r.text.clauses) {
    for (const search::Term& t : clause) {
      if (!t.negated) return false;
    }
  }
  return r.filters.authors.empty() && r.filters.categories.empty() && r.filters.sources.empty();
}

// The expression ORed with the tick term (see encoding.h), whose phrase comes last.
std::string with_tick(std::string_view expr) {
  return fmt::format("({}) OR {{tags}}: {}", expr, kTickToken);
}

}  // namespace

struct SqliteStore::Scan {
  std::int64_t rows = 0;        // matches seen
  std::int64_t covered_lo = 0;  // every match in [covered_lo, hi] was seen
  bool complete = false;        // covered_lo reached the requested lo
};

Result<void> SqliteStore::refresh_days() {
  auto version = db_.query_int("PRAGMA data_version");
  if (!version) return std::unexpected(version.error());
  if (days_valid_ && *version == data_version_) return {};
  if (auto r = days_.load(db_); !r) return r;
  idf_cache_.clear();  // document frequencies change with the data
  // This connection's first search, or the data changed: shared rankings may be stale.
  if (options_.rankings) options_.rankings->invalidate();
  days_valid_ = true;
  data_version_ = *version;
  return {};
}

// Visits the matches of `expr` in [lo, hi] newest first, window by window (see the top of the
// file), until `cap` matches, limits_.doc_budget papers, or `budget_share` of the search's time
// budget has passed. `sql` is a rows_sql, count_sql or score_sql; with `rows`, each match
// (and its score, for score_sql) is appended. Windows double from first_window up to max_window
// (grow eightfold past it while each costs under 0.2 ms: a rare term's scan then takes three
// windows at 1M papers instead of eight) but are cut to what the time left allows at the last
// window's cost per paper.
Result<SqliteStore::Scan> SqliteStore::scan_windows(const std::string& sql, std::string_view expr,
                                                    const std::string& program,
                                                    std::span<const double> idfs, std::int64_t lo,
                                                    std::int64_t hi, std::int64_t cap,
                                                    std::vector<Scored>* rows,
                                                    double budget_share) {
  using std::chrono::steady_clock;
  const bool counting = is_count_sql(sql);
  const bool scoring = sql.find("ah_bm25") != std::string::npos;
  const auto deadline = search_start_ + std::chrono::duration_cast<steady_clock::duration>(
                                            limits_.time_budget * budget_share);
  auto stmt = db_.cached(sql);
  if (!stmt) return std::unexpected(stmt.error());
  Stmt& s = **stmt;
  const std::string idf_arg = scoring ? idf_text(idfs) : std::string();
  Scan scan;
  std::int64_t cur = hi, window = limits_.first_window, covered_docs = 0;
  for (bool first = true;; first = false) {
    const auto now = steady_clock::now();
    if (!first && (covered_docs >= limits_.doc_budget || now >= deadline)) {
      scan.covered_lo = cur + 1;
      return scan;
    }
    if (ns_per_doc_ > 0) {
      const double left_ns = std::chrono::duration<double, std::nano>(deadline - now).count();
      const auto affordable = static_cast<std::int64_t>(std::max(0.0, left_ns) / ns_per_doc_);
      window = std::clamp(affordable, limits_.min_window, std::max(window, limits_.min_window));
    }
    const std::int64_t wlo = days_.window_start(cur, window, lo);
    const std::int64_t limit = cap - scan.rows;
    // Scoring reads tick rows too (ah_bm25 gives them -1): it stops itself after `limit` matches.
    s.bind(1, expr).bind(2, wlo).bind(3, cur).bind(4, scoring ? kMaxId : limit).bind(5, program);
    if (scoring) s.bind(6, std::string_view(idf_arg));
    for (size_t i = 0; i < venues_.size() && sql.find("journal_ref") != std::string::npos; ++i) {
      s.bind(kVenueParam + static_cast<int>(i), std::string_view(venues_[i]));
    }
    std::int64_t n = 0, lowest = cur;
    while (n < limit) {
      auto row = s.step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      if (counting) {
        n = s.int64(0);
        if (n > 0) lowest = s.int64(1);
        break;
      }
      const double score = scoring ? s.real(1) : 0.0;
      if (score < 0) continue;  // a tick row
      ++n;
      lowest = s.int64(0);
      if (rows) rows->push_back(Scored{lowest, score});
    }
    s.reset();
    scan.rows += n;
    if (n >= limit) {  // the cap was reached inside this window
      scan.covered_lo = lowest;
      return scan;
    }
    const std::int64_t docs = days_.docs_between(wlo, cur);
    const double took_ns =
        std::chrono::duration<double, std::nano>(steady_clock::now() - now).count();
    if (docs > 0) ns_per_doc_ = took_ns / static_cast<double>(docs);
    covered_docs += docs;
    if (wlo <= lo) {
      scan.covered_lo = lo;
      scan.complete = true;
      return scan;
    }
    cur = wlo - 1;
    // A window this cheap cost its query's setup, not its papers (a rare term's few postings):
    // the next may be much larger without risking the budget (which still bounds it above).
    constexpr double kCheapWindowNs = 200'000;
    window = took_ns < kCheapWindowNs ? std::min(window * 8, limits_.max_window * 64)
                                      : std::min(window * 2, limits_.max_window);
  }
}

Result<std::vector<double>> SqliteStore::phrase_idfs(const FtsQuery& fts) {
  const std::int64_t documents = days_.total();
  std::vector<double> idfs(fts.phrases.size(), 0.0);
  std::unordered_map<std::string_view, double> seen;
  for (size_t i = 0; i < fts.phrases.size(); ++i) {
    const std::string& phrase = fts.phrases[i];
    if (phrase.empty()) continue;
    if (auto it = seen.find(phrase); it != seen.end()) {
      idfs[i] = it->second;
      continue;
    }
    if (auto it = idf_cache_.find(phrase); it != idf_cache_.end()) {
      idfs[i] = it->second;
      seen.emplace(phrase, idfs[i]);
      continue;
    }
    auto scan = scan_windows(count_sql(""), with_tick(phrase), "0", {}, 0, kMaxId, limits_.df_cap,
                             nullptr, 0.25);
    if (!scan) return std::unexpected(scan.error());
    std::int64_t matching = scan->rows;
    if (!scan->complete) {
      const std::int64_t covered =
          std::max<std::int64_t>(1, days_.docs_between(scan->covered_lo, kMaxId));
      matching = std::min(documents, scan->rows * documents / covered);
    }
    idfs[i] = bm25_idf(documents, matching);
    seen.emplace(phrase, idfs[i]);
    if (idf_cache_.size() >= kIdfCacheSize) idf_cache_.clear();
    idf_cache_.emplace(phrase, idfs[i]);
  }
  return idfs;
}

Result<SearchResult> SqliteStore::relevance(const FtsQuery& fts, std::int64_t lo, std::int64_t hi,
                                            std::int64_t need, std::vector<Scored>& ranked) {
  auto idfs = phrase_idfs(fts);
  if (!idfs) return std::unexpected(idfs.error());
  SearchResult out;
  const std::int64_t cap = std::max(limits_.score_cap, need);
  const std::string program = match_program(fts.rpn);
  auto scan = scan_windows(score_sql(venue_filter_), with_tick(fts.expr), program, *idfs, lo, hi,
                           cap, &ranked, 0.8);
  if (!scan) return std::unexpected(scan.error());
  out.total = scan->rows;
  if (!scan->complete) {
    const std::int64_t covered =
        std::max<std::int64_t>(1, days_.docs_between(scan->covered_lo, hi));
    out.total = scan->rows * days_.docs_between(lo, hi) / covered;
    out.total_exact = false;
    if (!fts.title_expr.empty() && scan->covered_lo > lo) {
      std::vector<double> title_idfs(fts.title_phrases, 0.0);
      title_idfs.insert(title_idfs.end(), idfs->begin(), idfs->end());
      const std::string combined = "(" + fts.title_expr + ") AND (" + fts.expr + ")";
      std::vector<int> rpn = fts.title_rpn;
      for (int v : shift_rpn(fts.rpn, static_cast<int>(fts.title_phrases))) rpn.push_back(v);
      rpn.push_back(kMatchAnd);
      auto older =
          scan_windows(score_sql(venue_filter_), with_tick(combined), match_program(rpn),
                       title_idfs, lo, scan->covered_lo - 1, limits_.title_cap, &ranked, 1.0);
      if (!older) return std::unexpected(older.error());
    }
  }
  const auto better = [](const Scored& a, const Scored& b) {
    return a.score != b.score ? a.score > b.score : a.id > b.id;
  };
  const size_t keep = std::min(ranked.size(), static_cast<size_t>(need));
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(keep), ranked.end(), better);
  ranked.resize(keep);
  return out;
}

// relevance() through the shared ranking cache: the first kCachedPlaces places of the query,
// ranked once per generation of the data, serve all of its pages (deeper ones are ranked anew).
Result<SearchResult> SqliteStore::shared_relevance(const FtsQuery& fts, std::int64_t lo,
                                                   std::int64_t hi, std::int64_t need,
                                                   std::vector<Scored>& ranked) {
  constexpr std::int64_t kCachedPlaces = 1000;
  RankingCache& cache = *options_.rankings;
  const std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}", fts.expr, fts.title_expr, lo,
                                      hi, fmt::join(venues_, "\x1e"));
  SearchResult out;
  if (auto hit = cache.find(key);
      hit && (hit->whole || static_cast<std::int64_t>(hit->ranked.size()) >= need)) {
    const size_t n = std::min(hit->ranked.size(), static_cast<size_t>(need));
    for (size_t i = 0; i < n; ++i)
      ranked.push_back(Scored{hit->ranked[i].id, hit->ranked[i].score});
    out.total = hit->total;
    out.total_exact = hit->total_exact;
    return out;
  }
  const std::uint64_t generation = cache.generation();
  const std::int64_t places = std::max(need, kCachedPlaces);
  auto r = relevance(fts, lo, hi, places, ranked);
  if (!r) return r;
  RankingCache::Entry entry;
  entry.ranked.reserve(ranked.size());
  for (const Scored& s : ranked) entry.ranked.push_back({s.id, s.score});
  entry.whole = static_cast<std::int64_t>(ranked.size()) < places;
  entry.total = r->total;
  entry.total_exact = r->total_exact;
  cache.put(key, std::move(entry), generation);
  return r;
}

// The newest papers of [lo, hi] without a positive full-text expression: every paper, or those
// of the venue filter, minus those matching `drop` (negated terms, ORed), read newest first
// from the papers table (or, with venues, the journal_ref and venue indexes) and checked one by
// one. Notice-only papers are left out by their column, unless `notices` keeps them. It is the
// row's last, so each row is decoded to its end: 200,000 rows of a 1M store took 167 against
// 141 ms, a page of 50 the same (a partial index of the few notices would be one more index
// written for every paper). The venue indexes hold the flag too, so they stay covering. The
// total without a filter is the day index's, which counts no notices either (so a listing that
// keeps them counts what it reads). Stops after need + 1 papers (counting: count_cap) or when
// the time budget is used.
Result<SearchResult> SqliteStore::stream_newest(std::int64_t lo, std::int64_t hi,
                                                const std::string& drop, search::Notices notices,
                                                std::int64_t need, bool count_total,
                                                std::vector<Scored>& ranked) {
  SearchResult out;
  const bool keep_notices = notices == search::Notices::keep;
  const bool plain = drop.empty() && venues_.empty() && !keep_notices;
  const std::string_view no_notice = keep_notices ? "" : "AND notice_only = 0 ";
  std::string sql =
      fmt::format("SELECT id FROM papers WHERE id BETWEEN ?1 AND ?2 {}ORDER BY id DESC", no_notice);
  if (!venues_.empty()) {
    // The partial indexes hold only papers with a journal_ref (a fifth of arXiv) or a venue:
    // reading them whole costs less than reading paper rows until enough match a rare venue.
    sql = fmt::format(
        "SELECT id FROM papers INDEXED BY papers_by_journal_ref WHERE journal_ref <> '' "
        "{0}AND id BETWEEN ?1 AND ?2 AND {1} "
        "UNION SELECT id FROM papers INDEXED BY papers_by_venue WHERE venue <> '' "
        "{0}AND id BETWEEN ?1 AND ?2 AND {2} ORDER BY id DESC",
        no_notice, venue_any(venues_.size(), "journal_ref"), venue_any(venues_.size(), "venue"));
  }
  auto stmt = db_.cached(sql);
  if (!stmt) return std::unexpected(stmt.error());
  Stmt& s = **stmt;
  s.bind(1, lo).bind(2, hi);
  for (size_t i = 0; i < venues_.size(); ++i) {
    s.bind(kVenueParam + static_cast<int>(i), std::string_view(venues_[i]));
  }
  Stmt* check = nullptr;
  if (!drop.empty()) {
    auto c = db_.cached("SELECT 1 FROM paper_fts WHERE paper_fts MATCH ?1 AND rowid = ?2");
    if (!c) return std::unexpected(c.error());
    check = *c;
  }
  const auto deadline = search_start_ + limits_.time_budget;
  const std::int64_t enough =
      plain || !count_total ? need + 1 : std::max(limits_.count_cap, need + 1);
  std::int64_t matched = 0, examined = 0, lowest = hi;
  bool complete = true;
  Result<void> failed;
  for (;;) {
    if ((examined & 63) == 63 && std::chrono::steady_clock::now() >= deadline) {
      complete = false;
      break;
    }
    auto row = s.step();
    if (!row) {
      failed = std::unexpected(row.error());
      break;
    }
    if (!*row) break;
    const std::int64_t id = s.int64(0);
    ++examined;
    lowest = id;
    if (check) {
      check->bind(1, std::string_view(drop)).bind(2, id);
      auto hit = check->step();
      check->reset();
      if (!hit) {
        failed = std::unexpected(hit.error());
        break;
      }
      if (*hit) continue;
    }
    if (static_cast<std::int64_t>(ranked.size()) <= need) ranked.push_back(Scored{id, 0.0});
    if (++matched >= enough) {
      complete = false;
      break;
    }
  }
  s.reset();
  if (!failed) return std::unexpected(failed.error());
  if (plain) {
    out.total = days_.docs_between(lo, hi);
  } else {
    out.total = matched;
    if (!complete) {
      const std::int64_t covered = std::max<std::int64_t>(1, days_.docs_between(lowest, hi));
      out.total = std::max(matched, matched * days_.docs_between(lo, hi) / covered);
      out.total_exact = false;
    }
  }
  if (static_cast<std::int64_t>(ranked.size()) > need) {
    out.next_after = ranked[static_cast<size_t>(need) - 1].id;
  } else if (!complete) {
    out.next_after = lowest;  // every paper from `lowest` up was examined
  }
  return out;
}

// Author suggestions from the full-text index (an index of every name would slow imports by a
// sixth): the names on the newest papers (up to kAuthorSample) whose authors hold the prefix's
// words in a row, the last one as a prefix unless the text ends in a blank; ranked by the papers
// each name matches as a phrase on authors, which is what an author filter on it shows (an
// estimate when the count runs out of time). A last word shorter than the index's shortest
// prefix ("si") is looked for among the authors of the newest papers only.
Result<std::vector<Suggestion>> SqliteStore::suggest_authors(std::string_view prefix, int limit) {
  constexpr std::int64_t kAuthorSample = 1000;
  constexpr size_t kMinPrefixLength = 3;  // as fts_query.cpp's kMinPrefix
  const std::vector<std::string> words = search::split_words(prefix);
  if (words.empty()) return std::vector<Suggestion>{};
  const bool open_ended = !prefix.empty() && prefix.back() != ' ';
  // Names and counts of the papers an author filter lists: no notices (fts_query.h).
  auto fts = build_fts_query(
      search::TextQuery{{{search::Term{search::Field::authors, words, open_ended, false}}}}, {});
  if (!fts) return std::unexpected(fts.error());
  venues_.clear();
  // Does `name` hold the words in a row (the last as a prefix when open-ended)?
  auto holds = [&](const std::vector<std::string>& name) {
    for (size_t start = 0; start + words.size() <= name.size(); ++start) {
      bool all = true;
      for (size_t i = 0; i < words.size() && all; ++i) {
        const std::string& w = name[start + i];
        all = (open_ended && i + 1 == words.size()) ? w.starts_with(words[i]) : w == words[i];
      }
      if (all) return true;
    }
    return false;
  };
  auto run = [&]() -> Result<std::vector<Suggestion>> {
    if (auto r = refresh_days(); !r) return std::unexpected(r.error());
    search_start_ = std::chrono::steady_clock::now();
    ns_per_doc_ = 0;
    std::vector<std::int64_t> ids;
    if (open_ended && words.back().size() < kMinPrefixLength) {
      auto newest =
          db_.cached("SELECT id FROM papers WHERE notice_only = 0 ORDER BY id DESC LIMIT ?1");
      if (!newest) return std::unexpected(newest.error());
      (*newest)->bind(1, kAuthorSample);
      for (;;) {
        auto row = (*newest)->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        ids.push_back((*newest)->int64(0));
      }
      (*newest)->reset();
    } else {
      std::vector<Scored> rows;
      auto scan = scan_windows(rows_sql(""), with_tick(fts->expr), match_program(fts->rpn), {}, 0,
                               kMaxId, kAuthorSample, &rows, 0.5);
      if (!scan) return std::unexpected(scan.error());
      for (const Scored& r : rows) ids.push_back(r.id);
    }
    std::vector<Suggestion> out;
    if (ids.empty()) return out;
    auto names = db_.prepare(
        fmt::format("SELECT name FROM paper_authors WHERE paper_id IN ({})", fmt::join(ids, ",")));
    if (!names) return std::unexpected(names.error());
    // Spellings that split into the same words are one author: the first spelling met.
    std::map<std::vector<std::string>, Suggestion> seen;
    for (;;) {
      auto row = names->step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      std::vector<std::string> name = search::split_words(names->text(0));
      if (!holds(name)) continue;
      auto [it, fresh] = seen.try_emplace(std::move(name), Suggestion{names->str(0), 0});
      ++it->second.papers;
    }
    for (auto& [key, s] : seen) out.push_back(std::move(s));
    std::sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
      return a.papers != b.papers ? a.papers > b.papers : a.value < b.value;
    });
    if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
    // Each candidate's count over the whole store, as its author filter would match.
    for (Suggestion& s : out) {
      search::Filters by_author;
      by_author.authors = {s.value};
      auto phrase = build_fts_query({}, by_author);
      if (!phrase) return std::unexpected(phrase.error());
      search_start_ = std::chrono::steady_clock::now();
      ns_per_doc_ = 0;
      auto count = scan_windows(count_sql(""), with_tick(phrase->expr), match_program(phrase->rpn),
                                {}, 0, kMaxId, limits_.count_cap, nullptr, 0.25);
      if (!count) return std::unexpected(count.error());
      s.papers = count->rows;
      if (!count->complete) {
        const std::int64_t covered =
            std::max<std::int64_t>(1, days_.docs_between(count->covered_lo, kMaxId));
        s.papers = count->rows * days_.total() / covered;
      }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Suggestion& a, const Suggestion& b) { return a.papers > b.papers; });
    return out;
  };
  if (auto r = db_.exec("BEGIN"); !r) return std::unexpected(r.error());
  auto result = run();
  (void)db_.exec("COMMIT");
  return result;
}

Result<SearchResult> SqliteStore::search(const search::SearchRequest& request) {
  if (auto size = search::check_request_size(request); !size) return std::unexpected(size.error());
  if (request.limit < 1 || request.limit > 1000) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("search: limit must be 1..1000, not {}", request.limit));
  }
  if (request.offset < 0) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("search: offset must be >= 0, not {}", request.offset));
  }
  std::int64_t lo = 0, hi = kMaxId;
  if (request.filters.since) {
    auto d = search::parse_date_bound(*request.filters.since, false);
    if (!d) return std::unexpected(d.error().with_context("search: since"));
    lo = first_id_of_day(day_key(*d));
  }
  if (request.filters.until) {
    auto d = search::parse_date_bound(*request.filters.until, true);
    if (!d) return std::unexpected(d.error().with_context("search: until"));
    hi = last_id_of_day(day_key(*d));
  }
  venues_.clear();
  for (const std::string& v : request.filters.venues) {
    if (v.empty()) return fail(ErrorCode::invalid_argument, "search: an empty venue filter");
    venues_.push_back(ascii_lower(v));
  }
  venue_filter_ = venue_filter(venues_.size(), "paper_fts.rowid");

  // A text of negated terms only: no expression, and the terms (ORed) name the papers to drop.
  std::string drop;
  Result<FtsQuery> fts = FtsQuery{};
  if (negated_only(request)) {
    search::TextQuery any_of;
    any_of.clauses.emplace_back();
    for (const auto& clause : request.text.clauses) {
      for (search::Term t : clause) {
        t.negated = false;
        any_of.clauses.front().push_back(std::move(t));
      }
    }
    auto d = build_fts_query(any_of, {}, search::Notices::keep);
    if (!d) return std::unexpected(d.error());
    drop = d->expr;
  } else {
    fts = build_fts_query(request.text, request.filters, request.notices);
    if (!fts) return std::unexpected(fts.error());
  }
  const bool by_relevance =
      !fts->expr.empty() && fts->has_text && request.sort == search::Sort::relevance;
  if (request.after) {
    if (by_relevance) {
      return fail(ErrorCode::invalid_argument,
                  "search: paging with `after` needs the newest-first order");
    }
    hi = std::min(hi, *request.after - 1);
  }
  if (lo > hi) return SearchResult{};

  const std::int64_t need = std::int64_t{request.offset} + request.limit;
  search_start_ = std::chrono::steady_clock::now();
  ns_per_doc_ = 0;
  auto run = [&]() -> Result<SearchResult> {
    if (auto r = refresh_days(); !r) return std::unexpected(r.error());
    std::vector<Scored> ranked;
    SearchResult out;
    if (fts->expr.empty()) {
      auto r = stream_newest(lo, hi, drop, request.notices, need, request.count_total, ranked);
      if (!r) return r;
      out = std::move(*r);
    } else if (!by_relevance) {
      // One more than the page tells whether a next page exists.
      const std::string expr = with_tick(fts->expr), program = match_program(fts->rpn);
      auto page =
          scan_windows(rows_sql(venue_filter_), expr, program, {}, lo, hi, need + 1, &ranked, 0.6);
      if (!page) return std::unexpected(page.error());
      if (static_cast<std::int64_t>(ranked.size()) > need) {
        out.next_after = ranked[static_cast<size_t>(need) - 1].id;
      } else if (!page->complete) {
        out.next_after = page->covered_lo;  // every match from covered_lo up was seen
      }
      if (request.count_total) {
        auto count = scan_windows(count_sql(venue_filter_), expr, program, {}, lo, hi,
                                  std::max(limits_.count_cap, need), nullptr, 1.0);
        if (!count) return std::unexpected(count.error());
        out.total = count->rows;
        if (!count->complete) {
          const std::int64_t covered =
              std::max<std::int64_t>(1, days_.docs_between(count->covered_lo, hi));
          out.total = count->rows * days_.docs_between(lo, hi) / covered;
          out.total_exact = false;
        }
      } else {
        out.total_exact = false;
      }
    } else if (!options_.rankings) {
      auto r = relevance(*fts, lo, hi, need, ranked);
      if (!r) return r;
      out = std::move(*r);
    } else {
      auto r = shared_relevance(*fts, lo, hi, need, ranked);
      if (!r) return r;
      out = std::move(*r);
    }
    if (static_cast<std::int64_t>(ranked.size()) > need) ranked.resize(static_cast<size_t>(need));
    out.total = std::max<std::int64_t>(out.total, static_cast<std::int64_t>(ranked.size()));
    if (!request.count_total && !by_relevance && !out.next_after) {
      // Nothing is left to page through: the hits are the whole count.
      out.total = static_cast<std::int64_t>(ranked.size());
      out.total_exact = true;
    }

    std::vector<std::int64_t> ids;
    std::vector<double> scores;
    for (size_t i = static_cast<size_t>(request.offset); i < ranked.size(); ++i) {
      ids.push_back(ranked[i].id);
      scores.push_back(ranked[i].score);
    }
    auto papers = load_papers(db_, ids);
    if (!papers) return std::unexpected(papers.error());
    if (papers->size() != ids.size()) {
      return fail(ErrorCode::internal, "search: the index names papers that do not exist");
    }
    for (size_t i = 0; i < ids.size(); ++i) {
      out.hits.push_back(SearchHit{std::move((*papers)[i]), scores[i]});
    }
    return out;
  };
  // One read transaction: the count, the ranking and the loaded papers see the same snapshot.
  if (auto r = db_.exec("BEGIN"); !r) return std::unexpected(r.error());
  auto result = run();
  (void)db_.exec(result ? "COMMIT" : "ROLLBACK");
  return result;
}

}  // namespace ah::store::sqlite
