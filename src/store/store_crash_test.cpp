// A process importing batches is killed with SIGKILL mid-import: the database must be intact and
// hold only whole batches (each batch is one transaction, with its harvest state), and the next
// writer finishes the full-text compaction the killed bulk load deferred.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "search/query.h"
#include "store/paper_store.h"
#include "store/sqlite/index_checks_for_tests.h"
#include "tests/support/fixtures.h"

namespace ah::store {
namespace {

constexpr int kBatch = 500;
constexpr int kBatches = 400;  // far more than can finish before the kill

core::Paper record(int batch, int i) {
  core::Paper p;
  p.arxiv_id = fmt::format("{:02d}{:02d}.{:05d}", 10 + batch / 12, 1 + batch % 12, i);
  p.version = 1;
  p.title = p.title_display = fmt::format("Batch {} paper {} about crash safety", batch, i);
  p.abstract = p.abstract_display = std::string(600, 'a') + fmt::format(" words {} {}", batch, i);
  p.authors = {{"Ana Lee", ""}, {fmt::format("Author {}", i), ""}};
  p.categories = {"cs.DB"};
  p.published = fmt::format("20{:02d}-{:02d}-{:02d}", 10 + batch % 10, 1 + i % 12, 1 + i % 28);
  p.source = core::source::kArxivOai;
  return p;
}

// The child: imports batches, telling the parent through `pipe_fd` after each commit.
[[noreturn]] void import_until_killed(const std::filesystem::path& file, int pipe_fd) {
  auto store = open_sqlite(file, SqliteOptions::bulk_load_mode());
  if (!store) _exit(2);
  for (int b = 0; b < kBatches; ++b) {
    std::vector<core::Paper> papers;
    for (int i = 0; i < kBatch; ++i) papers.push_back(record(b, i));
    std::vector<StateEntry> state{{"cursor", std::to_string(b + 1)}};
    if (!(*store)->upsert(papers, state)) _exit(3);
    char c = 1;
    if (write(pipe_fd, &c, 1) != 1) _exit(4);
  }
  _exit(0);
}

// What a bulk load leaves in the database: the FTS merge policy, its marker ("" when absent)
// and the number of index segments, read on a connection of the test's own.
struct BulkLoadLeftovers {
  std::int64_t automerge = -1;
  std::string marker;
  std::int64_t segments = -1;
};

BulkLoadLeftovers leftovers(const std::filesystem::path& file) {
  BulkLoadLeftovers out;
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open_v2(file.string().c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  auto query = [&](const char* sql, auto read) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(raw, sql, -1, &stmt, nullptr), SQLITE_OK) << sql;
    if (sqlite3_step(stmt) == SQLITE_ROW) read(stmt);
    sqlite3_finalize(stmt);
  };
  query("SELECT coalesce(max(v), 4) FROM paper_fts_config WHERE k = 'automerge'",
        [&](sqlite3_stmt* s) { out.automerge = sqlite3_column_int64(s, 0); });
  query("SELECT value FROM harvest_state WHERE key = 'store:bulk-load'", [&](sqlite3_stmt* s) {
    out.marker = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  });
  query("SELECT count(DISTINCT segid) FROM paper_fts_idx",
        [&](sqlite3_stmt* s) { out.segments = sqlite3_column_int64(s, 0); });
  sqlite3_close(raw);
  return out;
}

TEST(StoreCrash, KilledImportLeavesOnlyWholeBatches) {
  ah::testing::TempDir dir;
  const auto file = dir.path() / "papers.db";
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    import_until_killed(file, fds[1]);
  }
  close(fds[1]);
  // Let a few batches commit, then kill the child in the middle of the next ones.
  int committed = 0;
  char c;
  while (committed < 3 && read(fds[0], &c, 1) == 1) ++committed;
  usleep(30000);
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  close(fds[0]);
  ASSERT_TRUE(WIFSIGNALED(status))
      << "the child finished before the kill (status " << status << "): raise kBatches";
  ASSERT_GE(committed, 3);

  // The killed bulk load left its deferred compaction undone, with its marker: a reader leaves it
  // so, the next writer finishes it (store/sqlite/bulk_load.h).
  const BulkLoadLeftovers killed = leftovers(file);
  EXPECT_EQ(killed.automerge, 0);
  EXPECT_NE(killed.marker.find(fmt::format("pid {} ", child)), std::string::npos) << killed.marker;
  EXPECT_GT(killed.segments, 1);
  ASSERT_TRUE(open_sqlite(file, SqliteOptions::read_only_mode()).has_value());
  EXPECT_EQ(leftovers(file).marker, killed.marker);

  auto store = open_sqlite(file);
  ASSERT_TRUE(store.has_value()) << store.error().message;
  const BulkLoadLeftovers finished = leftovers(file);
  EXPECT_EQ(finished.automerge, 4);
  EXPECT_EQ(finished.marker, "");
  EXPECT_EQ(finished.segments, 1) << "the next writer compacted the index";
  auto stats = (*store)->stats();
  ASSERT_TRUE(stats.has_value()) << stats.error().message;
  const std::int64_t papers = stats->papers;
  EXPECT_EQ(papers % kBatch, 0) << papers << " papers is not a whole number of batches";
  EXPECT_GE(papers, std::int64_t{committed} * kBatch);
  const std::int64_t batches = papers / kBatch;
  EXPECT_EQ(stats->state["cursor"], std::to_string(batches)) << "state commits with its batch";

  // Every paper of each committed batch is there, and nothing of the next one.
  for (std::int64_t b = 0; b < batches; ++b) {
    for (int i : {0, kBatch / 2, kBatch - 1}) {
      auto p = (*store)->get(record(static_cast<int>(b), i).arxiv_id);
      ASSERT_TRUE(p.has_value());
      EXPECT_TRUE(p->has_value()) << "batch " << b << " paper " << i;
    }
  }
  auto next = (*store)->get(record(static_cast<int>(batches), 0).arxiv_id);
  ASSERT_TRUE(next.has_value());
  EXPECT_FALSE(next->has_value());

  // The full-text index agrees with the table.
  auto request = search::parse_query("crash safety");
  ASSERT_TRUE(request.has_value());
  auto found = (*store)->search(*request);
  ASSERT_TRUE(found.has_value()) << found.error().message;
  if (found->total_exact) {
    EXPECT_EQ(found->total, papers);
  }
  store->reset();

  // PRAGMA integrity_check (which includes the FTS5 index's own check) on a raw connection.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(file.string().c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr),
            SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "ok");
  sqlite3_finalize(stmt);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(raw, "INSERT INTO paper_fts (paper_fts) VALUES ('integrity-check')",
                         nullptr, nullptr, &error),
            SQLITE_OK)
      << (error ? error : "");
  sqlite3_free(error);
  EXPECT_EQ(sqlite::title_index_differences(raw), 0) << "the titles' index holds other titles";
  sqlite3_close(raw);
}

}  // namespace
}  // namespace ah::store
