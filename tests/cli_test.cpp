// The academichub command line end to end, as scripts use it: the binary runs as a child process
// on the project's own fixtures (and the shared recordings when present).
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/cli_runner.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay_server.h"
#include "store/paper_store.h"

namespace ah {
namespace {

using ah::testing::CliResult;
using ah::testing::own_fixture;
using nlohmann::json;

std::string cli_thousands(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

class Cli : public ::testing::Test {
 protected:
  CliResult run(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {"--db", db().string()});
    return ah::testing::run_cli(AH_CLI_BINARY, args, dir_.path(), env);
  }
  std::filesystem::path db() const { return dir_.path() / "papers.db"; }
  json run_json(std::vector<std::string> args) {
    CliResult r = run(std::move(args));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }

  ah::testing::TempDir dir_;
};

TEST_F(Cli, ImportCountsNewThenUnchangedOnASecondRun) {
  CliResult first = run({"import", own_fixture("harvest").string()});
  // The folder holds two saved error answers (an OAI-PMH badResumptionToken, an API error feed):
  // named, and the import exits 2 after importing the rest.
  ASSERT_EQ(first.exit_code, 2) << first.out << first.err;
  EXPECT_NE(first.err.find("oai_bad_resumption_token.xml: a saved error answer"), std::string::npos)
      << first.err;
  EXPECT_NE(first.out.find("total: 6 new, 0 updated, 0 unchanged, 0 rejected"), std::string::npos)
      << first.out;
  // The 503 page in the folder is not a record file: skipped, not an error.
  EXPECT_NE(first.out.find("oai_503_retry_after.html: skipped"), std::string::npos) << first.out;

  CliResult second = run({"import", own_fixture("harvest").string()});
  ASSERT_EQ(second.exit_code, 2) << second.err;
  EXPECT_NE(second.out.find("total: 0 new, 0 updated, 6 unchanged, 0 rejected"), std::string::npos)
      << second.out;
  EXPECT_EQ(run_json({"stats", "--json"})["papers"], 6);
}

TEST_F(Cli, ImportExitsTwoNamingAFileThatCannotBeReadOrParsed) {
  struct Case {
    std::string path;
    std::string expect;
  };
  for (const Case& c : {Case{own_fixture("harvest/oai_503_retry_after.html").string(),
                             "unsupported: an HTML page"},
                        Case{(dir_.path() / "missing.xml").string(), "no such file"}}) {
    CliResult r = run({"import", c.path});
    EXPECT_EQ(r.exit_code, 2) << c.path;
    EXPECT_NE(r.err.find(c.path), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
  }
}

TEST_F(Cli, ImportGoesOnPastABadFileAndStillExitsTwo) {
  CliResult r = run({"import", (dir_.path() / "missing.jsonl").string(),
                     own_fixture("harvest/api_page_start0.xml").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("total: 2 new"), std::string::npos) << r.out;
}

TEST_F(Cli, SearchJsonFollowsTheContract) {
  ASSERT_EQ(run({"import", own_fixture("harvest").string()}).exit_code, 2);  // + error answers
  json out = run_json({"search", "attention", "--author", "Simeng Zhang", "--json"});
  ASSERT_TRUE(out.contains("total"));
  EXPECT_EQ(out["total"], 3);
  ASSERT_EQ(out["papers"].size(), 3u);
  for (const json& p : out["papers"]) {
    for (const char* key : {"id", "version", "title", "authors", "abstract", "categories",
                            "published", "updated", "doi", "source"}) {
      EXPECT_TRUE(p.contains(key)) << key << " missing in " << p.dump();
    }
    EXPECT_TRUE(p["version"].is_number());
    EXPECT_EQ(p["id"].get<std::string>().find('v'), std::string::npos);
    EXPECT_EQ(p["categories"][0], "cs.CL");  // primary first
    EXPECT_EQ(p["authors"][0]["name"], "Simeng Zhang");
    EXPECT_EQ(p["source"], "arxiv-api");
  }
}

TEST_F(Cli, SearchFiltersByAuthorCategoryAndDate) {
  ASSERT_EQ(run({"import", own_fixture("harvest").string()}).exit_code, 2);  // + error answers
  EXPECT_EQ(run_json({"search", "--author", "Ada Lovelace", "--json"})["total"], 3);
  EXPECT_EQ(run_json({"search", "engines", "--author", "Grace Hopper", "--json"})["total"], 1);
  EXPECT_EQ(run_json({"search", "--category", "cs.LG", "--json"})["total"], 3);
  EXPECT_EQ(run_json({"search", "--since", "2025-01-01", "--json"})["total"], 0);
  EXPECT_EQ(run_json({"search", "--since", "2024-03-01", "--limit", "2", "--json"})["papers"].size(), 2u);
}

TEST_F(Cli, SearchRejectsABadQueryOrDateNamingIt) {
  CliResult r = run({"search", "\"unclosed phrase"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("query"), std::string::npos) << r.err;
  CliResult d = run({"search", "x", "--since", "yesterday"});
  EXPECT_EQ(d.exit_code, 2);
  EXPECT_NE(d.err.find("--since"), std::string::npos) << d.err;
}

// The API's rule for q (search::parse_query): a query needs words to search for. Only leaving the
// query out lists the newest papers.
TEST_F(Cli, SearchRejectsAQueryWithoutWordsAsTheApiDoes) {
  ASSERT_EQ(run({"import", own_fixture("harvest").string()}).exit_code, 2);  // + error answers
  for (const char* query : {"", "   ", "*", "-", "—", "— → ™", "OR", "\"\"", "-x", "\u3000"}) {
    CliResult r = run({"search", "--json", "--", query});
    EXPECT_EQ(r.exit_code, 2) << "'" << query << "': " << r.out;
    EXPECT_TRUE(r.out.empty()) << query;
    EXPECT_TRUE(r.err.starts_with("error: query: ")) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
  }
  EXPECT_EQ(run_json({"search", "--json"})["total"], 6);
}

TEST_F(Cli, SearchTreatsSymbolsAsPunctuation) {
  ASSERT_EQ(run({"import", own_fixture("harvest").string()}).exit_code, 2);  // + error answers
  const json plain = run_json({"search", "attention", "Zhang", "--json"});
  ASSERT_GT(plain["total"].get<int>(), 0);
  for (const char* query : {"attention — Zhang", "attention → Zhang ™", "attention ± Zhang 😀"}) {
    EXPECT_EQ(run_json({"search", query, "--json"}), plain) << query;
  }
}

// Every way a query grows the full-text expression is bounded, with one line naming the limit
// (126 terms printed 5 KB of SQL).
TEST_F(Cli, SearchBoundsTermsAndFiltersWithAOneLineError) {
  ASSERT_EQ(run({"import", own_fixture("harvest").string()}).exit_code, 2);  // + error answers
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  std::vector<std::string> words = {"search"}, exclusions = {"search", "--", "attention"},
                           authors = {"search"};
  for (int i = 0; i < 126; ++i) words.push_back(fmt::format("w{}", i));
  for (int i = 0; i < 94; ++i) exclusions.push_back(fmt::format("-n{}", i));
  for (int i = 0; i < 21; ++i) authors.insert(authors.end(), {"--author", fmt::format("A {}", i)});
  for (const Case& c : {
           Case{words, "error: query: too many terms (126), at most 32"},
           Case{exclusions, "error: query: too many terms (95), at most 32"},
           Case{{"search", std::string(1001, 'a')}, "error: query: too long (1001 bytes)"},
           Case{authors, "error: --author: too many values (21), at most 20"},
           Case{{"search", "--category", std::string(201, 'c')},
                "error: --category: a value of 201"},
       }) {
    CliResult r = run(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.message;
    EXPECT_TRUE(r.err.starts_with(c.message)) << r.err.substr(0, 300);
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err.substr(0, 300);
    EXPECT_EQ(r.err.find("SELECT"), std::string::npos) << r.err.substr(0, 300);
  }
  // At the limits, an answer.
  std::vector<std::string> largest = {"search"};
  for (int i = 0; i < 20; ++i) largest.insert(largest.end(), {"--category", i ? "x" : "cs"});
  largest.insert(largest.end(), {"--json", "--"});  // CLI11 2.1 reads a -- after a value as neither
  for (int i = 0; i < 16; ++i) {
    largest.insert(largest.end(), {i < 4 ? "atten*" : "attention", fmt::format("-n{}", i)});
  }
  EXPECT_EQ(run_json(largest)["total"], run_json({"search", "atten*", "--json"})["total"]);
}

TEST_F(Cli, ShowFindsAPaperByIdVersionedIdOrDoi) {
  ASSERT_EQ(run({"import", own_fixture("harvest/api_page_start0.xml").string()}).exit_code, 0);
  for (const char* id : {"2403.00011", "2403.00011v2", "arXiv:2403.00011v1"}) {
    json p = run_json({"show", id, "--json"});
    EXPECT_EQ(p["id"], "2403.00011") << id;
    EXPECT_EQ(p["version"], 2) << id;  // the current version, whatever version was asked
    EXPECT_EQ(p["title"], "Attention Engines");
  }
  CliResult human = run({"show", "2403.00011"});
  EXPECT_EQ(human.exit_code, 0);
  EXPECT_NE(human.out.find("Attention Engines"), std::string::npos);
  CliResult missing = run({"show", "2403.99999"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("2403.99999"), std::string::npos);
}

TEST_F(Cli, ShowFindsARealPaperByItsDoi) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-bulk/kaggle_arxiv-metadata-oai-snapshot_head200.jsonl");
  ASSERT_EQ(run({"import", path.string()}).exit_code, 0);
  for (const char* doi : {"10.1103/PhysRevD.76.013009", "https://doi.org/10.1103/physrevd.76.013009"}) {
    json p = run_json({"show", doi, "--json"});
    EXPECT_EQ(p["id"], "0704.0001") << doi;
    EXPECT_EQ(p["version"], 2);
    EXPECT_EQ(p["authors"][0]["name"], "C. Balázs");
  }
}

TEST_F(Cli, EveryRecordedArxivFileImportsWithTheRightCounts) {
  auto shared = ah::testing::shared_fixtures_dir();
  if (!shared) GTEST_SKIP() << "../shared/fixtures is absent";
  CliResult r = run({"import", (*shared / "arxiv-api").string(), (*shared / "arxiv-oai").string(),
                     (*shared / "arxiv-bulk").string()});
  // The recorded API error feed is a saved error answer: reported, and the import exits 2.
  ASSERT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("error_400_incorrect_id_format.xml: a saved error answer"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("error_503_retry_after.html: skipped"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("noRecordsMatch"), std::string::npos) << r.out;
  json stats = run_json({"stats", "--json"});
  EXPECT_GT(stats["papers"].get<int>(), 4000);
  // Importing everything again changes nothing.
  CliResult again = run({"import", (*shared / "arxiv-api").string(), (*shared / "arxiv-oai").string(),
                         (*shared / "arxiv-bulk").string()});
  ASSERT_EQ(again.exit_code, 2);
  EXPECT_NE(again.out.find("total: 0 new, 0 updated,"), std::string::npos) << again.out;
  EXPECT_EQ(run_json({"stats", "--json"})["papers"], stats["papers"]);
}

TEST_F(Cli, HarvestWithoutNetworkNamesTheHostAndSuggestsImport) {
  ah::testing::RefusingPort refusing;
  CliResult r = run({"harvest", "arxiv", "--rss", "cs.CL"},
                    {{"ACADEMICHUB_CONTACT_EMAIL", "ops@example.org"},
                     {"ACADEMICHUB_ARXIV_RSS_URL", refusing.base_url() + "/rss/"},
                     {"ACADEMICHUB_HTTP_MAX_RETRIES", "0"}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("127.0.0.1:" + std::to_string(refusing.port())), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("academichub import"), std::string::npos) << r.err;
  // The database still answers.
  EXPECT_EQ(run({"stats"}).exit_code, 0);
}

TEST_F(Cli, HarvestRequiresAContactAddress) {
  CliResult r = run({"harvest", "arxiv", "--rss", "cs.CL"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ACADEMICHUB_CONTACT_EMAIL"), std::string::npos) << r.err;
}

TEST_F(Cli, HarvestArxivOaiThroughTheCommandLine) {
  ah::testing::ReplayServer server;
  ah::testing::ReplayResponse page1, page2;
  page1.body_file = own_fixture("harvest/oai_arxivraw_page1.xml");
  page2.body_file = own_fixture("harvest/oai_arxivraw_page2.xml");
  server.add("/oai", {{"metadataPrefix", "arXivRaw"}}, page1);
  server.add("/oai", {{"resumptionToken", "tok-1"}}, page2);
  CliResult r = run({"harvest", "arxiv", "--set", "cs", "--from", "2024-03-01"},
                    {{"ACADEMICHUB_CONTACT_EMAIL", "ops@example.org"},
                     {"ACADEMICHUB_ARXIV_OAI_URL", server.base_url() + "/oai"},
                     {"ACADEMICHUB_ARXIV_MIN_INTERVAL_MS", "10"}});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("harvested: 3 new"), std::string::npos) << r.out;
  EXPECT_EQ(run_json({"stats", "--json"})["papers"], 3);
}

TEST_F(Cli, HarvestArgumentsAreChecked) {
  for (std::vector<std::string> args :
       {std::vector<std::string>{"harvest", "arxiv"},
        {"harvest", "arxiv", "--set", "cs"},
        {"harvest", "arxiv", "--set", "cs", "--from", "March"},
        {"harvest", "arxiv", "--rss", "cs.CL", "--query", "x"}}) {
    CliResult r = run(args, {{"ACADEMICHUB_CONTACT_EMAIL", "ops@example.org"}});
    EXPECT_EQ(r.exit_code, 2) << args.back();
    EXPECT_FALSE(r.err.empty());
  }
}

// A JSON-lines snapshot of `records` papers 2402.00000 ..., each titled "<title> paper N" with an
// abstract of ~800 bytes: big enough that importing tens of thousands takes seconds.
std::filesystem::path write_snapshot(const std::filesystem::path& file, int records,
                                     std::string_view title) {
  std::ofstream out(file);
  for (int i = 0; i < records; ++i) {
    out << fmt::format(
        R"({{"id":"2402.{:05d}","submitter":"A","authors":"Ada Lovelace and Alan Turing",)"
        R"("title":"{} paper {}","comments":null,"journal-ref":null,"doi":null,)"
        R"("report-no":null,"categories":"cs.DB cs.LG","license":null,"abstract":"  {}\n",)"
        R"("versions":[{{"version":"v1","created":"Thu, 1 Feb 2024 10:00:00 GMT"}}],)"
        R"("update_date":"2024-02-02","authors_parsed":[["Lovelace","Ada",""]]}})"
        "\n",
        i, title, i, std::string(800, 'x'));
  }
  return file;
}

// `academichub ARGS...` started in the background with HOME=`home` (no user config), its
// stdout and stderr going to files in `home` named after `name`.
class Background {
 public:
  Background(const std::filesystem::path& home, std::string name, std::vector<std::string> args)
      : out_(home / (name + ".stdout")), err_(home / (name + ".stderr")) {
    pid_ = fork();
    if (pid_ != 0) return;
    std::string env_home = "HOME=" + home.string();
    char* env[] = {env_home.data(), nullptr};
    std::string bin = AH_CLI_BINARY;
    std::vector<char*> argv{bin.data()};
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (!freopen(out_.c_str(), "w", stdout) || !freopen(err_.c_str(), "w", stderr)) _exit(126);
    execve(bin.c_str(), argv.data(), env);
    _exit(127);
  }
  ~Background() {
    if (running()) kill(pid_, SIGKILL);
    wait();
  }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  pid_t pid() const { return pid_; }
  bool running() {
    if (status_ >= 0 || pid_ <= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != pid_) return true;
    status_ = status;
    return false;
  }
  // Waits for the process to end; its raw wait status.
  int wait() {
    if (status_ < 0 && pid_ > 0) {
      int status = 0;
      waitpid(pid_, &status, 0);
      status_ = status;
    }
    return status_;
  }
  // What it printed so far ("" before it has started).
  std::string out() const { return read(out_); }
  std::string err() const { return read(err_); }

 private:
  static std::string read(const std::filesystem::path& file) {
    return std::filesystem::exists(file) ? ah::testing::read_file(file) : std::string();
  }

  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
  int status_ = -1;
};

// What a bulk load leaves in the database: the FTS merge policy, the store's marker ("" when
// absent) and the number of index segments (see store/sqlite/bulk_load.h), plus whether
// PRAGMA integrity_check is clean; read on a connection of the test's own.
struct DatabaseLook {
  std::int64_t automerge = -1;
  std::string marker;
  std::int64_t segments = -1;
  bool intact = false;
};

DatabaseLook look(const std::filesystem::path& file) {
  DatabaseLook out;
  sqlite3* raw = nullptr;
  EXPECT_EQ(sqlite3_open_v2(file.string().c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  auto query = [&](const char* sql, auto read) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(raw, sql, -1, &stmt, nullptr), SQLITE_OK) << sql;
    if (sqlite3_step(stmt) == SQLITE_ROW) read(stmt);
    sqlite3_finalize(stmt);
  };
  auto text = [](sqlite3_stmt* s) {
    return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  };
  query("SELECT coalesce(max(v), 4) FROM paper_fts_config WHERE k = 'automerge'",
        [&](sqlite3_stmt* s) { out.automerge = sqlite3_column_int64(s, 0); });
  query("SELECT value FROM harvest_state WHERE key = 'store:bulk-load'",
        [&](sqlite3_stmt* s) { out.marker = text(s); });
  query("SELECT count(DISTINCT segid) FROM paper_fts_idx",
        [&](sqlite3_stmt* s) { out.segments = sqlite3_column_int64(s, 0); });
  query("PRAGMA integrity_check", [&](sqlite3_stmt* s) { out.intact = text(s) == "ok"; });
  sqlite3_close(raw);
  return out;
}

// Papers committed so far, read in-process (0 while there is no readable database yet).
std::int64_t committed_papers(const std::filesystem::path& db) {
  if (!std::filesystem::exists(db)) return 0;
  auto store = store::open_sqlite(db, store::SqliteOptions::read_only_mode());
  if (!store) return 0;
  auto stats = (*store)->stats();
  return stats ? stats->papers : 0;
}

TEST_F(Cli, AnImportKilledMidwayKeepsWholeBatchesAndTheNextWriterFinishesItsCompaction) {
  constexpr int kRecords = 60'000, kBatch = 1'000;
  auto file = write_snapshot(dir_.path() / "snapshot.jsonl", kRecords, "Killed import");
  Background import(
      dir_.path(), "import",
      {"--db", db().string(), "import", "--batch-size", std::to_string(kBatch), file.string()});
  // Wait until a few batches are committed, then kill the import in the middle of its work.
  std::int64_t seen = 0;
  for (int tries = 0; tries < 600 && seen < 5 * kBatch; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    seen = committed_papers(db());
  }
  ASSERT_EQ(kill(import.pid(), SIGKILL), 0);
  const int status = import.wait();
  ASSERT_TRUE(WIFSIGNALED(status)) << "the import finished before it could be killed";

  json stats = run_json({"stats", "--json"});
  const std::int64_t kept = stats["papers"].get<std::int64_t>();
  EXPECT_GE(kept, 5 * kBatch);
  EXPECT_LT(kept, kRecords);
  EXPECT_EQ(kept % kBatch, 0) << kept << " papers is not a whole number of batches";
  EXPECT_EQ(run_json({"search", "killed", "import", "--json"})["total"], kept)
      << "the full-text index agrees with the table";
  EXPECT_FALSE(stats["harvest_state"].contains("store:bulk-load")) << stats.dump();

  // The killed import deferred its index merges; readers leave that alone, and the next writer
  // (here an import of one record, too small to compact by itself) finishes it.
  const DatabaseLook killed = look(db());
  EXPECT_EQ(killed.automerge, 0);
  EXPECT_TRUE(killed.marker.starts_with(fmt::format("pid {} ", import.pid()))) << killed.marker;
  EXPECT_GT(killed.segments, 1);
  auto one = write_snapshot(dir_.path() / "one.jsonl", 1, "Killed import");
  CliResult small = run({"import", one.string()});
  ASSERT_EQ(small.exit_code, 0) << small.err;
  EXPECT_NE(small.err.find("finishing the full-text compaction"), std::string::npos) << small.err;
  const DatabaseLook finished = look(db());
  EXPECT_EQ(finished.automerge, 4);
  EXPECT_EQ(finished.marker, "");
  EXPECT_EQ(finished.segments, 1);
  EXPECT_TRUE(finished.intact);

  CliResult rerun = run({"import", "--batch-size", std::to_string(kBatch), file.string()});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.out.find(fmt::format("total: {} new, 0 updated, {} unchanged",
                                       cli_thousands(kRecords - kept), cli_thousands(kept))),
            std::string::npos)
      << rerun.out;
  EXPECT_EQ(run_json({"stats", "--json"})["papers"], kRecords);
}

TEST_F(Cli, ReadCommandsAndServeRunWhileAnImportWrites) {
  constexpr int kRecords = 40'000, kBatch = 1'000;
  auto file = write_snapshot(dir_.path() / "snapshot.jsonl", kRecords, "Concurrent reader");
  Background import(
      dir_.path(), "import",
      {"--db", db().string(), "import", "--batch-size", std::to_string(kBatch), file.string()});
  for (int tries = 0; tries < 3000 && committed_papers(db()) == 0 && import.running(); ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GT(committed_papers(db()), 0) << import.err();

  // Every read command, over and over until the import ends: each must succeed.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
  int rounds = 0;
  bool served = false;
  while (import.running() && std::chrono::steady_clock::now() < deadline) {
    for (std::vector<std::string> args : {std::vector<std::string>{"stats", "--json"},
                                          {"search", "concurrent", "reader", "--json"},
                                          {"show", "2402.00000", "--json"}}) {
      CliResult r = run(args);
      EXPECT_EQ(r.exit_code, 0) << args[0] << " in round " << rounds << ": " << r.err;
    }
    ++rounds;
    if (!served) {
      // The server starts too, and its connections open while the import writes.
      served = true;
      Background serve(dir_.path(), "serve",
                       {"--db", db().string(), "serve", "--listen", "127.0.0.1:0"});
      for (int tries = 0; tries < 1500 && serve.running(); ++tries) {
        if (serve.out().find("serving http://") != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      EXPECT_NE(serve.out().find("serving http://"), std::string::npos) << serve.err();
      kill(serve.pid(), SIGTERM);
      const int status = serve.wait();
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status << serve.err();
    }
  }
  ASSERT_FALSE(import.running()) << "the import did not end within 3 minutes";
  const int status = import.wait();
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0) << import.err();
  RecordProperty("rounds_beside_the_import", rounds);
  EXPECT_GE(rounds, 2) << "the import ended before the readers could run beside it: raise kRecords";
  EXPECT_EQ(run_json({"stats", "--json"})["papers"], kRecords);
  const DatabaseLook after = look(db());
  EXPECT_EQ(after.automerge, 4);
  EXPECT_EQ(after.marker, "");
  EXPECT_EQ(after.segments, 1);
  EXPECT_TRUE(after.intact);
}

TEST_F(Cli, ReadCommandsNeedAnExistingDatabaseAndCreateNothing) {
  const auto typo = dir_.path() / "nonexistent" / "dir" / "x.db";
  for (std::vector<std::string> args :
       {std::vector<std::string>{"stats"}, {"search", "attention"}, {"show", "2403.00011"}}) {
    args.insert(args.begin(), {"--db", typo.string()});
    CliResult r = ah::testing::run_cli(AH_CLI_BINARY, args, dir_.path());
    EXPECT_EQ(r.exit_code, 1) << args[2];
    EXPECT_NE(r.err.find("no database at " + typo.string()), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("academichub import"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir_.path() / "nonexistent")) << args[2];
  }
}

TEST_F(Cli, ACommandThatWaitsPastTheBusyTimeoutSaysSoAndExits75) {
  ASSERT_EQ(run({"import", own_fixture("harvest/api_page_start0.xml").string()}).exit_code, 0);
  // Another process's write transaction, held for longer than the command waits.
  sqlite3* writer = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db().string().c_str(), &writer, SQLITE_OPEN_READWRITE, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(writer, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  CliResult r = run({"import", own_fixture("harvest/oai_arxivraw_page1.xml").string()},
                    {{"ACADEMICHUB_DB_BUSY_TIMEOUT_MS", "300"}});
  EXPECT_EQ(r.exit_code, 75) << r.err;
  EXPECT_NE(r.err.find("the database is busy"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("more than 300 ms"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("locked"), std::string::npos) << r.err;
  // Readers are not held up by a writer.
  EXPECT_EQ(run({"stats"}, {{"ACADEMICHUB_DB_BUSY_TIMEOUT_MS", "300"}}).exit_code, 0);
  sqlite3_exec(writer, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(writer);
}

}  // namespace
}  // namespace ah
