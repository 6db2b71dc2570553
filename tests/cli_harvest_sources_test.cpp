// `academichub harvest crossref`, `harvest feed` and `import` of Crossref answers and journal
// feeds, end to end against local replay servers.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay_server.h"

namespace ah {
namespace {

using ah::testing::CliResult;
using ah::testing::own_fixture;
using ah::testing::ReplayResponse;
using nlohmann::json;

class CliHarvestSources : public ::testing::Test {
 protected:
  CliResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", (dir_.path() / "papers.db").string()});
    return ah::testing::run_cli(AH_CLI_BINARY, args, dir_.path(),
                                {{"ACADEMICHUB_CONTACT_EMAIL", "ops@example.org"},
                                 {"ACADEMICHUB_ARXIV_MIN_INTERVAL_MS", "0"},
                                 {"ACADEMICHUB_HTTP_MAX_RETRIES", "1"},
                                 {"ACADEMICHUB_HTTP_TIMEOUT_S", "5"}});
  }
  ah::testing::TempDir dir_;
  ah::testing::ReplayServer server_;
};

TEST_F(CliHarvestSources, HarvestsAJournalFromCrossrefAndReportsAsJson) {
  server_.add("/journals/1234-5679/works",
              ReplayResponse::from_file(200, own_fixture("crossref/posted_content_preprint.json"),
                                        "application/json"));
  // A single work is not a list: the harvester says so instead of guessing.
  CliResult wrong = run(
      {"harvest", "crossref", "--issn", "1234-5679", "--api-url", server_.base_url(), "--json"});
  EXPECT_EQ(wrong.exit_code, 1) << wrong.err;

  ah::testing::ReplayServer list;
  list.add("/journals/1234-5679/works",
           ReplayResponse::make(200,
                                R"({"status":"ok","message-type":"work-list","message":{)"
                                R"("items":[{"DOI":"10.5555/a","title":["A"]}],"total-results":1,)"
                                R"("items-per-page":200}})",
                                "application/json"));
  CliResult r = run(
      {"harvest", "crossref", "--issn", "12345679", "--api-url", list.base_url() + "/", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json report = json::parse(r.out);
  EXPECT_EQ(report["inserted"], 1);
  EXPECT_EQ(report["complete"], true);
  EXPECT_EQ(report["requests"], 1);
  ASSERT_EQ(list.requests().size(), 1u);
  EXPECT_EQ(list.requests()[0].path, "/journals/1234-5679/works");
  EXPECT_EQ(list.requests()[0].params.at("mailto"), "ops@example.org");
  EXPECT_EQ(list.requests()[0].params.at("cursor"), "*");
}

TEST_F(CliHarvestSources, RefusesAnIssnThatIsNotOne) {
  CliResult r =
      run({"harvest", "crossref", "--issn", "1234-5678", "--api-url", server_.base_url()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("check digit should be 9"), std::string::npos) << r.err;
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(CliHarvestSources, HarvestsAFeedOnceAndThenOnlyWhenItChanged) {
  server_.add("/toc", ReplayResponse::from_file(200, own_fixture("feeds/atom_toc.xml"),
                                                "application/atom+xml")
                          .with_etag("\"v1\""));
  const std::string url = server_.base_url() + "/toc";
  CliResult first = run({"harvest", "feed", "--url", url, "--venue", "PLOS Examples"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("3 new"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("rejected: "), std::string::npos) << "the entry without a title";
  CliResult second = run({"harvest", "feed", "--url", url, "--json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const json report = json::parse(second.out);
  EXPECT_EQ(report["inserted"], 0);
  EXPECT_NE(report["notes"][0].get<std::string>().find("HTTP 304"), std::string::npos);
}

TEST_F(CliHarvestSources, ABotCheckInPlaceOfAFeedFailsTheHarvest) {
  server_.add("/toc", ReplayResponse::from_file(
                          200, own_fixture("feeds/validate_user_captcha.html"), "text/html"));
  CliResult r = run({"harvest", "feed", "--url", server_.base_url() + "/toc"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("the feed answered with a bot-check page (Validate User), not a feed"),
            std::string::npos)
      << r.err;
}

TEST_F(CliHarvestSources, ImportsSavedCrossrefAnswersAndFeeds) {
  CliResult r = run({"import", own_fixture("crossref").string(), own_fixture("feeds").string()});
  // The saved validation failure is an error answer: the import says so and exits 2.
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("posted_content_preprint.json: crossref: 1 new"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("atom_toc.xml: journal-feed: 3 new, 0 updated, 0 unchanged, 1 rejected"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("rss_no_dois.xml: journal-feed: 0 new, 0 updated, 0 unchanged, 2 rejected"),
            std::string::npos)
      << r.out;
  EXPECT_NE((r.out + r.err).find("the server answered parameter-not-allowed"), std::string::npos)
      << r.out << r.err;
  EXPECT_NE(r.out.find("validate_user_captcha.html: skipped: unsupported: an HTML page"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("README.md: skipped"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace ah
