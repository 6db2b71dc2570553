// The catalogue and the scheduler from the command line: `sources list|add|remove|enable|disable`,
// `status`, and `serve --harvest` harvesting a source from the local replay server, reporting it,
// stopping on SIGTERM and resuming its plan after a restart.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/cli_runner.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay_server.h"
#include "tests/support/server_process.h"

namespace ah {
namespace {

using ah::testing::CliResult;
using ah::testing::own_fixture;
using ah::testing::read_file;
using nlohmann::json;

class CliCatalogue : public ::testing::Test {
 protected:
  CliResult run(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {"--db", db().string()});
    return ah::testing::run_cli(AH_CLI_BINARY, args, dir_.path(), env);
  }
  std::filesystem::path db() const { return dir_.path() / "papers.db"; }
  // Polls GET /api/v1/sources until every source in `names` is "ok" (a functional bound of 60 s);
  // their entries, in the order of `names`.
  static json wait_until_harvested(int port, const std::vector<std::string>& names) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(std::chrono::seconds(10));
    json last;
    for (int i = 0; i < 600; ++i) {
      auto res = c.Get("/api/v1/sources");
      if (res && res->status == 200) {
        last = json::parse(res->body);
        json found = json::array();
        for (const std::string& name : names) {
          for (const json& s : last["sources"]) {
            if (s["name"] == name && s["status"]["health"] == "ok") found.push_back(s);
          }
        }
        if (found.size() == names.size()) return found;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "not every source was harvested: " << last.dump();
    return json::array();
  }
  static std::string iso_day(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd(day);
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  }
  // Where the catalogue goes by default: $XDG_CONFIG_HOME (unset) -> $HOME/.config.
  std::filesystem::path catalogue() const {
    return dir_.path() / ".config" / "academichub" / "sources.toml";
  }

  ah::testing::TempDir dir_;
};

TEST_F(CliCatalogue, ListWritesTheDefaultOnFirstUseAndShowsIt) {
  CliResult r = run({"sources", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(catalogue()));
  EXPECT_NE(r.err.find("wrote the default catalogue of sources to " + catalogue().string()),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("arxiv"), std::string::npos);
  EXPECT_NE(r.out.find("nature-methods.crossref"), std::string::npos);
  EXPECT_NE(r.out.find("daily at 05:30 UTC"), std::string::npos);

  CliResult again = run({"sources", "list", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.err.find("wrote the default"), std::string::npos) << "only the first time";
  json list = json::parse(again.out);
  EXPECT_EQ(list["file"], catalogue().string());
  EXPECT_GE(list["sources"].size(), 60u);
  EXPECT_EQ(list["sources"][0]["name"], "arxiv");
}

TEST_F(CliCatalogue, AddEnableDisableRemoveKeepTheFilesComments) {
  CliResult added =
      run({"sources", "add", "my-journal", "--kind", "crossref", "--issn", "1548-7091", "--issn",
           "1548-7105", "--title", "My Journal", "--every", "12h", "--disabled"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.out.find("added my-journal (crossref, every 12h, disabled)"), std::string::npos)
      << added.out;
  std::string text = read_file(catalogue());
  EXPECT_NE(text.find("# AcademicHub's sources"), std::string::npos);
  EXPECT_NE(text.find("name = \"my-journal\"\nkind = \"crossref\"\ntitle = \"My Journal\"\n"
                      "enabled = false\nevery = \"12h\"\nissns = [\"1548-7091\", \"1548-7105\"]\n"),
            std::string::npos)
      << text;

  EXPECT_EQ(run({"sources", "enable", "my-journal"}).exit_code, 0);
  CliResult off = run({"sources", "disable", "arxiv"});
  ASSERT_EQ(off.exit_code, 0) << off.err;
  EXPECT_EQ(off.out, "disabled arxiv in " + catalogue().string() + "\n");
  json list = json::parse(run({"sources", "list", "--json"}).out);
  for (const json& s : list["sources"]) {
    if (s["name"] == "arxiv") {
      EXPECT_EQ(s["enabled"], false);
    }
    if (s["name"] == "my-journal") {
      EXPECT_EQ(s["enabled"], true);
    }
  }
  text = read_file(catalogue());
  EXPECT_NE(text.find("# arXiv: the daily announcement of a few big archives"), std::string::npos);

  CliResult removed = run({"sources", "remove", "my-journal"});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_EQ(read_file(catalogue()).find("my-journal"), std::string::npos);
  CliResult missing = run({"sources", "remove", "my-journal"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no source named 'my-journal'"), std::string::npos) << missing.err;
}

TEST_F(CliCatalogue, BadEntriesAreRefusedNamingTheKey) {
  CliResult bad = run({"sources", "add", "x", "--kind", "crossref", "--issn", "1548-7092"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("source 'x': key 'issns': \"1548-7092\" is not an ISSN"),
            std::string::npos)
      << bad.err;
  CliResult wrong = run(
      {"sources", "add", "x", "--kind", "pubmed", "--term", "t", "--url", "https://a.example/"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("key 'url': unknown for kind pubmed"), std::string::npos) << wrong.err;
  CliResult taken = run({"sources", "add", "arxiv", "--kind", "pubmed", "--term", "t"});
  EXPECT_EQ(taken.exit_code, 1);
  EXPECT_NE(taken.err.find("a source named 'arxiv' exists already"), std::string::npos);

  // A file that does not validate is reported with its path, line and key.
  std::ofstream(catalogue(), std::ios::app) << "\n[[source]]\nname = \"y\"\nkind = \"feed\"\n";
  CliResult broken = run({"sources", "list"});
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find(catalogue().string() + ":"), std::string::npos) << broken.err;
  EXPECT_NE(broken.err.find("source 'y': key 'url': missing"), std::string::npos) << broken.err;
}

TEST_F(CliCatalogue, StatusReadsWithoutWritingAnything) {
  CliResult r = run({"status"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(catalogue())) << "status writes no catalogue";
  EXPECT_FALSE(std::filesystem::exists(db())) << "nor a database";
  EXPECT_NE(r.out.find("the built-in default"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("pending"), std::string::npos);
  EXPECT_EQ(r.out.find("not built in this binary"), std::string::npos) << "every kind is built";
  CliResult j = run({"status", "--json"});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  json doc = json::parse(j.out);
  EXPECT_GE(doc["summary"]["total"].get<int>(), 60);
  EXPECT_EQ(doc["summary"]["unavailable"].get<int>(), 0);
  for (const json& s : doc["sources"]) {
    EXPECT_EQ(s["status"]["health"], s["enabled"] == true ? "pending" : "disabled") << s.dump();
  }
  EXPECT_FALSE(doc.contains("writable"));
}

// serve --harvest: the scheduler harvests the catalogue's arXiv and Crossref sources from the
// replay server, GET /api/v1/sources and `status` report them, SIGTERM stops the server, and a
// restart goes on with the stored plan (neither is harvested again before it is due).
TEST_F(CliCatalogue, ServeHarvestsOnItsScheduleAndReportsIt) {
  ah::testing::ReplayServer upstream;
  upstream.add("/rss/cs.CL+cs.AI",
               ah::testing::ReplayResponse::from_file(200, own_fixture("arxiv/rss_cs_CL_cs_AI.xml"),
                                                      "application/rss+xml"));
  upstream.add("/journals/0028-0836/works",
               ah::testing::ReplayResponse::make(
                   200,
                   R"({"status":"ok","message-type":"work-list","message":{)"
                   R"("items":[{"DOI":"10.5555/nature.1","title":["A letter"]}],)"
                   R"("total-results":1,"items-per-page":200}})",
                   "application/json"));
  const auto sources = dir_.path() / "sources.toml";
  std::ofstream(sources) << "# test catalogue\n"
                            "[[source]]\nname = \"arxiv\"\nkind = \"arxiv\"\nat = \"05:30\"\n"
                            "sets = [\"cs.CL\", \"cs.AI\"]\n\n"
                            "[[source]]\nname = \"nature.crossref\"\nkind = \"crossref\"\n"
                            "issns = [\"0028-0836\"]\n";
  const std::map<std::string, std::string> env = {
      {"ACADEMICHUB_SOURCES_FILE", sources.string()},
      {"ACADEMICHUB_ARXIV_RSS_URL", upstream.base_url() + "/rss/"},
      {"ACADEMICHUB_CROSSREF_API_URL", upstream.base_url()},
      {"ACADEMICHUB_ARXIV_MIN_INTERVAL_MS", "0"},
      {"ACADEMICHUB_CONTACT_EMAIL", "tests@example.org"},
      {"HOME", dir_.path().string()}};
  for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);

  {
    ah::testing::ServerProcess server(AH_CLI_BINARY, db(), dir_.path(), {"--harvest"});
    const json sources = wait_until_harvested(server.port(), {"arxiv", "nature.crossref"});
    const json& arxiv = sources[0];
    EXPECT_GT(arxiv["status"]["last_run"]["records"].get<int>(), 0);
    EXPECT_GT(arxiv["status"]["last_run"]["inserted"].get<int>(), 0);
    EXPECT_FALSE(arxiv["status"]["next_due"].is_null());
    EXPECT_EQ(sources[1]["status"]["last_run"]["inserted"], 1) << sources[1].dump();

    CliResult status = run({"status", "--json"}, env);
    ASSERT_EQ(status.exit_code, 0) << status.err;
    json doc = json::parse(status.out);
    EXPECT_EQ(doc["sources"][0]["status"]["health"], "ok");
    EXPECT_EQ(doc["sources"][1]["status"]["health"], "ok");

    ASSERT_EQ(kill(server.pid(), SIGTERM), 0);
    EXPECT_EQ(server.wait_exit(std::chrono::seconds(20)), 0) << server.err();
    EXPECT_NE(server.err().find("harvest arxiv: "), std::string::npos) << server.err();
  }
  EXPECT_EQ(upstream.requests_to("/rss/cs.CL+cs.AI").size(), 1u);
  ASSERT_EQ(upstream.requests_to("/journals/0028-0836/works").size(), 1u);
  EXPECT_EQ(upstream.requests_to("/journals/0028-0836/works")[0].params.at("mailto"),
            "tests@example.org");
  {
    ah::testing::ServerProcess server(AH_CLI_BINARY, db(), dir_.path(), {"--harvest"});
    // arXiv's next run is at the next 05:30 UTC, Crossref's in 6 hours: a restart harvests
    // neither again now.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    EXPECT_EQ(upstream.requests_to("/rss/cs.CL+cs.AI").size(), 1u) << server.err();
    EXPECT_EQ(upstream.requests_to("/journals/0028-0836/works").size(), 1u) << server.err();
  }
  for (const auto& [k, v] : env) unsetenv(k.c_str());
}

// serve --harvest runs a preprint server's source end to end: the catalogue's medRxiv entry
// reads its first interval (the last 7 days, today included) from the replay server's recording,
// and `status --json` reports the records fetched and stored, and when the source is due again.
TEST_F(CliCatalogue, ServeHarvestsAMedrxivSourceAndStatusCountsItsRecords) {
  ah::testing::ReplayServer upstream;
  // The first run's interval ends today (UTC); both today's and tomorrow's are scripted, in case
  // the day changes while the test runs.
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  for (const auto day : {today, today + std::chrono::days(1)}) {
    upstream.add(
        "/details/medrxiv/" + iso_day(day - std::chrono::days(7)) + "/" + iso_day(day) + "/0",
        ah::testing::ReplayResponse::from_file(
            200, own_fixture("biorxiv/details_published_preprint.json"), "application/json"));
  }
  const auto sources = dir_.path() / "sources.toml";
  std::ofstream(sources) << "[[source]]\nname = \"medrxiv\"\nkind = \"biorxiv\"\n"
                            "server = \"medrxiv\"\n";
  const std::map<std::string, std::string> env = {
      {"ACADEMICHUB_SOURCES_FILE", sources.string()},
      {"ACADEMICHUB_BIORXIV_API_URL", upstream.base_url()},
      {"ACADEMICHUB_ARXIV_MIN_INTERVAL_MS", "0"},
      {"ACADEMICHUB_HTTP_MAX_RETRIES", "0"},
      {"ACADEMICHUB_CONTACT_EMAIL", "tests@example.org"},
      {"HOME", dir_.path().string()}};
  for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
  {
    ah::testing::ServerProcess server(AH_CLI_BINARY, db(), dir_.path(), {"--harvest"});
    wait_until_harvested(server.port(), {"medrxiv"});
    ASSERT_EQ(kill(server.pid(), SIGTERM), 0);
    EXPECT_EQ(server.wait_exit(std::chrono::seconds(20)), 0) << server.err();
    EXPECT_NE(server.err().find("harvest medrxiv: "), std::string::npos) << server.err();
  }
  ASSERT_EQ(upstream.requests().size(), 1u) << upstream.requests().size() << " requests";

  CliResult status = run({"status", "--json"}, env);
  ASSERT_EQ(status.exit_code, 0) << status.err;
  const json doc = json::parse(status.out);
  ASSERT_EQ(doc["sources"].size(), 1u);
  const json& medrxiv = doc["sources"][0];
  EXPECT_EQ(medrxiv["kind"], "biorxiv");
  EXPECT_EQ(medrxiv["status"]["health"], "ok") << medrxiv.dump();
  // Four items: versions 1 and 2 of one preprint (one record), another preprint, one without a
  // DOI or title (rejected).
  EXPECT_EQ(medrxiv["status"]["last_run"]["records"], 3) << medrxiv.dump();
  EXPECT_EQ(medrxiv["status"]["last_run"]["inserted"], 2) << medrxiv.dump();
  EXPECT_EQ(medrxiv["status"]["last_run"]["rejected"], 1) << medrxiv.dump();
  EXPECT_FALSE(medrxiv["status"]["last_success"].is_null());
  EXPECT_FALSE(medrxiv["status"]["next_due"].is_null());
  EXPECT_EQ(doc["summary"]["ok"], 1);

  CliResult show = run({"show", "10.1101/2024.02.27.24303456"}, env);
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("Long COVID symptoms"), std::string::npos) << show.out;
  for (const auto& [k, v] : env) unsetenv(k.c_str());
}

}  // namespace
}  // namespace ah
