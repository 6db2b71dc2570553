// `academichub tldr` and `academichub translate` end to end: the binary as a child process over a
// database of the project's own fixtures, with no LLM and against a local OpenAI-compatible server
// (tests/support).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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

constexpr const char* kKey = "sk-NOTES-SECRET-678";
constexpr const char* kZhTldr = "本文提出一种新方法，并在多个基准上取得了更好的结果。";

class CliNotes : public ::testing::Test {
 protected:
  void SetUp() override {
    CliResult r = run({"import", own_fixture("arxiv").string(), own_fixture("pubmed").string()});
    ASSERT_NE(r.out.find("total: "), std::string::npos) << r.out << r.err;
  }
  CliResult run(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {"--db", (dir_.path() / "papers.db").string()});
    return ah::testing::run_cli(AH_CLI_BINARY, args, dir_.path(), env);
  }
  std::map<std::string, std::string> llm_env(std::string retries = "1") {
    return {{"ACADEMICHUB_LLM_BASE_URL", llm_.base_url()},
            {"ACADEMICHUB_LLM_MODEL", "test-model"},
            {"ACADEMICHUB_LLM_API_KEY", kKey},
            {"ACADEMICHUB_LLM_RETRIES", retries}};
  }
  void expect_no_key(const CliResult& r) {
    EXPECT_EQ((r.out + r.err).find(kKey), std::string::npos) << r.out << r.err;
  }

  ah::testing::TempDir dir_;
  FakeLlmServer llm_;
};

TEST_F(CliNotes, ATldrIsWrittenOnceThenReadFromTheCacheUnlessNoCache) {
  llm_.add(FakeLlmReply::text(kZhTldr));
  const std::vector<std::string> args{"tldr", "2401.08001v1", "--lang", "zh", "--json"};
  CliResult first = run(args, llm_env());
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const json a = json::parse(first.out);
  EXPECT_EQ(a["id"], "2401.08001");
  EXPECT_EQ(a["tldr"], kZhTldr);
  EXPECT_EQ(a["lang"], "zh");
  EXPECT_EQ(a["cached"], false);
  EXPECT_EQ(a["llm"], json::parse(R"({"model": "test-model", "prompt_tokens": 120,
                                      "completion_tokens": 40})"));
  ASSERT_EQ(llm_.requests().size(), 1u);
  EXPECT_EQ(llm_.requests()[0].header("authorization"), std::string("Bearer ") + kKey);
  expect_no_key(first);

  CliResult second = run(args, llm_env());
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  const json b = json::parse(second.out);
  EXPECT_EQ(b["cached"], true);
  EXPECT_EQ(b["tldr"], a["tldr"]);
  EXPECT_EQ(b["llm"], a["llm"]);
  EXPECT_EQ(llm_.requests().size(), 1u) << "a cached TL;DR asks the LLM nothing";

  std::vector<std::string> fresh = args;
  fresh.push_back("--no-cache");
  CliResult third = run(fresh, llm_env());
  ASSERT_EQ(third.exit_code, 0) << third.out << third.err;
  EXPECT_EQ(json::parse(third.out)["cached"], false);
  EXPECT_EQ(llm_.requests().size(), 2u);

  // Without --json: the line on stdout, what it cost on stderr.
  CliResult text = run({"tldr", "2401.08001", "--lang", "zh"}, llm_env());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, std::string(kZhTldr) + "\n");
  EXPECT_NE(text.err.find("test-model: 120 prompt + 40 completion tokens (cached)"),
            std::string::npos)
      << text.err;
}

TEST_F(CliNotes, ATranslationPrintsTitleAndAbstractInChinese) {
  llm_.add(FakeLlmReply::text(
      R"({"title": "一篇关于好条目的论文", "abstract": "我们研究了好的条目和项目，并给出结果。"})"));
  CliResult r = run({"translate", "pmid:39000001", "--json"}, llm_env());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const json t = json::parse(r.out);
  EXPECT_EQ(t["id"], "10.5555/nmeth.2024.0001") << "the id of the paper's JSON: its DOI";
  EXPECT_EQ(t["title"], "一篇关于好条目的论文");
  EXPECT_EQ(t["abstract"], "我们研究了好的条目和项目，并给出结果。");
  EXPECT_EQ(t["lang"], "zh");
  EXPECT_EQ(t["cached"], false);
  ASSERT_EQ(llm_.requests().size(), 1u);
  EXPECT_NE(llm_.requests()[0].message("system").find("Simplified Chinese"), std::string::npos);

  CliResult text = run({"translate", "pmid:39000001"}, llm_env());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, "一篇关于好条目的论文\n\n我们研究了好的条目和项目，并给出结果。\n");
  EXPECT_EQ(llm_.requests().size(), 1u);
}

TEST_F(CliNotes, WithoutAnLlmItSaysSoAndExits3) {
  for (const char* command : {"tldr", "translate"}) {
    SCOPED_TRACE(command);
    CliResult r = run({command, "2401.08001", "--json"});
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("no LLM is configured"), std::string::npos) << r.err;
  }
}

TEST_F(CliNotes, AnLlmThatKeepsFailingIsAnErrorNamingHostAndStatusAndExits3) {
  llm_.add(FakeLlmReply::error(500, R"({"error":{"message":"boom sk-NOTES-SECRET-678"}})"));
  CliResult r = run({"tldr", "2401.08001", "--json"}, llm_env());
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("TL;DR: LLM endpoint " + llm_.host()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("HTTP 500"), std::string::npos) << r.err;
  EXPECT_EQ(llm_.requests().size(), 2u) << "ACADEMICHUB_LLM_RETRIES=1";
  expect_no_key(r);
  // Not cached: the next run asks again.
  llm_.add(FakeLlmReply::text("Good entries."));
  CliResult again = run({"tldr", "2401.08001", "--json"}, llm_env());
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(json::parse(again.out)["cached"], false);
}

TEST_F(CliNotes, BadRequestsNameWhatIsWrong) {
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string message;
  };
  const Case cases[] = {
      {{"tldr", "2401.08001", "--lang", "fr"}, 2, "--lang"},
      {{"tldr", "pmid:1"}, 1, "no paper pmid:1"},
      {{"translate", "not an id"}, 2, "not an id"},
      {{"tldr"}, 2, "id is required"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args.back());
    CliResult r = run(c.args, llm_env());
    EXPECT_EQ(r.exit_code, c.exit_code) << r.out << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
  EXPECT_TRUE(llm_.requests().empty());
}

}  // namespace
}  // namespace ah
