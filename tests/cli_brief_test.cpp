// `academichub brief` end to end: the binary as a child process over a database of the project's
// own fixtures, with no LLM and against a local OpenAI-compatible server (tests/support).
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "tests/support/cli_runner.h"
#include "tests/support/fake_llm_server.h"
#include "tests/support/fixtures.h"

namespace ah {
namespace {

using ah::testing::CliResult;
using ah::testing::FakeLlmReply;
using ah::testing::FakeLlmServer;
using ah::testing::own_fixture;
using nlohmann::json;

constexpr const char* kKey = "sk-BRIEF-SECRET-345";

class CliBrief : public ::testing::Test {
 protected:
  void SetUp() override {
    CliResult r = run({"import", own_fixture("arxiv").string(), own_fixture("pubmed").string()});
    ASSERT_NE(r.out.find("total: "), std::string::npos) << r.out << r.err;
  }
  CliResult run(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {"--db", (dir_.path() / "papers.db").string()});
    return ah::testing::run_cli(AH_CLI_BINARY, args, dir_.path(), env);
  }
  std::map<std::string, std::string> llm_env() {
    return {{"ACADEMICHUB_LLM_BASE_URL", llm_.base_url()},
            {"ACADEMICHUB_LLM_MODEL", "test-model"},
            {"ACADEMICHUB_LLM_API_KEY", kKey}};
  }
  // Every [n] of the text is an n of the papers.
  static void expect_citations_in_set(const json& b) {
    std::set<int> ns;
    for (const json& p : b["papers"]) ns.insert(p["n"].get<int>());
    const std::string text = b["text"];
    const std::regex cite(R"(\[(\d+)\])");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), cite);
         it != std::sregex_iterator(); ++it) {
      EXPECT_TRUE(ns.contains(std::stoi((*it)[1]))) << (*it)[0] << " in " << text;
    }
  }

  ah::testing::TempDir dir_;
  FakeLlmServer llm_;
};

TEST_F(CliBrief, WithoutAnLlmTheAnalysisIsTheBriefing) {
  for (const bool no_llm_flag : {false, true}) {
    std::vector<std::string> args{"brief", "--query", "the OR good OR item OR entry", "--json"};
    if (no_llm_flag) args.push_back("--no-llm");
    CliResult r = run(args, no_llm_flag ? llm_env() : std::map<std::string, std::string>{});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const json b = json::parse(r.out);
    EXPECT_EQ(b["lang"], "en");
    ASSERT_FALSE(b["papers"].empty());
    EXPECT_FALSE(b["themes"].empty());
    EXPECT_EQ(b["llm"]["used"], false);
    EXPECT_NE(b["text"].get<std::string>().find("[1]"), std::string::npos) << b["text"];
    expect_citations_in_set(b);
    for (const json& p : b["papers"]) {
      EXPECT_TRUE(p.contains("id") && p.contains("title")) << p.dump();
    }
  }
  EXPECT_TRUE(llm_.requests().empty()) << "--no-llm asks nothing";
}

TEST_F(CliBrief, TheLlmWritesItWithCheckedCitationsAndTheKeyStaysHidden) {
  llm_.add(FakeLlmReply::text(
      "## Overview\n\nThese papers study good entries and items [1][2]. A paper outside the set "
      "is cited here [99]."));
  CliResult r = run({"brief", "--query", "the OR good OR item OR entry", "--json"}, llm_env());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const json b = json::parse(r.out);
  EXPECT_EQ(b["llm"]["used"], true);
  EXPECT_EQ(b["llm"]["model"], "test-model");
  EXPECT_GT(b["llm"]["prompt_tokens"].get<int>(), 0);
  EXPECT_EQ(b["text"].get<std::string>().find("[99]"), std::string::npos) << b["text"];
  expect_citations_in_set(b);
  EXPECT_FALSE(b["warnings"].empty()) << "the removed citation is reported";
  ASSERT_FALSE(llm_.requests().empty());
  EXPECT_EQ(llm_.requests()[0].header("authorization"), std::string("Bearer ") + kKey);
  EXPECT_EQ(llm_.requests()[0].model, "test-model");
  EXPECT_EQ((r.out + r.err).find(kKey), std::string::npos);
}

TEST_F(CliBrief, AnLlmThatKeepsFailingLeavesTheAnalysisAndExits3) {
  llm_.add(FakeLlmReply::error(401, R"({"error":{"message":"bad key sk-BRIEF-SECRET-345"}})"));
  CliResult r = run({"brief", "--query", "the OR good OR item OR entry", "--json"}, llm_env());
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  const json b = json::parse(r.out);
  EXPECT_EQ(b["llm"]["used"], false);
  EXPECT_FALSE(b["text"].get<std::string>().empty());
  ASSERT_FALSE(b["warnings"].empty());
  EXPECT_NE(b["warnings"].dump().find(llm_.host()), std::string::npos) << b["warnings"];
  EXPECT_EQ((r.out + r.err).find(kKey), std::string::npos) << r.out << r.err;
}

TEST_F(CliBrief, ASecondRequestIsAnsweredFromTheCacheUnlessNoCache) {
  llm_.add(FakeLlmReply::text("## Overview\n\nThese papers study good entries and items [1]."));
  const std::vector<std::string> args{"brief", "--query", "the OR good OR item OR entry",
                                      "--json"};
  CliResult first = run(args, llm_env());
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const json a = json::parse(first.out);
  EXPECT_EQ(a["cached"], false);
  EXPECT_EQ(a["id"].get<std::string>().size(), 64u);
  const std::size_t asked = llm_.requests().size();
  ASSERT_GT(asked, 0u);

  CliResult second = run(args, llm_env());
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  const json b = json::parse(second.out);
  EXPECT_EQ(b["cached"], true);
  EXPECT_EQ(b["id"], a["id"]);
  EXPECT_EQ(b["text"], a["text"]);
  EXPECT_EQ(b["llm"], a["llm"]);
  EXPECT_EQ(llm_.requests().size(), asked) << "a cached briefing asks the LLM nothing";

  std::vector<std::string> again = args;
  again.push_back("--no-cache");
  CliResult third = run(again, llm_env());
  ASSERT_EQ(third.exit_code, 0) << third.out << third.err;
  EXPECT_EQ(json::parse(third.out)["cached"], false);
  EXPECT_GT(llm_.requests().size(), asked);

  // Another language is another briefing.
  std::vector<std::string> zh = args;
  zh.insert(zh.end(), {"--lang", "zh", "--no-llm"});
  CliResult fourth = run(zh, llm_env());
  ASSERT_EQ(fourth.exit_code, 0) << fourth.out << fourth.err;
  EXPECT_EQ(json::parse(fourth.out)["cached"], false);
}

TEST_F(CliBrief, AFailedLlmIsNotCached) {
  llm_.add(FakeLlmReply::error(401, R"({"error":{"message":"bad key"}})"));
  const std::vector<std::string> args{"brief", "--query", "the OR good OR item OR entry",
                                      "--json"};
  EXPECT_EQ(run(args, llm_env()).exit_code, 3);
  CliResult again = run(args, llm_env());
  EXPECT_EQ(again.exit_code, 3) << again.out << again.err;
  EXPECT_EQ(json::parse(again.out)["cached"], false);
}

TEST_F(CliBrief, TwoNamesOfOnePaperBriefItOnce) {
  CliResult r = run({"brief", "--ids", "2401.08001,2401.08001v1,pmid:39000001", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(json::parse(r.out)["papers"].size(), 2u) << r.out;
}

TEST_F(CliBrief, ARadarsBestPapersAreBriefedWithoutItsSeeds) {
  CliResult made = run({"radar", "create", "mine", "--seed", "2401.08001"});
  ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  CliResult r = run({"brief", "--radar", "mine", "--since", "1990-01-01", "--limit", "3",
                     "--no-llm", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const json b = json::parse(r.out);
  ASSERT_FALSE(b["papers"].empty()) << r.out;
  EXPECT_LE(b["papers"].size(), 3u);
  for (const json& p : b["papers"]) {
    EXPECT_EQ(p["id"].get<std::string>().find("2401.08001"), std::string::npos)
        << "a seed is never in its radar's feed: " << p.dump();
  }
  expect_citations_in_set(b);
}

TEST_F(CliBrief, BadRequestsNameWhatIsWrong) {
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string message;
  };
  const Case cases[] = {
      {{"brief"}, 2, "exactly one of --ids, --query and --radar"},
      {{"brief", "--ids", "2401.08001", "--query", "x"}, 2, "exactly one"},
      {{"brief", "--radar", "mine"}, 1, "no radar 'mine'"},
      {{"brief", "--ids", "2401.08001", "--since", "2024-01-01"}, 2, "--ids names them"},
      {{"brief", "--query", "x", "--lang", "fr"}, 2, "--lang"},
      {{"brief", "--ids", "2401.08001,pmid:1"}, 1, "no paper pmid:1"},
      {{"brief", "--query", "\"unbalanced"}, 2, "--query"},
      {{"brief", "--query", "zzzznothing"}, 1, "the set is empty"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args.size() > 1 ? c.args[1] : "brief");
    CliResult r = run(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << r.out << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
}

// Ten days of crawl files, 2024-01-10 .. 19, six cs.CL papers a day (2401.0DDNN: day DD, paper
// NN) and two q-bio.NC ones: cs.CL's first five days are about grammars, the last five about
// retrieval, so retrieval is what is new in the second week.
class CliBriefPeriods : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::string> args{"import"};
    for (int day = 10; day < 20; ++day) {
      const auto file = dir_.path() / fmt::format("daily_arxiv_crawl_2024-01-{:02d}.jsonl", day);
      std::ofstream out(file);
      for (int n = 0; n < 8; ++n) {
        const bool bio = n >= 6;
        const std::string topic = bio ? "Neurons firing in the cortex"
                                  : day < 15 ? "Parsing sentences with grammars"
                                             : "Retrieval augmented question answering";
        json line{{"id", fmt::format("2401.0{:02d}{:02d}", day, n)},
                  {"authors", json::array({n == 0 ? "Ada Lovelace" : fmt::format("Writer {}", n)})},
                  {"title", fmt::format("{}: study {}", topic, n)},
                  {"categories", json::array({bio ? "q-bio.NC" : "cs.CL"})},
                  {"comment", nullptr},
                  {"summary", fmt::format("{} We report study {} of day {}.", topic, n, day)}};
        out << line.dump() << "\n";
      }
      args.push_back(file.string());
    }
    CliResult r = run(args);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  json brief(std::vector<std::string> args) {
    args.insert(args.begin(), "brief");
    args.insert(args.end(), {"--no-llm", "--json"});
    CliResult r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r.exit_code == 0 ? json::parse(r.out) : json::object();
  }
  CliResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", (dir_.path() / "papers.db").string()});
    return ah::testing::run_cli(AH_CLI_BINARY, args, dir_.path(), {});
  }
  static bool rising(const json& b, std::string_view prefix) {
    for (const json& t : b["new"]["rising_terms"]) {
      if (t["term"].get<std::string>().starts_with(prefix)) return true;
    }
    return false;
  }

  ah::testing::TempDir dir_;
};

TEST_F(CliBriefPeriods, WhatIsNewComparesWithThePreviousPeriodOfEachKindOfSet) {
  struct Case {
    std::string name;
    std::vector<std::string> args;
    int previous_papers;  // the cs.CL papers of the equal window before
  };
  std::vector<std::string> last_day;
  for (int n = 0; n < 6; ++n) last_day.push_back(fmt::format("2401.019{:02d}", n));
  const Case cases[] = {
      {"a query's week",
       {"--query", "cat:cs.CL", "--since", "2024-01-15", "--until", "2024-01-19"},
       30},
      {"ids of one day", {"--ids", fmt::format("{}", fmt::join(last_day, ","))}, 6},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const json b = brief(c.args);
    ASSERT_TRUE(b.contains("new")) << b.dump();
    EXPECT_EQ(b["new"]["previous_papers"], c.previous_papers) << b["new"];
  }
  const json week = brief(cases[0].args);
  EXPECT_TRUE(rising(week, "retriev")) << week["new"];
  EXPECT_FALSE(rising(week, "grammar")) << week["new"];

  // The first days have nothing before them: nothing is said to be new.
  const json first =
      brief({"--query", "cat:cs.CL", "--since", "2024-01-10", "--until", "2024-01-14"});
  EXPECT_EQ(first["new"]["previous_papers"], 0) << first["new"];
  EXPECT_TRUE(first["new"]["rising_terms"].empty());
}

TEST_F(CliBriefPeriods, ARadarsBriefingComparesWithItsOwnRankingBeforeAndNamesWhomItFollows) {
  CliResult made =
      run({"radar", "create", "nlp", "--category", "cs.CL", "--author", "Ada Lovelace"});
  ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  const json b = brief({"--radar", "nlp", "--since", "2024-01-15", "--until", "2024-01-19",
                        "--limit", "100"});
  ASSERT_EQ(b["papers"].size(), 30u) << b.dump();
  EXPECT_EQ(b["new"]["previous_papers"], 30) << b["new"];
  EXPECT_TRUE(rising(b, "retriev")) << b["new"];
  EXPECT_NE(b["text"].get<std::string>().find("Ada Lovelace, whom you follow"), std::string::npos)
      << b["text"];

  // A week with no earlier days says nothing is new.
  const json first = brief({"--radar", "nlp", "--since", "2024-01-10", "--until", "2024-01-14"});
  EXPECT_EQ(first["new"]["previous_papers"], 0) << first["new"];
}

}  // namespace
}  // namespace ah
