#include "store/sqlite/paper_rows.h"

#include <fmt/format.h>

#include <string>
#include <unordered_map>

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

}  // namespace

Result<std::vector<core::Paper>> load_papers(Db& db, std::span<const std::int64_t> ids) {
  std::vector<core::Paper> papers;
  if (ids.empty()) return papers;
  std::unordered_map<std::int64_t, size_t> index;  // id -> position in `found`
  std::vector<std::int64_t> found_ids;
  std::vector<core::Paper> found;
  auto ok = for_rows(
      db,
      "SELECT id, arxiv_id, version, doi, published, version_date, updated, announced, source, "
      "announce_type, license, abs_url, pdf_url, submitter, report_no, journal_ref, comment, "
      "title, title_display, abstract, abstract_display FROM papers WHERE id IN ({ids})",
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
        index.emplace(s.int64(0), found.size());
        found_ids.push_back(s.int64(0));
        found.push_back(std::move(p));
      });
  if (!ok) return std::unexpected(ok.error());
  if (found.empty()) return papers;
  auto owner = [&](const Stmt& s) -> core::Paper& { return found[index.at(s.int64(0))]; };

  ok = for_rows(db,
                "SELECT paper_id, name, affiliation FROM paper_authors WHERE paper_id IN ({ids}) "
                "ORDER BY paper_id, position",
                found_ids, [&](const Stmt& s) {
                  owner(s).authors.push_back(core::Author{s.str(1), s.str(2)});
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
    ok = for_rows(db,
                  "SELECT paper_id, scheme, value FROM paper_ids WHERE paper_id IN ({ids}) "
                  "AND scheme NOT IN ('arxiv', 'doi') ORDER BY paper_id, scheme, value",
                  found_ids, [&](const Stmt& s) {
                    owner(s).other_ids.push_back(core::Identifier{s.str(1), s.str(2)});
                  });
  }
  if (!ok) return std::unexpected(ok.error());

  papers.reserve(ids.size());
  for (std::int64_t id : ids) {
    auto it = index.find(id);
    if (it != index.end()) papers.push_back(found[it->second]);
  }
  return papers;
}

}  // namespace ah::store::sqlite
