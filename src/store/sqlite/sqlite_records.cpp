// SqliteStore's records and what surrounds them: records rows and bodies, the stable-id and
// record-id counters, aliases, the merge log, merge blocks, notices and match keys. All run
// inside the caller's transaction.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "identity/fuzzy.h"
#include "identity/links.h"
#include "json/record_json.h"
#include "store/paper_merge.h"
#include "store/sqlite/encoding.h"
#include "store/sqlite/paper_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace ah::store::sqlite {
namespace {

constexpr const char* kRecordColumns =
    "family, source_id, id, paper_uid, source, fetched_at, fetched_from, content_hash, "
    "body IS NOT NULL";

RecordRow read_row(const Stmt& s) {
  RecordRow row;
  row.key.family = identity::parse_family(s.text(0)).value_or(identity::Family::other);
  row.key.source_id = s.str(1);
  row.id = s.int64(2);
  row.paper_uid = s.int64(3);
  row.source = s.str(4);
  row.fetched_at = s.str(5);
  row.fetched_from = s.str(6);
  row.content_hash = s.int64(7);
  row.has_body = s.integer(8) != 0;
  return row;
}

}  // namespace

Result<std::optional<RecordRow>> SqliteStore::find_record(const identity::RecordKey& key) {
  static const std::string kSql =
      fmt::format("SELECT {} FROM records WHERE family = ?1 AND source_id = ?2", kRecordColumns);
  auto stmt = db_.cached(kSql);
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, identity::to_string(key.family)).bind(2, std::string_view(key.source_id));
  std::optional<RecordRow> out;
  auto ok = (*stmt)->each_row([&](const Stmt& s) { out = read_row(s); });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

Result<std::optional<PaperRef>> SqliteStore::paper_by_uid(std::int64_t uid) {
  auto by_uid = db_.cached("SELECT id FROM papers WHERE uid = ?1");
  if (!by_uid) return std::unexpected(by_uid.error());
  auto alias = db_.cached("SELECT target_uid FROM paper_aliases WHERE uid = ?1");
  if (!alias) return std::unexpected(alias.error());
  // An alias names the paper that absorbed it (aliases of an absorbed paper are re-pointed,
  // so one step suffices; a few more guard against a chain all the same).
  for (int step = 0; step < 4; ++step) {
    std::optional<std::int64_t> rowid;
    (*by_uid)->bind(1, uid);
    auto ok = (*by_uid)->each_row([&](const Stmt& s) { rowid = s.int64(0); });
    if (!ok) return std::unexpected(ok.error());
    if (rowid) return std::optional<PaperRef>(PaperRef{*rowid, uid});
    std::optional<std::int64_t> target;
    (*alias)->bind(1, uid);
    ok = (*alias)->each_row([&](const Stmt& s) { target = s.int64(0); });
    if (!ok) return std::unexpected(ok.error());
    if (!target) break;
    uid = *target;
  }
  return std::optional<PaperRef>();
}

Result<PaperRef> SqliteStore::paper_by_rowid(std::int64_t rowid) {
  auto stmt = db_.cached("SELECT uid FROM papers WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, rowid);
  std::optional<std::int64_t> uid;
  auto ok = (*stmt)->each_row([&](const Stmt& s) { uid = s.int64(0); });
  if (!ok) return std::unexpected(ok.error());
  if (!uid) return fail(ErrorCode::internal, fmt::format("paper row {} is gone", rowid));
  return PaperRef{rowid, *uid};
}

Result<std::optional<PaperRef>> SqliteStore::resolve(std::string_view identifier) {
  auto id = core::parse_any_identifier(identifier);
  if (!id) return std::unexpected(id.error());
  if (id->scheme == "paper") {
    std::int64_t uid = 0;
    for (char c : id->value) {
      if (uid > (std::int64_t{1} << 55)) return std::optional<PaperRef>();
      uid = uid * 10 + (c - '0');
    }
    return paper_by_uid(uid);
  }
  auto rowid = lookup(id->scheme, id->value);
  if (!rowid) return std::unexpected(rowid.error());
  if (!*rowid) return std::optional<PaperRef>();
  auto paper = paper_by_rowid(**rowid);
  if (!paper) return std::unexpected(paper.error());
  return std::optional<PaperRef>(*paper);
}

Result<std::vector<RecordRow>> SqliteStore::record_rows(const PaperRef& paper) {
  std::vector<RecordRow> rows;
  static const std::string kSql =
      fmt::format("SELECT {} FROM records WHERE paper_uid = ?1 AND body IS NOT NULL ORDER BY id",
                  kRecordColumns);
  auto stmt = db_.cached(kSql);
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, paper.uid);
  auto ok = (*stmt)->each_row([&](const Stmt& s) { rows.push_back(read_row(s)); });
  if (!ok) return std::unexpected(ok.error());
  if (!rows.empty()) return rows;
  // A paper of one record: its key is in the row.
  auto key = db_.cached("SELECT source, arxiv_id, source_id FROM papers WHERE id = ?1");
  if (!key) return std::unexpected(key.error());
  (*key)->bind(1, paper.rowid);
  identity::RecordKey k;
  ok = (*key)->each_row([&](const Stmt& s) {
    core::Paper p;
    p.source = s.str(0);
    p.arxiv_id = s.str(1);
    k.family = identity::record_family(p);
    k.source_id = s.str(2);
  });
  if (!ok) return std::unexpected(ok.error());
  auto row = find_record(k);
  if (!row) return std::unexpected(row.error());
  if (!*row) {
    return fail(
        ErrorCode::internal,
        fmt::format("paper ah:{} has no record (its key {} is missing)", paper.uid, k.text()));
  }
  rows.push_back(std::move(**row));
  return rows;
}

namespace {

// The paper row (load_papers' form) as its one record: store-filled fields cleared, provenance
// from the record's row.
core::Paper as_record(core::Paper loaded, const RecordRow& row) {
  core::Paper p = canonical(std::move(loaded));
  p.source = row.source;
  p.source_id = row.key.source_id;
  p.fetched_at = row.fetched_at;
  p.fetched_from = row.fetched_from;
  return p;
}

}  // namespace

Result<core::Paper> SqliteStore::row_record(const PaperRef& paper, const RecordRow& row) {
  auto loaded = load_papers(db_, std::span(&paper.rowid, 1));
  if (!loaded) return std::unexpected(loaded.error());
  if (loaded->empty()) {
    return fail(ErrorCode::internal, fmt::format("paper row {} is gone", paper.rowid));
  }
  return as_record(std::move(loaded->front()), row);
}

Result<std::vector<identity::Record>> SqliteStore::read_bodies(const std::vector<RecordRow>& rows) {
  std::vector<identity::Record> records;
  auto body = db_.cached("SELECT body FROM records WHERE family = ?1 AND source_id = ?2");
  if (!body) return std::unexpected(body.error());
  for (const RecordRow& row : rows) {
    (*body)
        ->bind(1, identity::to_string(row.key.family))
        .bind(2, std::string_view(row.key.source_id));
    Result<core::Paper> content = fail(ErrorCode::internal, "record body missing");
    auto ok =
        (*body)->each_row([&](const Stmt& s) { content = json::record_from_json(s.text(0)); });
    if (!ok) return std::unexpected(ok.error());
    if (!content) {
      return std::unexpected(
          content.error().with_context(fmt::format("record {}", row.key.text())));
    }
    set_provenance(*content, row);
    records.push_back({row.id, std::move(*content)});
  }
  return records;
}

void set_provenance(core::Paper& content, const RecordRow& row) {
  content.source = row.source;
  content.source_id = row.key.source_id;
  content.fetched_at = row.fetched_at;
  content.fetched_from = row.fetched_from;
}

Result<std::vector<identity::Record>> SqliteStore::load_records(const PaperRef& paper,
                                                                std::vector<RecordRow>* out_rows) {
  auto rows = record_rows(paper);
  if (!rows) return std::unexpected(rows.error());
  std::vector<identity::Record> records;
  if (rows->size() == 1 && !rows->front().has_body) {
    auto content = row_record(paper, rows->front());
    if (!content) return std::unexpected(content.error());
    records.push_back({rows->front().id, std::move(*content)});
  } else {
    auto read = read_bodies(*rows);
    if (!read) return std::unexpected(read.error());
    records = std::move(*read);
  }
  if (out_rows) *out_rows = std::move(*rows);
  return records;
}

Result<PaperState> SqliteStore::load_state(const PaperRef& paper) {
  PaperState state;
  auto loaded = load_papers(db_, std::span(&paper.rowid, 1));
  if (!loaded) return std::unexpected(loaded.error());
  if (loaded->empty()) {
    return fail(ErrorCode::internal, fmt::format("paper row {} is gone", paper.rowid));
  }
  state.row = std::move(loaded->front());
  auto rows = record_rows(paper);
  if (!rows) return std::unexpected(rows.error());
  if (rows->size() == 1 && !rows->front().has_body) {
    state.records.push_back({rows->front().id, as_record(state.row, rows->front())});
  } else {
    auto read = read_bodies(*rows);
    if (!read) return std::unexpected(read.error());
    state.records = std::move(*read);
  }
  state.rows = std::move(*rows);
  return state;
}

Result<void> SqliteStore::put_record(const RecordRow& row, const core::Paper* body) {
  auto stmt = db_.cached(
      "INSERT INTO records (family, source_id, id, paper_uid, source, fetched_at, fetched_from, "
      "content_hash, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
      "ON CONFLICT (family, source_id) DO UPDATE SET id = excluded.id, "
      "paper_uid = excluded.paper_uid, source = excluded.source, "
      "fetched_at = excluded.fetched_at, fetched_from = excluded.fetched_from, "
      "content_hash = excluded.content_hash, body = excluded.body");
  if (!stmt) return std::unexpected(stmt.error());
  Stmt& s = **stmt;
  s.bind(1, identity::to_string(row.key.family)).bind(2, std::string_view(row.key.source_id));
  s.bind(3, row.id).bind(4, row.paper_uid).bind(5, row.source).bind(6, row.fetched_at);
  s.bind(7, row.fetched_from).bind(8, row.content_hash);
  std::string text;
  if (body) {
    text = json::record_to_json(*body);
    s.bind(9, std::string_view(text));
  } else {
    s.bind_null(9);
  }
  if (auto r = s.exec(); !r) return std::unexpected(r.error());
  return {};
}

Result<void> SqliteStore::ensure_bodies(const PaperRef& paper) {
  auto rows = record_rows(paper);
  if (!rows) return std::unexpected(rows.error());
  if (rows->size() != 1 || rows->front().has_body) return {};
  auto content = row_record(paper, rows->front());
  if (!content) return std::unexpected(content.error());
  RecordRow row = rows->front();
  row.has_body = true;
  return put_record(row, &*content);
}

Result<void> SqliteStore::ensure_bodies(PaperState& state) {
  if (state.rows.size() != 1 || state.rows.front().has_body) return {};
  RecordRow row = state.rows.front();
  row.has_body = true;
  if (auto r = put_record(row, &state.records.front().content); !r) return r;
  state.rows.front() = std::move(row);
  return {};
}

Result<std::int64_t> SqliteStore::take_counter(const std::string& name) {
  auto it = counters_.find(name);
  if (it == counters_.end()) {
    auto stmt = db_.cached("SELECT value FROM store_counters WHERE name = ?1");
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->bind(1, std::string_view(name));
    std::int64_t value = 1;
    auto ok = (*stmt)->each_row([&](const Stmt& s) { value = s.int64(0); });
    if (!ok) return std::unexpected(ok.error());
    it = counters_.emplace(name, value).first;
  }
  counters_dirty_ = true;
  return it->second++;
}

Result<void> SqliteStore::write_counters() {
  if (!counters_dirty_) return {};
  auto stmt = db_.cached(
      "INSERT INTO store_counters (name, value) VALUES (?1, ?2) "
      "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
  if (!stmt) return std::unexpected(stmt.error());
  for (const auto& [name, value] : counters_) {
    if (auto r = (*stmt)->bind(1, std::string_view(name)).bind(2, value).exec(); !r) {
      return std::unexpected(r.error());
    }
  }
  counters_dirty_ = false;
  return {};
}

Result<std::vector<core::Identifier>> SqliteStore::paper_identifiers(std::int64_t rowid) {
  auto stmt = db_.cached("SELECT scheme, value FROM paper_ids WHERE paper_id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, rowid);
  std::vector<core::Identifier> ids;
  auto ok = (*stmt)->each_row([&](const Stmt& s) { ids.push_back({s.str(0), s.str(1)}); });
  if (!ok) return std::unexpected(ok.error());
  return ids;
}

Result<void> SqliteStore::log_merge(std::int64_t paper_uid, const RecordRow& row,
                                    std::string_view kind, std::string_view reason) {
  auto stmt = db_.cached(
      "INSERT INTO merges (paper_uid, record_id, record_key, kind, reason, at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt) return std::unexpected(stmt.error());
  const std::string key = row.key.text();
  (*stmt)->bind(1, paper_uid).bind(2, row.id).bind(3, std::string_view(key)).bind(4, kind);
  (*stmt)->bind(5, reason).bind(6, now_);
  if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
  return {};
}

Result<bool> SqliteStore::any_rows(std::optional<bool>& flag, const char* table) {
  if (!flag) {
    auto n = db_.query_int(fmt::format("SELECT EXISTS (SELECT 1 FROM {})", table));
    if (!n) return std::unexpected(n.error());
    flag = *n != 0;
  }
  return *flag;
}

Result<bool> SqliteStore::blocked(const PaperRef& a, const PaperRef& b) {
  auto any = any_rows(any_blocks_, "merge_blocks");
  if (!any || !*any) return any;
  auto rows_a = record_rows(a);
  if (!rows_a) return std::unexpected(rows_a.error());
  auto rows_b = record_rows(b);
  if (!rows_b) return std::unexpected(rows_b.error());
  auto stmt = db_.cached("SELECT 1 FROM merge_blocks WHERE key_a = ?1 AND key_b = ?2");
  if (!stmt) return std::unexpected(stmt.error());
  for (const RecordRow& x : *rows_a) {
    for (const RecordRow& y : *rows_b) {
      std::string ka = x.key.text(), kb = y.key.text();
      if (kb < ka) std::swap(ka, kb);
      (*stmt)->bind(1, std::string_view(ka)).bind(2, std::string_view(kb));
      bool hit = false;
      auto ok = (*stmt)->each_row([&](const Stmt&) { hit = true; });
      if (!ok) return std::unexpected(ok.error());
      if (hit) return true;
    }
  }
  return false;
}

Result<void> SqliteStore::block(const std::vector<std::string>& keys_a,
                                const std::vector<std::string>& keys_b) {
  auto stmt = db_.cached(
      "INSERT INTO merge_blocks (key_a, key_b, at) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (key_a, key_b) DO NOTHING");
  if (!stmt) return std::unexpected(stmt.error());
  for (const std::string& a : keys_a) {
    for (const std::string& b : keys_b) {
      const std::string& lo = std::min(a, b);
      const std::string& hi = std::max(a, b);
      (*stmt)->bind(1, std::string_view(lo)).bind(2, std::string_view(hi)).bind(3, now_);
      if (auto r = (*stmt)->exec(); !r) return std::unexpected(r.error());
    }
  }
  any_blocks_ = true;
  return {};
}

Result<std::vector<identity::Notice>> SqliteStore::notices_for(
    const std::vector<core::Identifier>& ids) {
  std::vector<identity::Notice> out;
  auto any = any_rows(any_notices_, "notices");
  if (!any) return std::unexpected(any.error());
  if (!*any) return out;
  auto stmt = db_.cached(
      "SELECT notice_key, kind, date, doi, source FROM notices "
      "WHERE target_scheme = ?1 AND target_value = ?2 ORDER BY notice_key");
  if (!stmt) return std::unexpected(stmt.error());
  std::set<std::string> seen;
  for (const core::Identifier& id : ids) {
    (*stmt)->bind(1, std::string_view(id.scheme)).bind(2, std::string_view(id.value));
    auto ok = (*stmt)->each_row([&](const Stmt& s) {
      if (!seen.insert(s.str(0)).second) return;
      out.push_back(
          identity::Notice{core::parse_notice_kind(s.text(1)), s.str(3), s.str(2), s.str(4)});
    });
    if (!ok) return std::unexpected(ok.error());
  }
  return out;
}

Result<std::vector<core::Identifier>> SqliteStore::put_notices(const identity::RecordKey& key,
                                                               const core::Paper& record) {
  std::vector<core::Identifier> targets;
  auto stmt = db_.cached(
      "INSERT INTO notices (target_scheme, target_value, notice_key, kind, date, doi, source) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (target_scheme, target_value, notice_key) "
      "DO UPDATE SET kind = excluded.kind, date = excluded.date, doi = excluded.doi, "
      "source = excluded.source");
  if (!stmt) return std::unexpected(stmt.error());
  const std::string notice_key = key.text();
  for (const core::Relation& r : record.relations) {
    if (r.type != core::RelationType::updates) continue;
    auto target = identity::normalized(r.target);
    if (!target) continue;
    // A notice of no stated kind is named by what the record is (a retraction notice's type).
    core::NoticeKind kind = r.notice;
    if (kind == core::NoticeKind::none) {
      kind = record.type == core::WorkType::retraction   ? core::NoticeKind::retraction
             : record.type == core::WorkType::correction ? core::NoticeKind::correction
             : record.type == core::WorkType::erratum    ? core::NoticeKind::erratum
             : record.type == core::WorkType::expression_of_concern
                 ? core::NoticeKind::expression_of_concern
                 : core::NoticeKind::other;
    }
    const std::string& date = r.date.empty() ? record.published : r.date;
    const std::string doi = record.doi.empty() ? notice_key : record.doi;
    (*stmt)->bind(1, std::string_view(target->scheme)).bind(2, std::string_view(target->value));
    (*stmt)->bind(3, std::string_view(notice_key)).bind(4, core::to_string(kind));
    (*stmt)->bind(5, std::string_view(date).substr(0, 10)).bind(6, std::string_view(doi));
    (*stmt)->bind(7, record.source);
    if (auto e = (*stmt)->exec(); !e) return std::unexpected(e.error());
    targets.push_back(std::move(*target));
    any_notices_ = true;
  }
  return targets;
}

Result<void> SqliteStore::set_match_keys(const PaperRef& paper, const core::Paper& content,
                                         bool wanted) {
  auto any = any_rows(any_match_keys_, "match_keys");
  if (!any) return std::unexpected(any.error());
  if (*any) {
    auto del = db_.cached("DELETE FROM match_keys WHERE paper_uid = ?1");
    if (!del) return std::unexpected(del.error());
    if (auto r = (*del)->bind(1, paper.uid).exec(); !r) return std::unexpected(r.error());
  }
  if (!wanted) return {};
  // Every title word: an arXiv record looks up by its few longest words (candidate_words),
  // which need not be this title's longest when the titles differ a little.
  const std::vector<std::string> words = identity::title_words(content);
  if (words.empty()) return {};
  auto ins = db_.cached(
      "INSERT INTO match_keys (key, day, paper_uid) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (key, day, paper_uid) DO NOTHING");
  if (!ins) return std::unexpected(ins.error());
  const std::int64_t day = day_key(sort_date(content));
  for (const std::string& w : words) {
    if (auto r = (*ins)->bind(1, std::string_view(w)).bind(2, day).bind(3, paper.uid).exec(); !r) {
      return std::unexpected(r.error());
    }
  }
  any_match_keys_ = true;
  return {};
}

}  // namespace ah::store::sqlite
