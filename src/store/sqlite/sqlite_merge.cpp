// SqliteStore's papers of several records: which papers a record links to (by identifier, by
// linking relation, by the fuzzy match), folding papers into one, recomputing a paper from its
// records, and splitting one (unmerge); with the reads that show them (get, records, merges).
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "identity/fuzzy.h"
#include "identity/links.h"
#include "store/paper_merge.h"
#include "store/sqlite/columns.h"
#include "store/sqlite/encoding.h"
#include "store/sqlite/paper_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace ah::store::sqlite {
namespace {

// How far apart in time the fuzzy match looks: two years either way (a preprint is often a year
// or more older than its article; identity::fuzzy_match refuses three).
constexpr std::int64_t kFuzzyDays = 731;
constexpr int kFuzzyCandidates = 20;
// Titles counted per word when choosing a title's rarest words (rarest_title_words).
constexpr int kFrequencyCap = 200;

std::string fts_word(const std::string& w) {
  std::string out = "\"";
  for (char c : w) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

// The identifiers of records, normalised, without duplicates.
std::vector<core::Identifier> all_identifiers(const std::vector<identity::Record>& records) {
  std::vector<core::Identifier> out;
  for (const identity::Record& r : records) {
    for (core::Identifier& id : identity::identifiers(r.content)) {
      if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
    }
  }
  return out;
}

}  // namespace

Result<std::vector<Candidate>> SqliteStore::linked_papers(const core::Paper& record,
                                                          const std::optional<PaperRef>& self) {
  std::vector<Candidate> out;
  for (const identity::Link& link : identity::linking_ids(record)) {
    auto rowid = lookup(link.id.scheme, link.id.value);
    if (!rowid) return std::unexpected(rowid.error());
    if (!*rowid || (self && **rowid == self->rowid)) continue;
    if (std::any_of(out.begin(), out.end(),
                    [&](const Candidate& c) { return c.paper.rowid == **rowid; })) {
      continue;
    }
    auto paper = paper_by_rowid(**rowid);
    if (!paper) return std::unexpected(paper.error());
    out.push_back(Candidate{*paper, link.reason});
  }
  if (out.empty()) return out;
  // Papers with another arXiv id (PMID, PMCID) than this record's, or than its own paper's, are
  // other works; papers an operator split from this one stay apart.
  std::vector<core::Identifier> own = identity::identifiers(record);
  if (self) {
    auto ids = paper_identifiers(self->rowid);
    if (!ids) return std::unexpected(ids.error());
    own.insert(own.end(), ids->begin(), ids->end());
  }
  std::vector<Candidate> kept;
  for (Candidate& c : out) {
    auto ids = paper_identifiers(c.paper.rowid);
    if (!ids) return std::unexpected(ids.error());
    if (identity::conflicts(own, *ids)) continue;
    if (self) {
      auto is_blocked = blocked(*self, c.paper);
      if (!is_blocked) return std::unexpected(is_blocked.error());
      if (*is_blocked) continue;
    }
    kept.push_back(std::move(c));
  }
  std::sort(kept.begin(), kept.end(),
            [](const Candidate& a, const Candidate& b) { return a.paper.uid < b.paper.uid; });
  return kept;
}

Result<std::vector<std::string>> SqliteStore::rarest_title_words(const core::Paper& record,
                                                                 std::int64_t lo_id,
                                                                 std::int64_t hi_id) {
  std::vector<std::string> words = identity::title_words(record);
  if (words.empty()) return words;
  // The index must hold this transaction's titles in the window before it is read.
  if (auto r = fts_flush_for_titles(lo_id, hi_id); !r) return std::unexpected(r.error());
  // How many titles in the window hold each word, counted up to a cap: beyond it a word is
  // too common to tell papers apart anyway.
  auto stmt = db_.cached(fmt::format(
      "SELECT count(*) FROM (SELECT 1 FROM title_fts WHERE title_fts MATCH ?1 "
      "AND rowid BETWEEN ?2 AND ?3 LIMIT {})",
      kFrequencyCap));
  if (!stmt) return std::unexpected(stmt.error());
  std::vector<std::int64_t> frequencies;
  for (const std::string& w : words) {
    const std::string expr = fts_word(w);
    (*stmt)->bind(1, std::string_view(expr)).bind(2, lo_id).bind(3, hi_id);
    auto row = (*stmt)->step();
    if (!row) {
      (*stmt)->reset();
      return std::unexpected(row.error());
    }
    frequencies.push_back(*row ? (*stmt)->int64(0) : 0);
    (*stmt)->reset();
  }
  return identity::rarest_words(std::move(words), frequencies, 3);
}

Result<std::vector<std::int64_t>> SqliteStore::fts_title_rowids(
    const std::vector<std::string>& words, std::int64_t lo_id, std::int64_t hi_id, bool pairwise) {
  // Titles holding two of the words (any two of three, so one changed word is forgiven), dated
  // within the window, newest first: in one query, or with `pairwise` one query per pair.
  std::vector<std::int64_t> rowids;
  if (words.empty()) return rowids;
  std::vector<std::string> exprs;
  auto both = [&](size_t i, size_t j) {
    return fmt::format("({} AND {})", fts_word(words[i]), fts_word(words[j]));
  };
  if (words.size() == 1) {
    exprs = {fts_word(words[0])};
  } else if (words.size() == 2) {
    exprs = {both(0, 1)};
  } else if (pairwise) {
    exprs = {both(0, 1), both(0, 2), both(1, 2)};
  } else {
    exprs = {both(0, 1) + " OR " + both(0, 2) + " OR " + both(1, 2)};
  }
  // The index must hold this transaction's titles in the window before it is read.
  if (auto r = fts_flush_for_titles(lo_id, hi_id); !r) return std::unexpected(r.error());
  auto stmt = db_.cached(fmt::format(
      "SELECT rowid FROM title_fts WHERE title_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 "
      "ORDER BY rowid DESC LIMIT {}",
      kFuzzyCandidates));
  if (!stmt) return std::unexpected(stmt.error());
  for (const std::string& expr : exprs) {
    (*stmt)->bind(1, std::string_view(expr)).bind(2, lo_id).bind(3, hi_id);
    auto read = (*stmt)->each_row([&](const Stmt& row) {
      const std::int64_t id = row.int64(0);
      if (std::find(rowids.begin(), rowids.end(), id) == rowids.end()) rowids.push_back(id);
    });
    if (!read) return std::unexpected(read.error());
  }
  return rowids;
}

Result<std::optional<Candidate>> SqliteStore::fuzzy_candidate(const core::Paper& record,
                                                              identity::Family family) {
  const std::int64_t day = day_key(sort_date(record));
  const std::int64_t lo_id =
      day > 0 ? first_id_of_day(std::max<std::int64_t>(0, day - kFuzzyDays)) : std::int64_t{0};
  const std::int64_t hi_id =
      day > 0 ? last_id_of_day(day + kFuzzyDays) : std::numeric_limits<std::int64_t>::max();
  if (family == identity::Family::arxiv) {
    // An arXiv record looks among the papers that have no arXiv record (match_keys): in a store
    // of arXiv papers alone that is nothing, at the cost of one check per transaction. Checked
    // before the title is folded into words, which cost ~9% of an arXiv-only import.
    auto any = any_rows(any_match_keys_, "match_keys");
    if (!any) return std::unexpected(any.error());
    if (!*any) return std::optional<Candidate>();
    const std::vector<std::string> words = identity::candidate_words(record);
    auto stmt = db_.cached(fmt::format(
        "SELECT paper_uid FROM match_keys WHERE key = ?1 AND day BETWEEN ?2 AND ?3 LIMIT {}",
        kFuzzyCandidates));
    if (!stmt) return std::unexpected(stmt.error());
    std::set<std::int64_t> uids;
    for (const std::string& w : words) {
      (*stmt)->bind(1, std::string_view(w));
      (*stmt)->bind(2, day > 0 ? day - kFuzzyDays : std::int64_t{0});
      (*stmt)->bind(3, day > 0 ? day + kFuzzyDays : std::numeric_limits<std::int64_t>::max());
      for (;;) {
        auto row = (*stmt)->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        uids.insert((*stmt)->int64(0));
      }
      (*stmt)->reset();
    }
    std::vector<std::int64_t> rowids;
    for (std::int64_t uid : uids) {
      auto paper = paper_by_uid(uid);
      if (!paper) return std::unexpected(paper.error());
      if (*paper) rowids.push_back((*paper)->rowid);
    }
    return best_title_match(record, family, rowids);
  }
  // Other records look in the titles' full-text index (title_fts), first by the title's longest
  // words (which find most papers at once, at the cost of one query); when that finds no match
  // and either was cut off at kFuzzyCandidates papers or had fewer than three words to ask with,
  // again by the title's rarest words in the window (identity::rarest_words: a title's longest
  // words can be its commonest, and a title of short words has few long ones).
  const std::vector<std::string> longest = identity::candidate_words(record);
  auto rowids = fts_title_rowids(longest, lo_id, hi_id, /*pairwise=*/false);
  if (!rowids) return std::unexpected(rowids.error());
  auto best = best_title_match(record, family, *rowids);
  if (!best || *best) return best;
  const bool cut_off = rowids->size() >= static_cast<size_t>(kFuzzyCandidates);
  if (longest.empty() || (!cut_off && longest.size() >= 3)) return best;
  auto rare = rarest_title_words(record, lo_id, hi_id);
  if (!rare) return std::unexpected(rare.error());
  Result<std::vector<std::int64_t>> more;
  if (rare->size() < 3 &&
      std::is_permutation(rare->begin(), rare->end(), longest.begin(), longest.end())) {
    // One or two title words, the same again. If they found fewer papers than the cap, every
    // paper with them was seen; else the whole title as a phrase, function words included,
    // finds the same title among the many that share its words.
    if (!cut_off) return best;
    more = fts_title_rowids({identity::title_phrase(record)}, lo_id, hi_id, /*pairwise=*/false);
  } else {
    // Each pair on its own: in one query, a pair of two common words fills the
    // kFuzzyCandidates newest rows by itself and hides the pairs with the rare word (the
    // rarest words are often the longest ones again, in another order). At 1M papers that left
    // 25 of 20,000 journal records apart from their preprints (bench/README.md).
    more = fts_title_rowids(*rare, lo_id, hi_id, /*pairwise=*/true);
  }
  if (!more) return std::unexpected(more.error());
  std::erase_if(*more, [&](std::int64_t id) {
    return std::find(rowids->begin(), rowids->end(), id) != rowids->end();  // checked already
  });
  return best_title_match(record, family, *more);
}

Result<std::optional<Candidate>> SqliteStore::best_title_match(
    const core::Paper& record, identity::Family family, const std::vector<std::int64_t>& rowids) {
  if (rowids.empty()) return std::optional<Candidate>();
  // Titles first: most candidates share two words with the record and nothing more, and reading
  // a whole paper (authors, categories, records) costs far more than reading its title.
  const identity::TitleScreen screen(record);
  auto title = db_.cached("SELECT title FROM papers WHERE id = ?1");
  if (!title) return std::unexpected(title.error());
  std::vector<std::int64_t> close;
  for (std::int64_t id : rowids) {
    (*title)->bind(1, id);
    auto read = (*title)->each_row([&](const Stmt& row) {
      if (screen.could_match(row.text(0))) close.push_back(id);
    });
    if (!read) return std::unexpected(read.error());
  }
  if (close.empty()) return std::optional<Candidate>();
  auto papers = load_papers(db_, close);
  if (!papers) return std::unexpected(papers.error());
  const std::vector<core::Identifier> own = identity::identifiers(record);
  std::optional<Candidate> best;
  double best_score = 0;
  for (size_t i = 0; i < papers->size(); ++i) {
    const core::Paper& p = (*papers)[i];
    // Never two records of one family by title alone: one catalogue gives one work one id.
    bool same_family = false;
    for (const core::RecordRef& r : p.records) {
      same_family = same_family || identity::source_family(r.source) == family ||
                    (p.records.size() == 1 && identity::record_family(p) == family);
    }
    if (same_family) continue;
    std::vector<core::Identifier> ids = identity::identifiers(p);
    if (identity::conflicts(own, ids)) continue;
    const identity::Match m = identity::fuzzy_match(record, p);
    if (!m.accepted) continue;
    if (!best || m.score > best_score || (m.score == best_score && p.paper_id < best->paper.uid)) {
      best = Candidate{PaperRef{close[i], p.paper_id}, m.reason};
      best_score = m.score;
    }
  }
  return best;
}

Result<int> SqliteStore::absorb(const PaperRef& target, const std::vector<Candidate>& others) {
  int folded = 0;
  for (const Candidate& c : others) {
    if (c.paper.uid == target.uid) continue;
    auto target_ids = paper_identifiers(target.rowid);
    if (!target_ids) return std::unexpected(target_ids.error());
    auto ids = paper_identifiers(c.paper.rowid);
    if (!ids) return std::unexpected(ids.error());
    if (identity::conflicts(*target_ids, *ids)) continue;
    auto is_blocked = blocked(target, c.paper);
    if (!is_blocked) return std::unexpected(is_blocked.error());
    if (*is_blocked) continue;
    if (auto r = ensure_bodies(target); !r) return std::unexpected(r.error());
    if (auto r = ensure_bodies(c.paper); !r) return std::unexpected(r.error());
    auto rows = record_rows(c.paper);
    if (!rows) return std::unexpected(rows.error());
    for (const RecordRow& row : *rows) {
      if (auto r = log_merge(target.uid, row, "merge", c.reason); !r)
        return std::unexpected(r.error());
    }
    const std::pair<const char*, bool> steps[] = {
        // Its records, its merge log and the ids merged into it now belong to the target.
        {"UPDATE records SET paper_uid = ?2 WHERE paper_uid = ?1 AND body IS NOT NULL", true},
        {"UPDATE merges SET paper_uid = ?2 WHERE paper_uid = ?1", true},
        {"UPDATE paper_aliases SET target_uid = ?2 WHERE target_uid = ?1", true},
        {"INSERT INTO paper_aliases (uid, target_uid) VALUES (?1, ?2) "
         "ON CONFLICT (uid) DO UPDATE SET target_uid = excluded.target_uid",
         true},
        {"DELETE FROM match_keys WHERE paper_uid = ?1", true},
        // The sources that delivered it, with their dates (row ids, not stable ids).
        {"INSERT INTO paper_sources (paper_id, source, first_seen, last_seen) "
         "SELECT ?2, source, first_seen, last_seen FROM paper_sources WHERE paper_id = ?1 "
         "ON CONFLICT (paper_id, source) DO UPDATE SET "
         "first_seen = min(first_seen, excluded.first_seen), "
         "last_seen = max(last_seen, excluded.last_seen)",
         false},
    };
    for (const auto& [sql, by_uid] : steps) {
      auto stmt = db_.cached(sql);
      if (!stmt) return std::unexpected(stmt.error());
      (*stmt)->bind(1, by_uid ? c.paper.uid : c.paper.rowid);
      (*stmt)->bind(2, by_uid ? target.uid : target.rowid);
      if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
    }
    if (auto r = fts_delete(c.paper.rowid); !r) return std::unexpected(r.error());
    auto del = db_.cached("DELETE FROM papers WHERE id = ?1 RETURNING notice_only");
    if (!del) return std::unexpected(del.error());
    (*del)->bind(1, c.paper.rowid);
    auto gone = (*del)->step();
    const bool notice = gone && *gone && (*del)->int64(0) != 0;
    (*del)->reset();
    if (!gone) return std::unexpected(gone.error());
    count_day(day_of_id(c.paper.rowid), notice, -1);
    ++folded;
  }
  return folded;
}

Result<void> SqliteStore::recompute(PaperRef& paper) {
  auto state = load_state(paper);
  if (!state) return std::unexpected(state.error());
  return recompute(paper, *state);
}

Result<void> SqliteStore::recompute(PaperRef& paper, const PaperState& state) {
  const std::vector<RecordRow>& rows = state.rows;
  const std::vector<identity::Record>& records = state.records;
  if (records.empty()) return fail(ErrorCode::internal, "a paper without records");
  auto notices = notices_for(all_identifiers(records));
  if (!notices) return std::unexpected(notices.error());
  identity::Merged merged = identity::merge_records(records, *notices);
  core::Paper m = std::move(merged.paper);
  m.paper_id = paper.uid;
  m.source_id = rows[merged.primary].key.source_id;
  RowExtras extras;
  if (records.size() > 1 || !notices->empty()) {
    extras.history = encode_history(m.history);
    extras.status = encode_status(m.status);
    if (extras.status.empty()) extras.status = "{}";  // stored: not derived from one record
  }
  if (records.size() > 1) extras.provenance = encode_provenance(m.field_sources);
  if (records.size() == 1 && rows.front().has_body) {
    // Alone again (after an unmerge): the row is the record, which needs no body.
    RecordRow row = rows.front();
    row.has_body = false;
    if (auto r = put_record(row, nullptr); !r) return r;
  }
  if (auto r = update_paper(paper.rowid, state.row, m, m.source, extras, true); !r) return r;
  const bool has_arxiv = std::any_of(rows.begin(), rows.end(), [](const RecordRow& r) {
    return r.key.family == identity::Family::arxiv;
  });
  return set_match_keys(paper, m, !has_arxiv);
}

Result<void> SqliteStore::recompute_targets(const std::vector<core::Identifier>& ids) {
  std::set<std::int64_t> done;
  for (const core::Identifier& id : ids) {
    auto rowid = lookup(id.scheme, id.value);
    if (!rowid) return std::unexpected(rowid.error());
    if (!*rowid) continue;
    auto paper = paper_by_rowid(**rowid);
    if (!paper) return std::unexpected(paper.error());
    if (!done.insert(paper->uid).second) continue;
    if (auto r = recompute(*paper); !r) return r;
  }
  return {};
}

Result<RowExtras> SqliteStore::single_extras(const core::Paper& record, std::int64_t record_id) {
  auto notices = notices_for(identity::identifiers(record));
  if (!notices) return std::unexpected(notices.error());
  if (notices->empty()) return RowExtras{};
  const identity::Record one{record_id, record};
  const identity::Merged m = identity::merge_records(std::span(&one, 1), *notices);
  RowExtras extras;
  extras.history = encode_history(m.paper.history);
  extras.status = encode_status(m.paper.status);
  if (extras.status.empty()) extras.status = "{}";
  return extras;
}

// ---------------------------------------------------------------------------------------------
// reads

Result<std::optional<core::Paper>> SqliteStore::get(std::string_view identifier) {
  auto paper = resolve(identifier);
  if (!paper) return std::unexpected(paper.error());
  if (!*paper) return std::optional<core::Paper>();
  auto papers = load_papers(db_, std::span(&(*paper)->rowid, 1));
  if (!papers) return std::unexpected(papers.error());
  if (papers->empty()) return std::optional<core::Paper>();
  return std::optional<core::Paper>(std::move(papers->front()));
}

Result<std::vector<StoredRecord>> SqliteStore::records(std::int64_t paper_id) {
  auto run = [&]() -> Result<std::vector<StoredRecord>> {
    auto paper = paper_by_uid(paper_id);
    if (!paper) return std::unexpected(paper.error());
    if (!*paper) return fail(ErrorCode::not_found, fmt::format("no paper ah:{}", paper_id));
    std::vector<RecordRow> rows;
    auto records = load_records(**paper, &rows);
    if (!records) return std::unexpected(records.error());
    std::vector<StoredRecord> out;
    for (size_t i = 0; i < rows.size(); ++i) {
      const RecordRow& row = rows[i];
      out.push_back(StoredRecord{row.id, (*paper)->uid, row.key.text(), row.source,
                                 row.key.source_id, row.fetched_at, row.fetched_from,
                                 std::move((*records)[i].content)});
    }
    return out;
  };
  if (auto r = db_.exec("BEGIN"); !r) return std::unexpected(r.error());
  auto result = run();
  (void)db_.exec("COMMIT");
  return result;
}

Result<std::vector<MergeEvent>> SqliteStore::merges(std::int64_t paper_id) {
  auto run = [&]() -> Result<std::vector<MergeEvent>> {
    auto paper = paper_by_uid(paper_id);
    if (!paper) return std::unexpected(paper.error());
    if (!*paper) return fail(ErrorCode::not_found, fmt::format("no paper ah:{}", paper_id));
    auto stmt = db_.prepare(
        "SELECT paper_uid, record_id, record_key, kind, reason, at FROM merges "
        "WHERE paper_uid = ?1 ORDER BY id");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, (*paper)->uid);
    std::vector<MergeEvent> out;
    for (;;) {
      auto row = stmt->step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      out.push_back(MergeEvent{stmt->int64(0), stmt->int64(1), stmt->str(2), stmt->str(3),
                               stmt->str(4), stmt->str(5)});
    }
    return out;
  };
  if (auto r = db_.exec("BEGIN"); !r) return std::unexpected(r.error());
  auto result = run();
  (void)db_.exec("COMMIT");
  return result;
}

// ---------------------------------------------------------------------------------------------
// unmerge

Result<UnmergeResult> SqliteStore::unmerge(std::string_view paper_text,
                                           std::string_view record_text) {
  if (options_.read_only) return fail(ErrorCode::unavailable, "the store is open read-only");
  // Which record: its id, or its key.
  std::optional<std::int64_t> record_id;
  std::optional<identity::RecordKey> record_key;
  if (!record_text.empty() && std::all_of(record_text.begin(), record_text.end(),
                                          [](char c) { return c >= '0' && c <= '9'; })) {
    record_id = 0;
    for (char c : record_text.substr(0, 18)) *record_id = *record_id * 10 + (c - '0');
  } else {
    auto key = identity::parse_record_key(record_text);
    if (!key) return std::unexpected(key.error());
    record_key = std::move(*key);
  }
  begin_write();
  UnmergeResult result;
  auto done = in_write_transaction(db_, [&]() -> Result<void> {
    auto found = resolve(paper_text);
    if (!found) return std::unexpected(found.error());
    if (!*found) {
      return fail(ErrorCode::not_found, fmt::format("no paper '{}' in this store", paper_text));
    }
    PaperRef paper = **found;
    std::vector<RecordRow> rows;
    auto records = load_records(paper, &rows);
    if (!records) return std::unexpected(records.error());
    if (rows.size() < 2) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("paper ah:{} has one record: there is nothing to split", paper.uid));
    }
    size_t x = rows.size();
    for (size_t i = 0; i < rows.size(); ++i) {
      if ((record_id && rows[i].id == *record_id) || (record_key && rows[i].key == *record_key))
        x = i;
    }
    if (x == rows.size()) {
      return fail(ErrorCode::not_found,
                  fmt::format("paper ah:{} has no record '{}' (its records: {})", paper.uid,
                              record_text, [&] {
                                std::string keys;
                                for (const RecordRow& r : rows) {
                                  keys += (keys.empty() ? "" : ", ") +
                                          fmt::format("{} {}", r.id, r.key.text());
                                }
                                return keys;
                              }()));
    }
    // The records linked to each other by an identifier; those linked to the rest only through
    // the record split off go with it.
    const size_t n = rows.size();
    std::vector<std::vector<core::Identifier>> ids(n);
    for (size_t i = 0; i < n; ++i) {
      for (identity::Link& l : identity::linking_ids((*records)[i].content)) ids[i].push_back(l.id);
    }
    auto linked = [&](size_t a, size_t b) {
      for (const core::Identifier& id : ids[a]) {
        if (std::find(ids[b].begin(), ids[b].end(), id) != ids[b].end()) return true;
      }
      return false;
    };
    std::vector<int> component(n, -1);
    int components = 0;
    for (size_t start = 0; start < n; ++start) {
      if (start == x || component[start] >= 0) continue;
      std::vector<size_t> queue{start};
      component[start] = components;
      while (!queue.empty()) {
        const size_t i = queue.back();
        queue.pop_back();
        for (size_t j = 0; j < n; ++j) {
          if (j != x && component[j] < 0 && linked(i, j)) {
            component[j] = components;
            queue.push_back(j);
          }
        }
      }
      ++components;
    }
    // The anchor: the oldest record that stays (the paper's first, unless that one goes).
    size_t anchor = n;
    for (size_t i = 0; i < n; ++i) {
      if (i != x && (anchor == n || rows[i].id < rows[anchor].id)) anchor = i;
    }
    std::vector<bool> moves(n, false);
    moves[x] = true;
    for (int c = 0; c < components; ++c) {
      if (c == component[anchor]) continue;
      bool touches = false;
      for (size_t i = 0; i < n; ++i) touches = touches || (component[i] == c && linked(i, x));
      for (size_t i = 0; i < n && touches; ++i) moves[i] = moves[i] || component[i] == c;
    }

    auto uid = take_counter("paper_uid");
    if (!uid) return std::unexpected(uid.error());
    std::vector<identity::Record> moved_records;
    std::vector<RecordRow> moved_rows;
    for (size_t i = 0; i < n; ++i) {
      (moves[i] ? result.moved : result.kept).push_back(rows[i].key.text());
      if (!moves[i]) continue;
      RecordRow row = rows[i];
      row.paper_uid = *uid;
      if (auto r = put_record(row, &(*records)[i].content); !r) return r;
      moved_records.push_back((*records)[i]);
      moved_rows.push_back(row);
    }
    // Sources of a family none of the kept records is of no longer deliver the old paper.
    std::set<identity::Family> kept_families;
    for (size_t i = 0; i < n; ++i) {
      if (!moves[i]) kept_families.insert(rows[i].key.family);
    }
    auto sources = db_.prepare("SELECT source FROM paper_sources WHERE paper_id = ?1");
    if (!sources) return std::unexpected(sources.error());
    sources->bind(1, paper.rowid);
    std::vector<std::string> gone;
    for (;;) {
      auto row = sources->step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      const std::string source = sources->str(0);
      const identity::Family f = identity::source_family(source);
      bool moved_family = false;
      for (const RecordRow& r : moved_rows) moved_family = moved_family || r.key.family == f;
      if (moved_family && !kept_families.count(f)) gone.push_back(source);
    }
    auto forget = db_.cached("DELETE FROM paper_sources WHERE paper_id = ?1 AND source = ?2");
    if (!forget) return std::unexpected(forget.error());
    for (const std::string& source : gone) {
      if (auto r = (*forget)->bind(1, paper.rowid).bind(2, std::string_view(source)).exec(); !r) {
        return std::unexpected(r.error());
      }
    }
    // The old paper first, so that the identifiers it no longer has are free for the new one.
    if (auto r = recompute(paper); !r) return r;
    identity::Merged merged = identity::merge_records(moved_records);
    core::Paper m = std::move(merged.paper);
    m.paper_id = *uid;
    m.source_id = moved_rows[merged.primary].key.source_id;
    RowExtras extras;
    if (moved_records.size() > 1) {
      extras.history = encode_history(m.history);
      extras.status = encode_status(m.status);
      if (extras.status.empty()) extras.status = "{}";
      extras.provenance = encode_provenance(m.field_sources);
    }
    std::int64_t rowid = 0;
    if (auto r = insert_paper(m, extras, content_hash(m), &rowid); !r) return r;
    PaperRef fresh{rowid, *uid};
    // The new paper's records: their sources delivered it, and the notices about it apply.
    for (const RecordRow& row : moved_rows) {
      if (auto r = touch_source(rowid, row.source); !r) return r;
    }
    if (auto r = recompute(fresh); !r) return r;
    for (const RecordRow& row : moved_rows) {
      const std::string reason = fmt::format("unmerged from ah:{} by the operator", paper.uid);
      if (auto r = log_merge(*uid, row, "unmerge", reason); !r) return r;
      if (auto r = log_merge(paper.uid, row, "unmerge", reason); !r) return r;
    }
    if (auto r = block(result.moved, result.kept); !r) return r;
    if (auto r = fts_flush(); !r) return r;
    if (auto r = flush_day_counts(); !r) return r;
    if (auto r = write_counters(); !r) return r;
    result.paper_id = paper.uid;
    result.new_paper_id = *uid;
    return {};
  });
  days_valid_ = false;
  if (!done) return std::unexpected(done.error());
  return result;
}

}  // namespace ah::store::sqlite
