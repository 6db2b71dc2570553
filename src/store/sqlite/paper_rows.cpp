#include "store/sqlite/paper_rows.h"

#include <fmt/format.h>

#include <string>
#include <unordered_map>

#include "identity/family.h"
#include "identity/history.h"
#include "store/sqlite/columns.h"

namespace ah::store::sqlite {
namespace {

// Runs `sql` (with "{ids}" standing for the id list) over the ids and calls `row` per result.
// A single id uses a cached statement; a list is written into the SQL as integers.
template <typename RowFn>
Result<void> for_rows(Db& db, std::string_view sql, std::span<const std::int64_t> ids, RowFn row) {
  Stmt owned;
  Stmt* stmt = nullptr;
  if (ids.size() == 1) {
    auto cached = db.cached(fmt::format(fmt::runtime(sql), fmt::arg("ids", "?1")));
    if (!cached) return std::unexpected(cached.error());
    stmt = *cached;
    stmt->bind(1, ids[0]);
  } else {
    auto prepared =
        db.prepare(fmt::format(fmt::runtime(sql), fmt::arg("ids", fmt::join(ids, ","))));
    if (!prepared) return std::unexpected(prepared.error());
    owned = std::move(*prepared);
    stmt = &owned;
  }
  for (;;) {
    auto r = stmt->step();
    if (!r) return std::unexpected(r.error());
    if (!*r) break;
    row(*stmt);
  }
  stmt->reset();
  return {};
}

// Fills each paper's `records`: those of a paper of several records from the records index, the
// one record of the others by its key (the family of the row's source, the row's source_id).
Result<void> load_records(Db& db, std::vector<core::Paper>& papers) {
  std::unordered_map<std::int64_t, size_t> by_uid;
  std::vector<std::int64_t> uids;
  for (size_t i = 0; i < papers.size(); ++i) {
    by_uid.emplace(papers[i].paper_id, i);
    uids.push_back(papers[i].paper_id);
  }
  auto ok = for_rows(db,
                     "SELECT paper_uid, id, source, source_id, fetched_at, fetched_from FROM "
                     "records WHERE paper_uid IN ({ids}) AND body IS NOT NULL ORDER BY paper_uid, id",
                     uids, [&](const Stmt& s) {
                       papers[by_uid.at(s.int64(0))].records.push_back(
                           core::RecordRef{s.int64(1), s.str(2), s.str(3), s.str(4), s.str(5)});
                     });
  if (!ok) return ok;
  auto one = db.cached(
      "SELECT id, source, fetched_at, fetched_from FROM records WHERE family = ?1 AND "
      "source_id = ?2");
  if (!one) return std::unexpected(one.error());
  for (core::Paper& p : papers) {
    if (!p.records.empty()) continue;
    const std::string_view family = identity::to_string(identity::record_family(p));
    (*one)->bind(1, family).bind(2, std::string_view(p.source_id));
    auto row = (*one)->step();
    if (!row) return std::unexpected(row.error());
    if (*row) {
      p.records.push_back(core::RecordRef{(*one)->int64(0), (*one)->str(1), p.source_id,
                                          (*one)->str(2), (*one)->str(3)});
    }
    (*one)->reset();
  }
  return {};
}

}  // namespace

Result<std::vector<core::Paper>> load_papers(Db& db, std::span<const std::int64_t> ids) {
  std::vector<core::Paper> papers;
  if (ids.empty()) return papers;
  std::unordered_map<std::int64_t, size_t> index;  // id -> position in `found`
  std::vector<std::int64_t> found_ids;
  std::vector<core::Paper> found;
  struct Stored {  // what the row keeps beside the Paper's fields
    std::string history, status, provenance;
  };
  std::vector<Stored> stored;
  auto ok = for_rows(
      db,
      "SELECT id, arxiv_id, version, doi, published, version_date, updated, announced, source, "
      "announce_type, license, abs_url, pdf_url, submitter, report_no, journal_ref, comment, "
      "title, title_display, abstract, abstract_display, uid, source_id, venue, venue_short, "
      "volume, issue, pages, publisher, issns, work_type, language, retracted, relations, "
      "history, status, provenance FROM papers WHERE id IN ({ids})",
      ids, [&](const Stmt& s) {
        core::Paper p;
        p.arxiv_id = s.str(1);
        p.version = s.integer(2);
        p.doi = s.str(3);
        p.published = s.str(4);
        p.version_date = s.str(5);
        p.updated = s.str(6);
        p.announced = s.str(7);
        p.source = s.str(8);
        p.announce_type = s.str(9);
        p.license = s.str(10);
        p.abs_url = s.str(11);
        p.pdf_url = s.str(12);
        p.submitter = s.str(13);
        p.report_no = s.str(14);
        p.journal_ref = s.str(15);
        p.comment = s.str(16);
        p.title = s.str(17);
        p.title_display = s.str(18);
        p.abstract = s.str(19);
        p.abstract_display = s.str(20);
        p.paper_id = s.int64(21);
        p.source_id = s.str(22);  // the primary record's key (cleared below)
        p.venue = s.str(23);
        p.venue_short = s.str(24);
        p.volume = s.str(25);
        p.issue = s.str(26);
        p.pages = s.str(27);
        p.publisher = s.str(28);
        p.issns = split_words(s.text(29));
        p.type = core::parse_work_type(s.text(30));
        p.language = s.str(31);
        p.retracted = s.integer(32) != 0;
        p.relations = decode_relations(s.text(33));
        stored.push_back(Stored{s.str(34), s.str(35), s.str(36)});
        index.emplace(s.int64(0), found.size());
        found_ids.push_back(s.int64(0));
        found.push_back(std::move(p));
      });
  if (!ok) return std::unexpected(ok.error());
  if (found.empty()) return papers;
  auto owner = [&](const Stmt& s) -> core::Paper& { return found[index.at(s.int64(0))]; };

  ok = for_rows(db,
                "SELECT paper_id, name, affiliation, orcid, ids FROM paper_authors "
                "WHERE paper_id IN ({ids}) ORDER BY paper_id, position",
                found_ids, [&](const Stmt& s) {
                  owner(s).authors.push_back(
                      core::Author{s.str(1), s.str(2), s.str(3), decode_ids(s.text(4))});
                });
  if (ok) {
    ok = for_rows(db,
                  "SELECT paper_id, category FROM paper_categories WHERE paper_id IN ({ids}) "
                  "ORDER BY paper_id, position",
                  found_ids, [&](const Stmt& s) { owner(s).categories.push_back(s.str(1)); });
  }
  if (ok) {
    ok = for_rows(
        db,
        "SELECT paper_id, version, date, size FROM paper_versions "
        "WHERE paper_id IN ({ids}) ORDER BY paper_id, version",
        found_ids, [&](const Stmt& s) {
          owner(s).versions.push_back(core::PaperVersion{s.integer(1), s.str(2), s.str(3)});
        });
  }
  if (ok) {
    // Every identifier but the two the paper names in its own fields.
    ok = for_rows(db,
                  "SELECT paper_id, scheme, value FROM paper_ids WHERE paper_id IN ({ids}) "
                  "ORDER BY paper_id, scheme, value",
                  found_ids, [&](const Stmt& s) {
                    core::Paper& p = owner(s);
                    const std::string_view scheme = s.text(1), value = s.text(2);
                    if ((scheme == "arxiv" && value == p.arxiv_id) ||
                        (scheme == "doi" && value == p.doi)) {
                      return;
                    }
                    p.other_ids.push_back(core::Identifier{std::string(scheme), std::string(value)});
                  });
  }
  if (ok) ok = load_records(db, found);
  if (!ok) return std::unexpected(ok.error());

  for (size_t i = 0; i < found.size(); ++i) {
    core::Paper& p = found[i];
    if (!stored[i].history.empty() || !stored[i].status.empty()) {
      p.history = decode_history(stored[i].history);
      p.status = decode_status(stored[i].status);
    } else {
      // A paper of one record without notices: its history is the record's.
      p.history = identity::history_of_one(p);
      p.status = identity::status_of(p.history, p.retracted);
    }
    p.field_sources = decode_provenance(stored[i].provenance);
    p.source_id.clear();
  }

  papers.reserve(ids.size());
  for (std::int64_t id : ids) {
    auto it = index.find(id);
    if (it != index.end()) papers.push_back(found[it->second]);
  }
  return papers;
}

}  // namespace ah::store::sqlite
