// `academichub harvest openalex` and `harvest biorxiv` end to end against a local replay server:
// the settings reach the harvesters, the API key is sent and never printed, the report prints as
// text or JSON, and a spent OpenAlex budget ends the command normally, saying so.
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
using ah::testing::ReplayResponse;
using nlohmann::json;

std::string works_page(const std::string& next) {
  json work = {{"id", "https://openalex.org/W7"},
               {"doi", "https://doi.org/10.1/w7"},
               {"title", "Work seven"},
               {"publication_date", "2024-03-01"},
               {"type", "article"}};
  return json{{"meta", {{"count", 1}, {"next_cursor", next.empty() ? json(nullptr) : json(next)}}},
              {"results", {work}}}
      .dump();
}

class CliHarvestOpenalexBiorxiv : public ::testing::Test {
 protected:
  CliResult run(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {"--db", (dir_.path() / "papers.db").string()});
    env.emplace("ACADEMICHUB_CONTACT_EMAIL", "ops@example.org");
    env.emplace("ACADEMICHUB_ARXIV_MIN_INTERVAL_MS", "0");  // the spacing of unknown hosts
    env.emplace("ACADEMICHUB_HTTP_MAX_RETRIES", "0");
    env.emplace("ACADEMICHUB_OPENALEX_API_URL", server_.base_url());
    env.emplace("ACADEMICHUB_BIORXIV_API_URL", server_.base_url());
    return ah::testing::run_cli(AH_CLI_BINARY, args, dir_.path(), env);
  }

  ah::testing::TempDir dir_;
  ah::testing::ReplayServer server_;
};

TEST_F(CliHarvestOpenalexBiorxiv, OpenalexSendsTheKeyNeverPrintsItAndReportsAsJson) {
  server_.add("/works", ReplayResponse::make(200, works_page(""), "application/json")
                            .with_header("X-RateLimit-Remaining", "41"));
  CliResult r =
      run({"--log-level", "debug", "harvest", "openalex", "--source", "https://openalex.org/S123",
           "--from", "2024-03-01", "--until", "2024-03-10", "--json"},
          {{"ACADEMICHUB_OPENALEX_API_KEY", "KEY-SECRET-7"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(server_.requests_to("/works").size(), 1u);
  EXPECT_EQ(server_.requests_to("/works")[0].params.at("api_key"), "KEY-SECRET-7");
  EXPECT_EQ((r.out + r.err).find("KEY-SECRET"), std::string::npos) << r.out << r.err;
  json report = json::parse(r.out);
  EXPECT_EQ(report["source"], "openalex");
  EXPECT_EQ(report["target"], "S123");
  EXPECT_EQ(report["inserted"], 1);
  EXPECT_EQ(report["complete"], true);
  EXPECT_EQ(report["budget_left"], 41);
  EXPECT_EQ(report["budget_spent"], false);
}

TEST_F(CliHarvestOpenalexBiorxiv, OpenalexWithoutAKeySendsNoneAndWarns) {
  server_.add("/works", ReplayResponse::make(200, works_page(""), "application/json"));
  CliResult r = run({"harvest", "openalex", "--source", "S123"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(server_.requests_to("/works")[0].params.count("api_key"), 0u);
  EXPECT_NE(r.err.find("no OpenAlex API key is set"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("harvested: 1 new"), std::string::npos) << r.out;
}

TEST_F(CliHarvestOpenalexBiorxiv, ASpentOpenalexBudgetEndsTheCommandNormallySayingSo) {
  server_.add("/works",
              ReplayResponse::make(429, R"({"error":"Rate limit exceeded"})", "application/json")
                  .with_header("X-RateLimit-Remaining", "0"));
  CliResult r = run({"harvest", "openalex", "--source", "S123"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("budget: spent for today"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("stopped before the end"), std::string::npos) << r.out;
}

TEST_F(CliHarvestOpenalexBiorxiv, BadArgumentsAreRefusedBeforeAnyRequest) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"harvest", "openalex", "--source", "W123"},
        std::vector<std::string>{"harvest", "openalex", "--source", "S1", "--from", "2024-13-01"},
        std::vector<std::string>{"harvest", "biorxiv", "--server", "chemrxiv"},
        std::vector<std::string>{"harvest", "biorxiv", "--until", "yesterday"}}) {
    CliResult r = run(args);
    EXPECT_EQ(r.exit_code, 2) << args[1] << " " << args.back() << "\n" << r.err;
  }
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(CliHarvestOpenalexBiorxiv, BiorxivHarvestsAnIntervalOfMedrxiv) {
  server_.add("/details/medrxiv/2024-03-01/2024-03-03/0",
              ReplayResponse::from_file(
                  200, ah::testing::own_fixture("biorxiv/details_published_preprint.json"),
                  "application/json"));
  CliResult r = run({"harvest", "biorxiv", "--server", "medrxiv", "--from", "2024-03-01", "--until",
                     "2024-03-03", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json report = json::parse(r.out);
  EXPECT_EQ(report["source"], "medrxiv");
  EXPECT_EQ(report["inserted"], 2);
  EXPECT_EQ(report["rejected"], 1);
  EXPECT_EQ(report["complete"], true);
  EXPECT_TRUE(report["budget_left"].is_null());
}

}  // namespace
}  // namespace ah
