#include "ingest/importer.h"

#include <chrono>
#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "tests/support/file_permissions.h"
#include "tests/support/fixtures.h"

namespace ah::ingest {
namespace {

using ah::testing::own_fixture;
using ah::testing::TempDir;

// Writes `n` snapshot lines with ids 2401.1xxxx.
std::filesystem::path write_snapshot(const std::filesystem::path& dir, int n, int first = 0) {
  auto path = dir / fmt::format("snapshot-{}-{}.jsonl", first, n);
  std::ofstream out(path);
  for (int i = first; i < first + n; ++i) {
    out << fmt::format(
        R"({{"id":"2401.{:05d}","submitter":"A","authors":"Ada Lovelace","title":"Paper {}",)"
        R"("comments":null,"journal-ref":null,"doi":null,"report-no":null,"categories":"cs.CL",)"
        R"("license":null,"abstract":"  About engines.\n","versions":[{{"version":"v1",)"
        R"("created":"Mon, 1 Jan 2024 10:00:00 GMT"}}],"update_date":"2024-01-02",)"
        R"("authors_parsed":[["Lovelace","Ada",""]]}})"
        "\n",
        10000 + i, i);
  }
  return path;
}

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_sqlite(dir_.path() / "t.db");
    ASSERT_TRUE(s.has_value()) << s.error().message;
    store_ = std::move(*s);
  }
  Result<ImportReport> import(std::vector<std::filesystem::path> paths, int batch = 1000) {
    ImportOptions options;
    options.batch_size = batch;
    options.on_progress = [&](const Progress& p) { progress_.push_back(p); };
    return import_paths(paths, *store_, options);
  }
  TempDir dir_;
  std::unique_ptr<store::PaperStore> store_;
  std::vector<Progress> progress_;
};

TEST_F(ImporterTest, WritesEveryRecordInBatchesAndReportsProgress) {
  auto file = write_snapshot(dir_.path(), 2500);
  auto report = import({file}, 1000);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  ASSERT_EQ(report->files.size(), 1u);
  EXPECT_EQ(report->files[0].format, "jsonl");
  EXPECT_EQ(report->total.inserted, 2500);
  EXPECT_FALSE(report->any_failed());
  EXPECT_GE(progress_.size(), 3u);  // three batches, then the end-of-file item
  EXPECT_EQ(progress_.back().records, 2500);
  EXPECT_EQ(progress_.back().bytes_done, progress_.back().bytes_total);
}

TEST_F(ImporterTest, ASecondImportOfTheSameFileChangesNothing) {
  auto file = write_snapshot(dir_.path(), 300);
  ASSERT_TRUE(import({file}).has_value());
  auto again = import({file});
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->total.inserted, 0);
  EXPECT_EQ(again->total.updated, 0);
  EXPECT_EQ(again->total.unchanged, 300);
}

TEST_F(ImporterTest, RejectedRecordsAreListedWithWhereAndWhy) {
  auto report = import({own_fixture("arxiv/jsonl_mixed_2024-01-16.jsonl")});
  ASSERT_TRUE(report.has_value()) << report.error().message;
  const FileReport& f = report->files[0];
  EXPECT_FALSE(f.error.has_value());
  EXPECT_GT(f.counts.inserted, 0);
  ASSERT_FALSE(f.rejected.empty());
  EXPECT_EQ(f.counts.rejected, static_cast<std::int64_t>(f.rejected.size()));
  for (const RejectedRecord& r : f.rejected) {
    EXPECT_NE(r.where.find("jsonl_mixed_2024-01-16.jsonl: line "), std::string::npos) << r.where;
    EXPECT_FALSE(r.reason.empty());
  }
}

TEST_F(ImporterTest, DirectoriesAreWalkedInNameOrderSkippingWhatIsNoRecordFile) {
  auto sub = dir_.path() / "in" / "nested";
  std::filesystem::create_directories(sub);
  write_snapshot(sub, 5, 0);
  write_snapshot(dir_.path() / "in", 5, 100);
  std::ofstream(dir_.path() / "in" / "notes.txt") << "not a record file\n";
  std::ofstream(dir_.path() / "in" / ".hidden.jsonl") << "{broken\n";
  auto report = import({dir_.path() / "in"});
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->files.size(), 3u);  // nested/..., notes.txt, snapshot-100-5 (sorted paths)
  EXPECT_EQ(report->total.inserted, 10);
  EXPECT_FALSE(report->any_failed());
  int skipped = 0;
  for (const FileReport& f : report->files) skipped += f.skipped.empty() ? 0 : 1;
  EXPECT_EQ(skipped, 1);
}

TEST_F(ImporterTest, AFileThatCannotBeReadFailsAloneAndTheOthersAreImported) {
  auto good = write_snapshot(dir_.path(), 7);
  auto report = import({dir_.path() / "nope.xml", own_fixture("arxiv/oai_truncated.xml"), good});
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->any_failed());
  ASSERT_EQ(report->files.size(), 3u);
  ASSERT_TRUE(report->files[0].error.has_value());
  EXPECT_NE(report->files[0].error->message.find("nope.xml: no such file"), std::string::npos);
  ASSERT_TRUE(report->files[1].error.has_value());
  EXPECT_NE(report->files[1].error->message.find("oai_truncated.xml"), std::string::npos)
      << report->files[1].error->message;
  EXPECT_EQ(report->files[2].counts.inserted, 7);
}

TEST_F(ImporterTest, AFeedCutMidEntryStoresItsCompleteEntriesAndFailsTheFile) {
  struct Case {
    std::string fixture, cut_after;  // the cut lands 20 bytes after the 2nd `cut_after`
    std::int64_t stored;
    std::string where;
  };
  const std::vector<Case> cases = {
      {"harvest/api_page_start0.xml", "<entry>", 1, "breaks off in record 2"},
      {"harvest/oai_arxivraw_page1.xml", "<record>", 1, "breaks off in record 2"},
      {"arxiv/rss_cs_CL_cs_AI.xml", "<item>\n", 1, "breaks off in item 2"},
  };
  for (const Case& c : cases) {
    const std::string text = testing::read_file(own_fixture(c.fixture));
    auto cut = dir_.path() / ("cut-" + std::filesystem::path(c.fixture).filename().string());
    std::ofstream(cut) << text.substr(0, testing::after_nth(text, c.cut_after, 2) + 20);
    auto good = write_snapshot(dir_.path(), 3);
    auto report = import({cut, good});
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_TRUE(report->any_failed());
    const FileReport& f = report->files[0];
    EXPECT_EQ(f.counts.inserted + f.counts.unchanged, c.stored) << c.fixture;
    ASSERT_TRUE(f.error.has_value()) << c.fixture;
    EXPECT_NE(f.error->message.find(cut.string()), std::string::npos) << f.error->message;
    EXPECT_NE(f.error->message.find(c.where), std::string::npos) << f.error->message;
    EXPECT_NE(f.error->message.find("kept the 1 complete"), std::string::npos) << f.error->message;
    EXPECT_FALSE(report->files[1].error.has_value());
  }
  auto paper = store_->get("2403.00011");
  ASSERT_TRUE(paper.has_value());
  EXPECT_TRUE(paper->has_value()) << "the complete entry before the cut is stored";
}

TEST_F(ImporterTest, AnUnreadableSubDirectoryIsAnErrorNamingItAndTheRestIsImported) {
  auto in = dir_.path() / "in";
  std::filesystem::create_directories(in / "locked");
  std::filesystem::create_directories(in / "open");
  write_snapshot(in / "locked", 4, 0);
  write_snapshot(in / "open", 5, 100);
  std::filesystem::permissions(in / "locked", std::filesystem::perms::none);
  Result<ImportReport> report = fail(ErrorCode::internal, "not run");
  testing::run_without_file_override([&] { report = import({in}); });
  std::filesystem::permissions(in / "locked", std::filesystem::perms::owner_all);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->any_failed());
  EXPECT_EQ(report->total.inserted, 5);
  ASSERT_EQ(report->files.size(), 2u);
  EXPECT_EQ(report->files[0].path, in / "locked");
  ASSERT_TRUE(report->files[0].error.has_value());
  EXPECT_EQ(report->files[0].error->message,
            (in / "locked").string() + ": cannot read directory: Permission denied");
}

TEST_F(ImporterTest, SavedErrorAnswersFailTheirFileAndNoRecordsMatchIsANotice) {
  auto good = write_snapshot(dir_.path(), 2);
  auto report = import({own_fixture("harvest/oai_bad_resumption_token.xml"),
                        own_fixture("harvest/api_error_400.xml"),
                        own_fixture("harvest/oai_no_records_match.xml"), good});
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->any_failed());
  ASSERT_EQ(report->files.size(), 4u);
  for (size_t k : {0, 1}) {
    const FileReport& f = report->files[k];
    ASSERT_TRUE(f.error.has_value()) << f.path;
    EXPECT_EQ(f.error->code, ErrorCode::bad_upstream_data);
    EXPECT_NE(f.error->message.find(f.path.string() + ": a saved error answer"), std::string::npos)
        << f.error->message;
  }
  EXPECT_NE(report->files[0].error->message.find("badResumptionToken"), std::string::npos);
  EXPECT_NE(report->files[1].error->message.find("incorrect_id_format"), std::string::npos);
  EXPECT_FALSE(report->files[2].error.has_value());
  EXPECT_NE(report->files[2].notice.find("noRecordsMatch"), std::string::npos);
  EXPECT_TRUE(report->files[2].skipped.empty());
  EXPECT_EQ(report->files[3].counts.inserted, 2);
}

TEST_F(ImporterTest, ARecordWithHundredsOfThousandsOfAuthorsKeepsTheCapAndIsReported) {
  // Each author used to cost a pass over all the others (84 s for 300,000 on a 2-core machine).
  auto file = dir_.path() / "collaboration.xml";
  {
    std::ofstream out(file);
    out << R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry>)"
        << "<id>http://arxiv.org/abs/2401.00001v1</id><title>A large collaboration</title>"
        << "<published>2024-01-01T00:00:00Z</published><updated>2024-01-01T00:00:00Z</updated>";
    for (int i = 0; i < 300'000; ++i) out << "<author><name>Author" << i << " Name</name></author>";
    out << "</entry></feed>\n";
  }
  const auto start = std::chrono::steady_clock::now();
  auto report = import({file});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_LT(seconds, 20.0);
  EXPECT_FALSE(report->any_failed());
  EXPECT_EQ(report->total.inserted, 1);
  ASSERT_EQ(report->files[0].capped.size(), 1u);
  EXPECT_EQ(report->files[0].capped[0].authors, 300'000u);
  EXPECT_EQ(report->files[0].capped[0].where, file.string() + ": record 1 (id 2401.00001)");
  auto paper = store_->get("2401.00001");
  ASSERT_TRUE(paper.has_value() && paper->has_value());
  ASSERT_EQ((*paper)->authors.size(), core::kMaxAuthors);
  EXPECT_EQ((*paper)->authors.back().name,
            "Author" + std::to_string(core::kMaxAuthors - 1) + " Name");
}

// A store that fails on its n-th write, to check that the import stops cleanly.
class FailingStore final : public store::PaperStore {
 public:
  explicit FailingStore(int fail_at) : fail_at_(fail_at) {}
  Result<store::UpsertCounts> upsert(std::span<const core::Paper> papers,
                                     std::span<const store::StateEntry>) override {
    if (++calls_ == fail_at_) return fail(ErrorCode::internal, "disk I/O error");
    written_ += static_cast<std::int64_t>(papers.size());
    return store::UpsertCounts{.inserted = static_cast<std::int64_t>(papers.size())};
  }
  Result<std::optional<core::Paper>> get(std::string_view) override { return std::nullopt; }
  Result<store::SearchResult> search(const search::SearchRequest&) override { return store::SearchResult{}; }
  Result<store::Stats> stats() override { return store::Stats{}; }
  Result<std::optional<std::string>> get_state(std::string_view) override { return std::nullopt; }
  Result<void> put_state(std::span<const store::StateEntry>) override { return {}; }
  Result<void> optimize() override { return {}; }

  int calls_ = 0;
  std::int64_t written_ = 0;
  const int fail_at_;
};

TEST(ImportPaths, AStoreFailureStopsTheImportKeepingEarlierBatches) {
  TempDir dir;
  auto file = write_snapshot(dir.path(), 5000);
  FailingStore store(3);
  ImportOptions options;
  options.batch_size = 1000;
  std::vector<std::filesystem::path> paths{file};
  auto report = import_paths(paths, store, options);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::internal);
  EXPECT_NE(report.error().message.find("disk I/O error"), std::string::npos);
  EXPECT_NE(report.error().message.find(file.filename().string()), std::string::npos);
  EXPECT_EQ(store.written_, 2000);
  EXPECT_EQ(store.calls_, 3);
}

TEST(ImportPaths, RefusesABatchSizeBelowOne) {
  FailingStore store(0);
  ImportOptions options;
  options.batch_size = 0;
  auto report = import_paths({}, store, options);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace ah::ingest
