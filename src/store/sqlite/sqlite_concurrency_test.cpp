// The SQLite store under concurrent connections and processes: what opening writes (readers:
// nothing), a bulk load's merge policy and the marker that owns it (bulk_load.h), the recovery of
// a killed bulk load's compaction, and bounded, worded waits for locks.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "store/paper_store.h"
#include "store/sqlite/bulk_load.h"
#include "store/sqlite/db.h"
#include "store/sqlite/downgrade_for_tests.h"
#include "store/sqlite/migrations.h"
#include "tests/support/fixtures.h"

namespace ah::store::sqlite {
namespace {

using std::chrono::milliseconds;

constexpr int kBatch = 50;

// Papers first .. first + count - 1 of a synthetic stream (ids 2401.00001 ...).
std::vector<core::Paper> papers(int first, int count) {
  std::vector<core::Paper> out;
  for (int n = first; n < first + count; ++n) {
    core::Paper p;
    p.arxiv_id = fmt::format("2401.{:05}", n);
    p.version = 1;
    p.title = p.title_display = fmt::format("Concurrent store paper {}", n);
    p.abstract = p.abstract_display = fmt::format("Readers and writers share word{} here.", n);
    p.authors = {{"Ana Lee", ""}};
    p.categories = {"cs.DB"};
    p.published = fmt::format("2024-01-{:02}T00:00:00Z", 1 + n % 28);
    out.push_back(std::move(p));
  }
  return out;
}

// A connection of the test's own, to look at (or change) the database behind the store's back.
Db raw(const std::filesystem::path& file) {
  auto db = Db::open(file.string(), SQLITE_OPEN_READWRITE);
  EXPECT_TRUE(db.has_value()) << db.error().message;
  return db ? std::move(*db) : Db();
}

std::int64_t one(Db& db, const std::string& sql) {
  auto v = db.query_int(sql);
  EXPECT_TRUE(v.has_value()) << sql << ": " << v.error().message;
  return v.value_or(-1);
}

// What a bulk load leaves in the database, read on a fresh connection.
struct Snapshot {
  std::int64_t automerge = -1, crisismerge = -1;
  std::string marker;  // "" when absent
  std::int64_t segments = -1;
  bool operator==(const Snapshot&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Snapshot& s) {
  return os << "{automerge " << s.automerge << ", crisismerge " << s.crisismerge << ", marker '"
            << s.marker << "', segments " << s.segments << "}";
}

Snapshot snapshot(const std::filesystem::path& file) {
  Db db = raw(file);
  Snapshot s;
  s.automerge = one(db, "SELECT coalesce(max(v), 4) FROM paper_fts_config WHERE k = 'automerge'");
  s.crisismerge =
      one(db, "SELECT coalesce(max(v), 16) FROM paper_fts_config WHERE k = 'crisismerge'");
  s.segments = one(db, "SELECT count(DISTINCT segid) FROM paper_fts_idx");
  auto stmt = db.prepare("SELECT value FROM harvest_state WHERE key = 'store:bulk-load'");
  EXPECT_TRUE(stmt.has_value());
  if (stmt && stmt->step().value_or(false)) s.marker = stmt->str(0);
  return s;
}

std::int64_t integrity_problems(const std::filesystem::path& file) {
  Db db = raw(file);
  return one(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'") +
         (db.exec("INSERT INTO paper_fts (paper_fts) VALUES ('integrity-check')") ? 0 : 1);
}

// Makes `text` the bulk-load marker (or removes it, for ""), as a bulk load of another process
// would have left it, with the bulk merge policy.
void leave_marker(const std::filesystem::path& file, const std::string& text) {
  Db db = raw(file);
  ASSERT_TRUE(
      db.exec("INSERT INTO paper_fts (paper_fts, rank) VALUES ('automerge', 0); "
              "INSERT INTO paper_fts (paper_fts, rank) VALUES ('crisismerge', 64); "
              "DELETE FROM harvest_state WHERE key = 'store:bulk-load'"));
  if (text.empty()) return;
  ASSERT_TRUE(
      db.exec(fmt::format("INSERT INTO harvest_state VALUES ('store:bulk-load', '{}', "
                          "'2024-01-01T00:00:00Z')",
                          text)));
}

// Loads `batches` batches in bulk-load mode and stops without ending the bulk load, as a killed
// import does (the marker names this process until the test changes it).
void bulk_load_without_end(const std::filesystem::path& file, int batches) {
  auto bulk = open_sqlite(file, SqliteOptions::bulk_load_mode());
  ASSERT_TRUE(bulk.has_value()) << bulk.error().message;
  for (int b = 0; b < batches; ++b) {
    auto r = (*bulk)->upsert(papers(1 + b * kBatch, kBatch));
    ASSERT_TRUE(r.has_value()) << r.error().message;
  }
}

// A child process: either already gone (its pid is dead and reaped) or waiting until the test
// lets it go.
class Child {
 public:
  explicit Child(bool keep_running) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      close(fds[1]);
      char c;
      if (keep_running) (void)!read(fds[0], &c, 1);  // until the parent closes its end
      _exit(0);
    }
    close(fds[0]);
    release_ = fds[1];
    if (!keep_running) stop();
  }
  ~Child() { stop(); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  std::int64_t pid() const { return pid_; }
  void stop() {
    if (release_ >= 0) close(release_);
    release_ = -1;
    if (pid_ > 0 && !reaped_) waitpid(static_cast<pid_t>(pid_), nullptr, 0);
    reaped_ = true;
  }

 private:
  std::int64_t pid_ = -1;
  int release_ = -1;
  bool reaped_ = false;
};

SqliteOptions with_timeout(SqliteOptions options, milliseconds wait) {
  options.busy_timeout = wait;
  return options;
}

// ---- opening while others write ---------------------------------------------------------------

struct Opener {
  const char* name;
  SqliteOptions options;
};

void PrintTo(const Opener& o, std::ostream* os) { *os << o.name; }

SqliteOptions read_or_create() {
  SqliteOptions o = SqliteOptions::read_only_mode();
  o.create = true;
  return o;
}

class OpenDuringABulkLoad : public ::testing::TestWithParam<Opener> {
 protected:
  void SetUp() override {
    bulk_ = open_sqlite(file_, SqliteOptions::bulk_load_mode()).value_or(nullptr);
    ASSERT_NE(bulk_, nullptr);
    ASSERT_TRUE(bulk_->upsert(papers(1, kBatch)).has_value());
    bulk_state_ = snapshot(file_);
    ASSERT_EQ(bulk_state_.automerge, 0) << "the bulk load's first batch sets its policy";
    ASSERT_EQ(bulk_state_.marker, marker_text(this_process()));
  }

  // Opens a store as the parameter says, giving up on locks after 300 ms: an open that tried to
  // write while another connection writes would fail.
  Result<std::unique_ptr<PaperStore>> open() {
    return open_sqlite(file_, with_timeout(GetParam().options, milliseconds(300)));
  }

  ah::testing::TempDir dir_;
  std::filesystem::path file_ = dir_.path() / "papers.db";
  std::unique_ptr<PaperStore> bulk_;
  Snapshot bulk_state_;
};

TEST_P(OpenDuringABulkLoad, SucceedsWhileAWriteTransactionIsOpenAndWritesNothing) {
  Db writer = raw(file_);
  ASSERT_TRUE(
      writer.exec("BEGIN IMMEDIATE; INSERT INTO harvest_state VALUES "
                  "('test:lock', 'held', '2024-01-01T00:00:00Z')"));
  Db observer = raw(file_);
  const std::int64_t before = one(observer, "PRAGMA data_version");
  {
    auto store = open();
    ASSERT_TRUE(store.has_value()) << store.error().message;
    auto stats = (*store)->stats();
    ASSERT_TRUE(stats.has_value()) << stats.error().message;
    EXPECT_EQ(stats->papers, kBatch);
  }
  ASSERT_TRUE(writer.exec("ROLLBACK"));
  // Without the lock too: nothing was committed by the open (data_version counts other
  // connections' commits).
  { ASSERT_TRUE(open().has_value()); }
  EXPECT_EQ(one(observer, "PRAGMA data_version"), before);
  EXPECT_EQ(snapshot(file_), bulk_state_);
}

TEST_P(OpenDuringABulkLoad, LeavesTheBulkLoadsMergePolicyAlone) {
  constexpr int kBatches = 6;
  for (int b = 1; b < kBatches; ++b) {
    auto store = open();
    ASSERT_TRUE(store.has_value()) << store.error().message;
    ASSERT_TRUE((*store)->stats().has_value());
    ASSERT_TRUE(bulk_->upsert(papers(1 + b * kBatch, kBatch)).has_value());
  }
  Snapshot during = snapshot(file_);
  EXPECT_EQ(during.automerge, 0);
  EXPECT_EQ(during.crisismerge, 64);
  EXPECT_EQ(during.marker, marker_text(this_process()));
  EXPECT_GE(during.segments, kBatches) << "merging stays deferred: a segment per batch";

  ASSERT_TRUE(bulk_->optimize().has_value());
  EXPECT_EQ(snapshot(file_), (Snapshot{4, 16, "", 1}));
  EXPECT_EQ(integrity_problems(file_), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Openers, OpenDuringABulkLoad,
    ::testing::Values(Opener{"reader", SqliteOptions::read_only_mode()},
                      Opener{"serve", read_or_create()}, Opener{"writer", SqliteOptions{}},
                      Opener{"another_bulk_load", SqliteOptions::bulk_load_mode()}),
    [](const ::testing::TestParamInfo<Opener>& info) { return std::string(info.param.name); });

// ---- a killed bulk load's compaction ----------------------------------------------------------

struct Interrupted {
  const char* name;
  // The marker a bulk load that was killed left ("" for none), given a dead process.
  std::function<std::string(const Child& dead)> marker;
};

void PrintTo(const Interrupted& c, std::ostream* os) { *os << c.name; }

class KilledBulkLoad : public ::testing::TestWithParam<Interrupted> {};

TEST_P(KilledBulkLoad, IsCompactedByTheNextWriterAndNotByAReader) {
  ah::testing::TempDir dir;
  const auto file = dir.path() / "papers.db";
  bulk_load_without_end(file, 4);
  Child dead(/*keep_running=*/false);
  leave_marker(file, GetParam().marker(dead));
  const Snapshot left = snapshot(file);
  ASSERT_GE(left.segments, 4);

  {
    auto reader = open_sqlite(file, SqliteOptions::read_only_mode());
    ASSERT_TRUE(reader.has_value()) << reader.error().message;
    auto found = (*reader)->search(search::parse_query("concurrent").value());
    ASSERT_TRUE(found.has_value()) << found.error().message;
  }
  EXPECT_EQ(snapshot(file), left) << "a reader writes nothing";

  std::vector<std::string> notices;
  SqliteOptions options;
  options.on_maintenance = [&](std::string_view what) { notices.emplace_back(what); };
  auto writer = open_sqlite(file, options);
  ASSERT_TRUE(writer.has_value()) << writer.error().message;
  EXPECT_EQ(snapshot(file), (Snapshot{4, 16, "", 1}));
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].find("interrupted"), std::string::npos) << notices[0];
  auto found = (*writer)->search(search::parse_query("concurrent").value());
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_EQ(found->total, 4 * kBatch);
  writer->reset();
  EXPECT_EQ(integrity_problems(file), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Markers, KilledBulkLoad,
    ::testing::Values(Interrupted{"dead_process",
                                  [](const Child& dead) {
                                    return marker_text(ProcessId{dead.pid(), 0});
                                  }},
                      Interrupted{"recycled_pid",
                                  [](const Child&) {
                                    ProcessId self = this_process();
                                    return marker_text(ProcessId{self.pid, self.start + 1});
                                  }},
                      Interrupted{"unreadable_marker",
                                  [](const Child&) { return std::string("garbage"); }},
                      Interrupted{"older_academichub_without_marker",
                                  [](const Child&) { return std::string(); }}),
    [](const ::testing::TestParamInfo<Interrupted>& info) { return std::string(info.param.name); });

TEST(KilledBulkLoad, ARunningOwnersMarkerIsLeftAloneUntilItIsGone) {
  ah::testing::TempDir dir;
  const auto file = dir.path() / "papers.db";
  bulk_load_without_end(file, 3);
  Child owner(/*keep_running=*/true);
  leave_marker(file, marker_text(ProcessId{owner.pid(), 0}));
  const Snapshot running = snapshot(file);

  {
    auto writer = open_sqlite(file);
    ASSERT_TRUE(writer.has_value()) << writer.error().message;
    ASSERT_TRUE((*writer)->upsert(papers(1000, 5)).has_value());
    // Another bulk load writes as a guest under the owner's policy; its compaction leaves the
    // owner's marker and policy in place.
    auto guest = open_sqlite(file, SqliteOptions::bulk_load_mode());
    ASSERT_TRUE(guest.has_value()) << guest.error().message;
    ASSERT_TRUE((*guest)->upsert(papers(2000, 5)).has_value());
    ASSERT_TRUE((*guest)->optimize().has_value());
  }
  Snapshot after = snapshot(file);
  EXPECT_EQ(after.marker, running.marker);
  EXPECT_EQ(after.automerge, 0);

  owner.stop();
  ASSERT_TRUE(open_sqlite(file).has_value());
  EXPECT_EQ(snapshot(file), (Snapshot{4, 16, "", 1}));
  EXPECT_EQ(integrity_problems(file), 0);
}

TEST(KilledBulkLoad, ABulkLoadThatTakesOverItsMarkerCompactsEvenWhenItEndsSmall) {
  ah::testing::TempDir dir;
  const auto file = dir.path() / "papers.db";
  bulk_load_without_end(file, 3);
  // The next import opens while the marker's owner (this process) still runs, and the owner is
  // gone by its first batch.
  auto next = open_sqlite(file, SqliteOptions::bulk_load_mode());
  ASSERT_TRUE(next.has_value()) << next.error().message;
  Child dead(/*keep_running=*/false);
  leave_marker(file, marker_text(ProcessId{dead.pid(), 0}));
  ASSERT_TRUE((*next)->upsert(papers(5000, 3)).has_value());
  EXPECT_EQ(snapshot(file).marker, marker_text(this_process()));
  ASSERT_TRUE((*next)->end_bulk_load().has_value());
  EXPECT_EQ(snapshot(file), (Snapshot{4, 16, "", 1}));
}

TEST(BulkLoad, ASmallOneEndsWithoutCompactingAndRestoresNormalMerging) {
  ah::testing::TempDir dir;
  const auto file = dir.path() / "papers.db";
  auto bulk = open_sqlite(file, SqliteOptions::bulk_load_mode());
  ASSERT_TRUE(bulk.has_value()) << bulk.error().message;
  ASSERT_TRUE((*bulk)->upsert(papers(1, kBatch)).has_value());
  ASSERT_TRUE((*bulk)->upsert(papers(1 + kBatch, kBatch)).has_value());
  ASSERT_TRUE((*bulk)->end_bulk_load().has_value());
  Snapshot s = snapshot(file);
  EXPECT_EQ(s.automerge, 4);
  EXPECT_EQ(s.marker, "");
  EXPECT_GT(s.segments, 1) << "not compacted";
}

TEST(BulkLoad, MarkersNameAProcessAndItsStart) {
  const ProcessId self = this_process();
  EXPECT_EQ(self.pid, getpid());
  EXPECT_TRUE(is_running(self));
  EXPECT_FALSE(is_running(ProcessId{self.pid, self.start + 1})) << "a recycled pid";
  EXPECT_EQ(parse_marker(marker_text(self)), self);
  for (const char* bad :
       {"", "pid", "pid x start 1", "pid 12 start", "pid 12 start 3 more", "pid -4 start 0"}) {
    EXPECT_FALSE(parse_marker(bad).has_value()) << bad;
  }
  Child dead(/*keep_running=*/false);
  EXPECT_FALSE(is_running(ProcessId{dead.pid(), 0}));
}

// ---- waiting for locks ------------------------------------------------------------------------

TEST(StoreBusy, ALockHeldPastTheTimeoutIsAWordedUnavailableError) {
  ah::testing::TempDir dir;
  const auto file = dir.path() / "papers.db";
  auto store = open_sqlite(file, with_timeout(SqliteOptions{}, milliseconds(200)));
  ASSERT_TRUE(store.has_value()) << store.error().message;
  Db writer = raw(file);
  ASSERT_TRUE(writer.exec("BEGIN IMMEDIATE"));

  const auto start = std::chrono::steady_clock::now();
  auto r = (*store)->upsert(papers(1, 3));
  const auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.has_value());
  const Error& e = r.error();
  EXPECT_EQ(e.code, ErrorCode::unavailable);
  EXPECT_TRUE(e.busy);
  EXPECT_NE(e.message.find("the database is busy"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("more than 200 ms"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("try again"), std::string::npos) << e.message;
  EXPECT_EQ(e.message.find("locked"), std::string::npos) << e.message;
  EXPECT_TRUE(e.with_context("database").busy) << "context keeps the field";
  EXPECT_GE(waited, milliseconds(150)) << "it waited for the lock first";
  EXPECT_LT(waited, std::chrono::seconds(10));

  auto put = (*store)->put_state(std::vector<StateEntry>{{"k", "v"}});
  ASSERT_FALSE(put.has_value());
  EXPECT_TRUE(put.error().busy);
  ASSERT_TRUE(writer.exec("ROLLBACK"));
  EXPECT_TRUE((*store)->upsert(papers(1, 3)).has_value()) << "and works once the lock is gone";
}

TEST(StoreBusy, AnImportsEndDoesNotWaitForReaders) {
  ah::testing::TempDir dir;
  const auto file = dir.path() / "papers.db";
  auto bulk =
      open_sqlite(file, with_timeout(SqliteOptions::bulk_load_mode(), std::chrono::seconds(30)));
  ASSERT_TRUE(bulk.has_value()) << bulk.error().message;
  ASSERT_TRUE((*bulk)->upsert(papers(1, kBatch)).has_value());
  // A reader in the middle of a read transaction, on the snapshot before the next batch.
  Db reader = raw(file);
  ASSERT_TRUE(reader.exec("BEGIN"));
  EXPECT_EQ(one(reader, "SELECT count(*) FROM papers"), kBatch);
  ASSERT_TRUE((*bulk)->upsert(papers(1 + kBatch, kBatch)).has_value());

  const auto start = std::chrono::steady_clock::now();
  auto r = (*bulk)->optimize();
  EXPECT_TRUE(r.has_value()) << r.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15))
      << "the final checkpoint waited for the reader";
  EXPECT_EQ(one(reader, "SELECT count(*) FROM papers"), kBatch) << "the reader's snapshot holds";
  ASSERT_TRUE(reader.exec("COMMIT"));
  EXPECT_EQ(snapshot(file), (Snapshot{4, 16, "", 1}));
}

// ---- which database a reader opens ------------------------------------------------------------

TEST(StoreOpen, AReaderNeedsAnExistingDatabaseAndCreatesNothing) {
  ah::testing::TempDir dir;
  const auto missing = dir.path() / "typo" / "papers.db";
  auto r = open_sqlite(missing, SqliteOptions::read_only_mode());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::not_found);
  EXPECT_NE(r.error().message.find(missing.string()), std::string::npos) << r.error().message;
  EXPECT_FALSE(std::filesystem::exists(missing.parent_path()));

  const auto empty = dir.path() / "empty.db";
  std::ofstream{empty};
  auto e = open_sqlite(empty, SqliteOptions::read_only_mode());
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().code, ErrorCode::not_found) << e.error().message;
  EXPECT_EQ(std::filesystem::file_size(empty), 0u);

  // The server's first connection creates one (serve: the process that harvests into it).
  auto created = open_sqlite(missing, read_or_create());
  ASSERT_TRUE(created.has_value()) << created.error().message;
  auto stats = (*created)->stats();
  ASSERT_TRUE(stats.has_value()) << stats.error().message;
  EXPECT_EQ(stats->papers, 0);
  EXPECT_FALSE((*created)->upsert(papers(1, 1)).has_value()) << "and it stays a reader";
}

TEST(StoreOpen, AReaderMigratesAnOlderSchemaFirst) {
  ah::testing::TempDir dir;
  const auto file = dir.path() / "papers.db";
  {
    auto store = open_sqlite(file);
    ASSERT_TRUE(store.has_value()) << store.error().message;
    ASSERT_TRUE((*store)->upsert(papers(1, 3)).has_value());
  }
  {
    Db db = raw(file);
    ASSERT_TRUE(downgrade_to_schema_4(db));
    ASSERT_EQ(migrations().size(), 10u) << "rewound to schema 4: six migrations to apply";
  }
  auto reader = open_sqlite(file, SqliteOptions::read_only_mode());
  ASSERT_TRUE(reader.has_value()) << reader.error().message;
  Db db = raw(file);
  EXPECT_EQ(one(db, "PRAGMA user_version"), static_cast<std::int64_t>(migrations().size()));
  auto stats = (*reader)->stats();
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->papers, 3);
}

TEST(StoreOpen, StatsLeaveTheStoresOwnStateOut) {
  ah::testing::TempDir dir;
  const auto file = dir.path() / "papers.db";
  auto bulk = open_sqlite(file, SqliteOptions::bulk_load_mode());
  ASSERT_TRUE(bulk.has_value());
  ASSERT_TRUE((*bulk)->upsert(papers(1, 2), std::vector<StateEntry>{{"cursor", "2"}}).has_value());
  auto stats = (*bulk)->stats();
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->state, (std::map<std::string, std::string>{{"cursor", "2"}}));
}

}  // namespace
}  // namespace ah::store::sqlite
