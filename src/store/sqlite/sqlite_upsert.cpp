// SqliteStore's write path: upsert and the rows it maintains (papers, identifiers, authors,
// categories, versions, sources, the full-text index and paper_days).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <tuple>

#include "core/calendar.h"
#include "identity/links.h"
#include "store/paper_merge.h"
#include "store/sqlite/columns.h"
#include "store/sqlite/encoding.h"
#include "store/sqlite/paper_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace ah::store::sqlite {
namespace {

// papers columns in binding order (?1 = id ... ?43).
constexpr const char* kColumns[] = {"id",
                                    "arxiv_id",
                                    "version",
                                    "doi",
                                    "primary_category",
                                    "sort_date",
                                    "published",
                                    "version_date",
                                    "updated",
                                    "announced",
                                    "source",
                                    "announce_type",
                                    "content_hash",
                                    "license",
                                    "abs_url",
                                    "pdf_url",
                                    "submitter",
                                    "report_no",
                                    "journal_ref",
                                    "comment",
                                    "fts_tags",
                                    "authors_text",
                                    "title",
                                    "title_display",
                                    "abstract",
                                    "abstract_display",
                                    "uid",
                                    "source_id",
                                    "venue",
                                    "venue_short",
                                    "volume",
                                    "issue",
                                    "pages",
                                    "publisher",
                                    "issns",
                                    "work_type",
                                    "language",
                                    "retracted",
                                    "relations",
                                    "history",
                                    "status",
                                    "provenance",
                                    "notice_only"};

std::string insert_sql() {
  std::string names, params;
  for (size_t i = 0; i < std::size(kColumns); ++i) {
    names += fmt::format("{}{}", i ? ", " : "", kColumns[i]);
    params += fmt::format("{}?{}", i ? ", " : "", i + 1);
  }
  return fmt::format("INSERT INTO papers ({}) VALUES ({})", names, params);
}

std::string update_sql() {
  std::string sets;
  for (size_t i = 1; i < std::size(kColumns); ++i) {
    sets += fmt::format("{}{} = ?{}", i > 1 ? ", " : "", kColumns[i], i + 1);
  }
  return fmt::format("UPDATE papers SET {} WHERE id = ?1", sets);
}

// True when the paper's identifier rows (`rows`) are exactly the identifiers write_ids would
// give `paper`: then deleting and writing them again changes nothing.
bool same_identifiers(std::vector<core::Identifier> rows, const core::Paper& paper) {
  std::vector<core::Identifier> want = paper.other_ids;
  if (!paper.arxiv_id.empty()) want.push_back({"arxiv", paper.arxiv_id});
  if (!paper.doi.empty()) want.push_back({"doi", paper.doi});
  auto order = [](const core::Identifier& a, const core::Identifier& b) {
    return std::tie(a.scheme, a.value) < std::tie(b.scheme, b.value);
  };
  for (auto* v : {&rows, &want}) {
    std::sort(v->begin(), v->end(), order);
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  return rows == want;
}

}  // namespace

std::string SqliteStore::utc_now() const { return core::utc_now(options_.now); }

void SqliteStore::begin_write() {
  next_sequence_.clear();
  day_deltas_.clear();
  counters_.clear();
  counters_dirty_ = false;
  any_blocks_.reset();
  any_notices_.reset();
  any_match_keys_.reset();
  fts_pending_.clear();
  fts_high_ = 0;
  now_ = utc_now();
}

Result<UpsertCounts> SqliteStore::upsert(std::span<const core::Paper> papers,
                                         std::span<const StateEntry> state) {
  if (options_.read_only) return fail(ErrorCode::unavailable, "the store is open read-only");
  UpsertCounts counts;
  begin_write();
  auto result = in_write_transaction(db_, [&]() -> Result<void> {
    if (auto r = claim_bulk_load(); !r) return r;
    for (size_t i = 0; i < papers.size(); ++i) {
      if (auto r = upsert_one(papers[i], counts); !r) {
        const identity::RecordKey key = identity::record_key(papers[i]);
        return std::unexpected(
            r.error().with_context(fmt::format("upsert: record {} ({})", i, key.text())));
      }
    }
    if (auto r = fts_flush(); !r) return r;
    if (auto r = flush_day_counts(); !r) return r;
    if (auto r = write_counters(); !r) return r;
    return write_state(state);
  });
  days_valid_ = false;
  if (!result) return std::unexpected(result.error());
  if (checkpointer_) checkpointer_->request();
  return counts;
}

Result<void> SqliteStore::upsert_one(const core::Paper& original, UpsertCounts& counts) {
  core::Paper in = canonical(original);
  const identity::RecordKey key = identity::record_key(in);
  if (!key.valid()) {
    ++counts.rejected;
    return {};
  }
  in.source_id = key.source_id;
  auto found = find_record(key);
  if (!found) return std::unexpected(found.error());
  if (*found) return update_record(**found, std::move(in), counts);
  return add_record(key, std::move(in), counts);
}

// A record the store knows. The fast path (its paper has only this record) is the arXiv-only
// store's path of before: the paper row is the record.
Result<void> SqliteStore::update_record(const RecordRow& row, core::Paper in,
                                        UpsertCounts& counts) {
  auto paper = paper_by_uid(row.paper_uid);
  if (!paper) return std::unexpected(paper.error());
  if (!*paper) {
    return fail(ErrorCode::internal, fmt::format("record {} names paper ah:{}, which is gone",
                                                 row.key.text(), row.paper_uid));
  }
  PaperRef target = **paper;
  if (content_hash(in) == row.content_hash) {
    ++counts.unchanged;
    return add_source(target.rowid, in.source);
  }
  // The stored record: the paper row, or its body (then with the paper's other records).
  std::optional<PaperState> state;
  size_t self = 0;  // the record's place in state->records
  core::Paper stored;
  if (!row.has_body) {
    auto r = row_record(target, row);
    if (!r) return std::unexpected(r.error());
    stored = std::move(*r);
  } else {
    auto loaded = load_state(target);
    if (!loaded) return std::unexpected(loaded.error());
    state = std::move(*loaded);
    for (size_t i = 0; i < state->records.size(); ++i) {
      if (state->records[i].id == row.id) {
        stored = state->records[i].content;
        self = i;
      }
    }
  }
  const Relation relation = relate(stored.version, in.version);
  core::Paper merged = merge(stored, in, relation);
  if (same_content(merged, stored)) {
    ++counts.unchanged;
    return add_source(target.rowid, in.source);
  }
  // New links (a DOI the preprint did not have) may name other papers of this work.
  auto others = linked_papers(merged, target);
  if (!others) return std::unexpected(others.error());

  RecordRow updated = row;
  updated.source = merged.source;
  updated.fetched_at = merged.fetched_at;
  updated.fetched_from = merged.fetched_from;
  updated.content_hash = content_hash(merged);
  if (!row.has_body && others->empty()) {
    // One record, still alone: write the row as before, and the record's new provenance.
    if (relation == Relation::older) {
      ++counts.unchanged;
      if (auto r = record_history(target.rowid, in); !r) return r;
      return put_record(updated, nullptr);
    }
    auto extras = single_extras(merged, row.id);
    if (!extras) return std::unexpected(extras.error());
    merged.paper_id = target.uid;
    ++counts.updated;
    if (auto r = update_paper(target.rowid, stored, merged, in.source, *extras, false); !r)
      return r;
    return put_record(updated, nullptr);
  }
  if (!row.has_body) {
    if (auto r = ensure_bodies(target); !r) return r;
    updated.has_body = true;
  }
  if (auto r = put_record(updated, &merged); !r) return r;
  auto folded = absorb(target, *others);
  if (!folded) return std::unexpected(folded.error());
  if (relation == Relation::older && *folded == 0) {
    ++counts.unchanged;
  } else if (*folded > 0) {
    ++counts.merged;
  } else {
    ++counts.updated;
  }
  if (!state || *folded > 0 || self >= state->rows.size() || state->rows[self].id != row.id) {
    return recompute(target);  // records joined it: read them all
  }
  // The paper's records are the ones loaded, this one now as written.
  state->rows[self] = updated;
  state->records[self].content = std::move(merged);
  set_provenance(state->records[self].content, updated);
  return recompute(target, *state);
}

// A record the store does not know: it joins the papers it links to, or a paper the fuzzy match
// finds, or begins a paper of its own.
Result<void> SqliteStore::add_record(const identity::RecordKey& key, core::Paper in,
                                     UpsertCounts& counts) {
  auto linked = linked_papers(in, std::nullopt);
  if (!linked) return std::unexpected(linked.error());
  std::vector<Candidate> candidates = std::move(*linked);
  if (candidates.empty()) {
    auto fuzzy = fuzzy_candidate(in, key.family);
    if (!fuzzy) return std::unexpected(fuzzy.error());
    if (*fuzzy) candidates.push_back(std::move(**fuzzy));
  }
  if (candidates.empty()) {
    auto inserted = insert_single(key, std::move(in));
    if (!inserted) return std::unexpected(inserted.error());
    ++counts.inserted;
    return {};
  }

  PaperRef target = candidates.front().paper;
  const std::string reason = candidates.front().reason;
  auto state = load_state(target);
  if (!state) return std::unexpected(state.error());
  if (auto r = ensure_bodies(*state); !r) return r;
  std::vector<Candidate> rest(candidates.begin() + 1, candidates.end());
  auto folded = absorb(target, rest);
  if (!folded) return std::unexpected(folded.error());
  if (*folded > 0) {
    // Other papers' records joined it: read them all.
    state = load_state(target);
    if (!state) return std::unexpected(state.error());
  }

  // The arXiv channels write one arXiv record: an arXiv record of this paper that has no arXiv
  // id yet (it was named by its DOI) is this record, now with its id.
  const std::vector<RecordRow>& rows = state->rows;
  if (key.family == identity::Family::arxiv) {
    for (size_t i = 0; i < rows.size(); ++i) {
      const core::Paper& other = state->records[i].content;
      if (rows[i].key.family != identity::Family::arxiv || !other.arxiv_id.empty()) continue;
      core::Paper merged = merge(other, in, relate(other.version, in.version));
      auto del = db_.cached("DELETE FROM records WHERE family = ?1 AND source_id = ?2");
      if (!del) return std::unexpected(del.error());
      (*del)
          ->bind(1, identity::to_string(rows[i].key.family))
          .bind(2, std::string_view(rows[i].key.source_id));
      if (auto r = (*del)->exec(); !r) return std::unexpected(r.error());
      RecordRow fused = rows[i];
      fused.key = key;
      fused.source = merged.source;
      fused.fetched_at = merged.fetched_at;
      fused.fetched_from = merged.fetched_from;
      fused.content_hash = content_hash(merged);
      merged.source_id = key.source_id;
      if (auto r = put_record(fused, &merged); !r) return r;
      if (*folded > 0) {
        ++counts.merged;
      } else {
        ++counts.updated;
      }
      return recompute(target);
    }
  }
  auto id = take_counter("record_id");
  if (!id) return std::unexpected(id.error());
  RecordRow row{key, *id, target.uid, in.source, in.fetched_at, in.fetched_from, content_hash(in),
                true};
  if (auto r = put_record(row, &in); !r) return r;
  if (auto r = log_merge(target.uid, row, "merge", reason); !r) return r;
  auto targets = put_notices(key, in);
  if (!targets) return std::unexpected(targets.error());
  ++counts.merged;
  // The new record has the highest id: it comes last, as the paper's records are read.
  state->rows.push_back(row);
  set_provenance(in, row);
  state->records.push_back({row.id, std::move(in)});
  if (auto r = recompute(target, *state); !r) return r;
  return recompute_targets(*targets);
}

// A record that is a paper of its own: the row is the record, and the record's row has no body.
Result<PaperRef> SqliteStore::insert_single(const identity::RecordKey& key, core::Paper in) {
  auto uid = take_counter("paper_uid");
  if (!uid) return std::unexpected(uid.error());
  auto rid = take_counter("record_id");
  if (!rid) return std::unexpected(rid.error());
  in.paper_id = *uid;
  auto extras = single_extras(in, *rid);
  if (!extras) return std::unexpected(extras.error());
  std::int64_t rowid = 0;
  const std::int64_t hash = content_hash(in);  // of the record, which the row is
  if (auto r = insert_paper(in, *extras, hash, &rowid); !r) return std::unexpected(r.error());
  const RecordRow row{key, *rid, *uid, in.source, in.fetched_at, in.fetched_from, hash, false};
  if (auto r = put_record(row, nullptr); !r) return std::unexpected(r.error());
  PaperRef paper{rowid, *uid};
  if (key.family != identity::Family::arxiv) {
    if (auto r = set_match_keys(paper, in, true); !r) return std::unexpected(r.error());
    auto targets = put_notices(key, in);
    if (!targets) return std::unexpected(targets.error());
    if (auto r = recompute_targets(*targets); !r) return std::unexpected(r.error());
  }
  return paper;
}

Result<std::optional<std::int64_t>> SqliteStore::lookup(std::string_view scheme,
                                                        std::string_view value) {
  auto stmt = db_.cached("SELECT paper_id FROM paper_ids WHERE scheme = ?1 AND value = ?2");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, scheme).bind(2, value);
  auto row = (*stmt)->step();
  if (!row) return std::unexpected(row.error());
  std::optional<std::int64_t> id;
  if (*row) id = (*stmt)->int64(0);
  (*stmt)->reset();
  return id;
}

Result<std::int64_t> SqliteStore::allocate_id(std::int64_t day) {
  auto it = next_sequence_.find(day);
  if (it == next_sequence_.end()) {
    auto stmt = db_.cached("SELECT max(id) FROM papers WHERE id BETWEEN ?1 AND ?2");
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->bind(1, first_id_of_day(day)).bind(2, last_id_of_day(day));
    auto row = (*stmt)->step();
    if (!row) return std::unexpected(row.error());
    std::int64_t next = (*stmt)->is_null(0) ? 1 : ((*stmt)->int64(0) & kMaxSequence) + 1;
    (*stmt)->reset();
    it = next_sequence_.emplace(day, next).first;
  }
  if (it->second > kMaxSequence) {
    return fail(ErrorCode::internal, fmt::format("more than {} papers on day {}", kMaxSequence,
                                                 day ? day_text(day) : "(undated)"));
  }
  return first_id_of_day(day) | it->second++;
}

Result<void> SqliteStore::write_row(std::string_view sql, std::int64_t id, const core::Paper& p,
                                    std::int64_t hash, const std::string& tags,
                                    const std::string& authors, const RowExtras& extras,
                                    bool notice) {
  auto stmt = db_.cached(sql);
  if (!stmt) return std::unexpected(stmt.error());
  Stmt& s = **stmt;
  const std::string& primary = p.categories.empty() ? std::string() : p.categories.front();
  s.bind(1, id).bind(2, p.arxiv_id).bind(3, p.version).bind(4, p.doi).bind(5, primary);
  s.bind(6, sort_date(p)).bind(7, p.published).bind(8, p.version_date).bind(9, p.updated);
  s.bind(10, p.announced).bind(11, p.source).bind(12, p.announce_type);
  s.bind(13, hash).bind(14, p.license).bind(15, p.abs_url).bind(16, p.pdf_url);
  s.bind(17, p.submitter).bind(18, p.report_no).bind(19, p.journal_ref).bind(20, p.comment);
  s.bind(21, tags).bind(22, authors).bind(23, p.title).bind(24, p.title_display);
  s.bind(25, p.abstract).bind(26, p.abstract_display);
  const std::string issns = join_words(p.issns), relations = encode_relations(p.relations);
  s.bind(27, p.paper_id).bind(28, p.source_id).bind(29, p.venue).bind(30, p.venue_short);
  s.bind(31, p.volume).bind(32, p.issue).bind(33, p.pages).bind(34, p.publisher);
  s.bind(35, std::string_view(issns));
  s.bind(36, p.type == core::WorkType::unknown ? std::string_view("") : core::to_string(p.type));
  s.bind(37, p.language).bind(38, p.retracted ? 1 : 0).bind(39, std::string_view(relations));
  s.bind(40, extras.history).bind(41, extras.status).bind(42, extras.provenance);
  s.bind(43, notice ? 1 : 0);
  auto r = s.exec();
  if (!r) return std::unexpected(r.error());
  return {};
}

Result<void> SqliteStore::write_ids(std::int64_t id, const core::Paper& p) {
  auto stmt = db_.cached(
      "INSERT INTO paper_ids (scheme, value, paper_id) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (scheme, value) DO NOTHING");
  if (!stmt) return std::unexpected(stmt.error());
  auto put = [&](std::string_view scheme, std::string_view value) -> Result<void> {
    (*stmt)->bind(1, scheme).bind(2, value).bind(3, id);
    auto r = (*stmt)->exec();
    if (!r) return std::unexpected(r.error());
    return {};
  };
  if (!p.arxiv_id.empty()) {
    if (auto r = put("arxiv", p.arxiv_id); !r) return r;
  }
  if (!p.doi.empty()) {
    if (auto r = put("doi", p.doi); !r) return r;
  }
  for (const core::Identifier& other : p.other_ids) {
    if (auto r = put(other.scheme, other.value); !r) return r;
  }
  return {};
}

Result<void> SqliteStore::write_versions(std::int64_t id, const core::Paper& p) {
  auto stmt = db_.cached(
      "INSERT INTO paper_versions (paper_id, version, date, size) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (paper_id, version) DO UPDATE SET date = excluded.date, size = excluded.size "
      "WHERE date <> excluded.date OR size <> excluded.size");
  if (!stmt) return std::unexpected(stmt.error());
  for (const core::PaperVersion& v : p.versions) {
    (*stmt)->bind(1, id).bind(2, v.version).bind(3, v.date).bind(4, v.size);
    if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
  }
  return {};
}

Result<void> SqliteStore::write_children(std::int64_t id, const core::Paper& p, bool authors,
                                         bool categories, bool fresh) {
  if (authors) {
    if (!fresh) {
      auto del = db_.cached("DELETE FROM paper_authors WHERE paper_id = ?1");
      if (!del) return std::unexpected(del.error());
      if (auto r = (*del)->bind(1, id).exec(); !r) return std::unexpected(r.error());
    }
    auto ins = db_.cached(
        "INSERT INTO paper_authors (paper_id, position, name, affiliation, orcid, ids) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!ins) return std::unexpected(ins.error());
    for (size_t i = 0; i < p.authors.size(); ++i) {
      const core::Author& a = p.authors[i];
      const std::string ids = encode_ids(a.ids);
      (*ins)->bind(1, id).bind(2, static_cast<int>(i)).bind(3, a.name).bind(4, a.affiliation);
      (*ins)->bind(5, a.orcid).bind(6, std::string_view(ids));
      if (auto r = (*ins)->exec(); !r) return std::unexpected(r.error());
    }
  }
  if (categories) {
    if (!fresh) {
      auto del = db_.cached("DELETE FROM paper_categories WHERE paper_id = ?1");
      if (!del) return std::unexpected(del.error());
      if (auto r = (*del)->bind(1, id).exec(); !r) return std::unexpected(r.error());
    }
    auto ins = db_.cached(
        "INSERT INTO paper_categories (paper_id, position, category) VALUES (?1, ?2, ?3)");
    if (!ins) return std::unexpected(ins.error());
    for (size_t i = 0; i < p.categories.size(); ++i) {
      (*ins)->bind(1, id).bind(2, static_cast<int>(i)).bind(3, p.categories[i]);
      if (auto r = (*ins)->exec(); !r) return std::unexpected(r.error());
    }
  }
  return {};
}

Result<void> SqliteStore::touch_source(std::int64_t id, const std::string& source) {
  if (source.empty()) return {};
  auto stmt = db_.cached(
      "INSERT INTO paper_sources (paper_id, source, first_seen, last_seen) "
      "VALUES (?1, ?2, ?3, ?3) "
      "ON CONFLICT (paper_id, source) DO UPDATE SET last_seen = excluded.last_seen");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id).bind(2, source).bind(3, now_);
  if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
  return {};
}

// The full-text index is written in rowid order within a transaction. FTS5 keeps a
// transaction's new postings in memory only while rowids ascend: a write to a lower rowid than
// the last flushes them into a new segment first. Merging records rewrites older papers between
// new ones, so writing each change at once made a segment of a few papers per merged record
// (a quarter of the merge benchmark's time, and the many segments slowed every later lookup).
// So a rewritten paper's row is only noted here (with the values its index entry holds, which
// its 'delete' must repeat) and written by fts_flush() in rowid order: before the commit, and
// before a full-text query of the same transaction reads the index. A new paper whose rowid is
// above all written so far goes in at once. The titles' index (title_fts, migration 0010) is
// written with it, in the same order, and only where the title changed.
Result<std::optional<FtsText>> SqliteStore::fts_row(std::int64_t id) {
  auto row = db_.cached(
      "SELECT title_display, authors_text, abstract_display, fts_tags FROM papers WHERE id = ?1");
  if (!row) return std::unexpected(row.error());
  (*row)->bind(1, id);
  auto found = (*row)->step();
  std::optional<FtsText> out;
  if (found && *found) {
    out = FtsText{(*row)->str(0), (*row)->str(1), (*row)->str(2), (*row)->str(3)};
  }
  (*row)->reset();
  if (!found) return std::unexpected(found.error());
  return out;
}

Result<void> SqliteStore::fts_write(std::int64_t id, const FtsText& text, bool remove,
                                    bool title) {
  auto stmt = db_.cached(
      remove ? "INSERT INTO paper_fts (paper_fts, rowid, title, authors, abstract, tags) "
               "VALUES ('delete', ?1, ?2, ?3, ?4, ?5)"
             : "INSERT INTO paper_fts (rowid, title, authors, abstract, tags) "
               "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id).bind(2, text.title).bind(3, text.authors).bind(4, text.abstract);
  (*stmt)->bind(5, text.tags);
  if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
  if (title) {
    auto titles = db_.cached(remove ? "INSERT INTO title_fts (title_fts, rowid, title) "
                                      "VALUES ('delete', ?1, ?2)"
                                    : "INSERT INTO title_fts (rowid, title) VALUES (?1, ?2)");
    if (!titles) return std::unexpected(titles.error());
    if (auto r = (*titles)->bind(1, id).bind(2, text.title).exec(); !r) {
      return std::unexpected(r.error());
    }
  }
  fts_high_ = std::max(fts_high_, id);
  return {};
}

Result<void> SqliteStore::fts_delete(std::int64_t id) {
  // The row's current columns are what the index holds for it, unless this transaction noted
  // the row before (then the noted values are).
  if (auto it = fts_pending_.find(id); it != fts_pending_.end()) {
    it->second.title_checked = false;
    return {};
  }
  auto text = fts_row(id);
  if (!text) return std::unexpected(text.error());
  fts_pending_.emplace(id, FtsPending{std::move(*text), false});
  return {};
}

Result<void> SqliteStore::fts_insert_from_row(std::int64_t id) {
  // A row not noted before is not in the index yet (a new row id): nothing to delete.
  auto [it, added] = fts_pending_.try_emplace(id);
  if (!added) it->second.title_checked = false;
  return {};
}

Result<void> SqliteStore::fts_flush() {
  for (auto& [id, pending] : fts_pending_) {
    const std::optional<FtsText>& indexed = pending.indexed;
    auto now = fts_row(id);
    if (!now) return std::unexpected(now.error());
    // Most rewrites keep the title (a merge adds a source's tag, a journal's abstract): then the
    // titles' index already holds it.
    const bool title = !indexed || !*now || indexed->title != (*now)->title;
    if (indexed) {
      if (auto r = fts_write(id, *indexed, /*remove=*/true, title); !r) return r;
    }
    if (*now) {
      if (auto r = fts_write(id, **now, /*remove=*/false, title); !r) return r;
    }
  }
  fts_pending_.clear();
  return {};
}

Result<void> SqliteStore::fts_flush_for_titles(std::int64_t lo_id, std::int64_t hi_id) {
  auto title = db_.cached("SELECT title_display FROM papers WHERE id = ?1");
  if (!title) return std::unexpected(title.error());
  for (auto it = fts_pending_.lower_bound(lo_id); it != fts_pending_.end() && it->first <= hi_id;
       ++it) {
    FtsPending& pending = it->second;
    if (pending.title_checked) continue;
    if (!pending.indexed) return fts_flush();  // not in the index yet
    (*title)->bind(1, it->first);
    auto row = (*title)->step();
    const bool same = row && *row && (*title)->text(0) == pending.indexed->title;
    (*title)->reset();
    if (!row) return std::unexpected(row.error());
    if (!same) return fts_flush();  // a new title, or the row is gone
    pending.title_checked = true;
  }
  return {};
}

Result<void> SqliteStore::insert_paper(const core::Paper& p, const RowExtras& extras,
                                       std::int64_t hash, std::int64_t* rowid) {
  const std::int64_t day = day_key(sort_date(p));
  auto id = allocate_id(day);
  if (!id) return std::unexpected(id.error());
  *rowid = *id;
  std::vector<std::string> sources;
  if (!p.source.empty()) sources.push_back(p.source);
  const bool notice = core::is_notice_only(p);
  const std::string tags = tags_text(p.categories, p.authors, sources, is_tick(*id), notice);
  const std::string authors = authors_text(p);
  static const std::string kInsert = insert_sql();
  if (auto r = write_row(kInsert, *id, p, hash, tags, authors, extras, notice); !r) return r;
  if (auto r = write_ids(*id, p); !r) return r;
  if (auto r = write_children(*id, p, true, true, /*fresh=*/true); !r) return r;
  if (auto r = write_versions(*id, p); !r) return r;
  if (auto r = touch_source(*id, p.source); !r) return r;
  if (*id > fts_high_) {
    const FtsText text{p.title_display, authors, p.abstract_display, tags};
    if (auto r = fts_write(*id, text, /*remove=*/false, /*title=*/true); !r) return r;
  } else if (auto r = fts_insert_from_row(*id); !r) {
    return r;
  }
  count_day(day, notice, 1);
  return {};
}

Result<void> SqliteStore::update_paper(std::int64_t& id, const core::Paper& stored,
                                       const core::Paper& merged, const std::string& source,
                                       const RowExtras& extras, bool rewrite_ids) {
  auto sources = tag_sources(id, source);
  if (!sources) return std::unexpected(sources.error());
  // The row as it is: its tags and whether it counts as a notice (paper_days).
  auto old_tags = db_.cached("SELECT fts_tags, notice_only FROM papers WHERE id = ?1");
  if (!old_tags) return std::unexpected(old_tags.error());
  (*old_tags)->bind(1, id);
  if (auto row = (*old_tags)->step(); !row) return std::unexpected(row.error());
  const bool was_notice = (*old_tags)->int64(1) != 0;
  const bool notice = core::is_notice_only(merged);
  const std::int64_t old_day = day_of_id(id);  // not day_key(stored): see day_key
  const std::int64_t new_day = day_key(sort_date(merged));
  std::int64_t new_id = id;
  if (old_day != new_day) {
    auto allocated = allocate_id(new_day);
    if (!allocated) return std::unexpected(allocated.error());
    new_id = *allocated;
  }
  const std::string tags =
      tags_text(merged.categories, merged.authors, *sources, is_tick(new_id), notice);
  const bool tags_changed = (*old_tags)->text(0) != tags;
  (*old_tags)->reset();
  const std::string authors = authors_text(merged);
  const bool text_changed = merged.title_display != stored.title_display ||
                            merged.abstract_display != stored.abstract_display ||
                            authors != authors_text(stored) || tags_changed;
  bool reindex = text_changed || new_id != id;
  if (reindex) {
    if (auto r = fts_delete(id); !r) return r;
  }
  if (new_id != id) {
    // Move the paper to an id in its new day; child rows follow by ON UPDATE CASCADE.
    auto move = db_.cached("UPDATE papers SET id = ?2 WHERE id = ?1");
    if (!move) return std::unexpected(move.error());
    if (auto r = (*move)->bind(1, id).bind(2, new_id).exec(); !r) return std::unexpected(r.error());
    id = new_id;
  }
  if (old_day != new_day || notice != was_notice) {
    count_day(old_day, was_notice, -1);
    count_day(new_day, notice, 1);
  }
  static const std::string kUpdate = update_sql();
  if (auto r = write_row(kUpdate, id, merged, content_hash(merged), tags, authors, extras, notice);
      !r)
    return r;
  bool write_id_rows = true, write_version_rows = true;
  if (rewrite_ids) {
    // A paper recomputed from its records: its identifiers and versions are exactly theirs.
    // Rows that already are exactly that are left alone (most merges add no identifier).
    auto ids = paper_identifiers(id);
    if (!ids) return std::unexpected(ids.error());
    write_id_rows = !same_identifiers(*ids, merged);
    write_version_rows = merged.versions != stored.versions;
    if (write_id_rows) {
      auto del = db_.cached("DELETE FROM paper_ids WHERE paper_id = ?1");
      if (!del) return std::unexpected(del.error());
      if (auto r = (*del)->bind(1, id).exec(); !r) return std::unexpected(r.error());
    }
    if (write_version_rows) {
      auto del = db_.cached("DELETE FROM paper_versions WHERE paper_id = ?1");
      if (!del) return std::unexpected(del.error());
      if (auto r = (*del)->bind(1, id).exec(); !r) return std::unexpected(r.error());
    }
  }
  if (write_id_rows) {
    if (auto r = write_ids(id, merged); !r) return r;
  }
  if (auto r = write_children(id, merged, merged.authors != stored.authors,
                              merged.categories != stored.categories, /*fresh=*/false);
      !r) {
    return r;
  }
  if (write_version_rows) {
    if (auto r = write_versions(id, merged); !r) return r;
  }
  if (auto r = touch_source(id, source); !r) return r;
  if (reindex) return fts_insert_from_row(id);
  return {};
}

Result<void> SqliteStore::record_history(std::int64_t id, const core::Paper& in) {
  // Adds the versions the stored history lacks and fills empty dates/sizes; never overwrites.
  auto stmt = db_.cached(
      "INSERT INTO paper_versions (paper_id, version, date, size) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (paper_id, version) DO UPDATE SET "
      "date = CASE WHEN date = '' THEN excluded.date ELSE date END, "
      "size = CASE WHEN size = '' THEN excluded.size ELSE size END "
      "WHERE (date = '' AND excluded.date <> '') OR (size = '' AND excluded.size <> '')");
  if (!stmt) return std::unexpected(stmt.error());
  for (const core::PaperVersion& v : in.versions) {
    (*stmt)->bind(1, id).bind(2, v.version).bind(3, v.date).bind(4, v.size);
    if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
  }
  return {};
}

Result<std::vector<std::string>> SqliteStore::tag_sources(std::int64_t id,
                                                          const std::string& also) {
  std::vector<std::string> sources;
  auto stmt = db_.cached("SELECT source FROM paper_sources WHERE paper_id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id);
  auto read = (*stmt)->each_row([&](const Stmt& row) { sources.push_back(row.str(0)); });
  if (!read) return std::unexpected(read.error());
  if (!also.empty()) sources.push_back(also);
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  return sources;
}

Result<void> SqliteStore::add_source(std::int64_t id, const std::string& source) {
  // Unchanged content from a source that has not delivered this paper before: remember the
  // source (and index its tag) without touching the record.
  if (source.empty()) return {};
  auto stmt = db_.cached(
      "INSERT INTO paper_sources (paper_id, source, first_seen, last_seen) "
      "VALUES (?1, ?2, ?3, ?3) ON CONFLICT (paper_id, source) DO NOTHING");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id).bind(2, source).bind(3, now_);
  auto added = (*stmt)->exec();
  if (!added) return std::unexpected(added.error());
  if (*added == 0) return {};
  // The tags as update_paper writes them (the new source among the others in name order, before
  // the tick and notice tokens), so that the next update of unchanged text leaves the index alone.
  auto sources = tag_sources(id, "");
  if (!sources) return std::unexpected(sources.error());
  auto row = db_.cached("SELECT fts_tags FROM papers WHERE id = ?1");
  if (!row) return std::unexpected(row.error());
  (*row)->bind(1, id);
  auto found = (*row)->step();
  const std::string old_tags = found && *found ? (*row)->str(0) : std::string();
  (*row)->reset();
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(ErrorCode::internal, fmt::format("add_source: row {} is gone", id));
  const std::string tags = retag_sources(old_tags, *sources);
  if (tags == old_tags) return {};  // nothing new to index
  if (auto r = fts_delete(id); !r) return r;
  auto update = db_.cached("UPDATE papers SET fts_tags = ?2 WHERE id = ?1");
  if (!update) return std::unexpected(update.error());
  if (auto r = (*update)->bind(1, id).bind(2, tags).exec(); !r) return std::unexpected(r.error());
  return fts_insert_from_row(id);
}

Result<void> SqliteStore::flush_day_counts() {
  auto stmt = db_.cached(
      "INSERT INTO paper_days (day, papers, notices) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (day) DO UPDATE SET papers = papers + excluded.papers, "
      "notices = notices + excluded.notices");
  if (!stmt) return std::unexpected(stmt.error());
  for (const auto& [day, delta] : day_deltas_) {
    if (delta.papers == 0 && delta.notices == 0) continue;
    (*stmt)->bind(1, day).bind(2, delta.papers).bind(3, delta.notices);
    if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
  }
  day_deltas_.clear();
  return {};
}

Result<void> SqliteStore::write_state(std::span<const StateEntry> state) {
  auto put = db_.cached(
      "INSERT INTO harvest_state (key, value, updated_at) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at");
  if (!put) return std::unexpected(put.error());
  auto del = db_.cached("DELETE FROM harvest_state WHERE key = ?1");
  if (!del) return std::unexpected(del.error());
  for (const StateEntry& e : state) {
    if (e.key.empty()) return fail(ErrorCode::invalid_argument, "state: an empty key");
    Result<int> r = e.value.empty() ? (*del)->bind(1, e.key).exec()
                                    : (*put)->bind(1, e.key).bind(2, e.value).bind(3, now_).exec();
    if (!r) return std::unexpected(r.error());
  }
  return {};
}

}  // namespace ah::store::sqlite
