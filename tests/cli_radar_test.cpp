// `academichub radar` end to end: the binary as a child process over a store of arXiv-crawl days
// written here (four topics, ten papers each) and, when present, real arXiv days from the shared
// fixtures. The flags, JSON shapes and exit codes are the contract of issue 9.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <map>
#include <set>

#include "radarsvc/test_corpus.h"
#include "tests/support/cli_runner.h"
#include "tests/support/fake_llm_server.h"
#include "tests/support/fixtures.h"

namespace ah {
namespace {

using ah::testing::CliResult;
using nlohmann::json;

class CliRadar : public ::testing::Test {
 protected:
  void SetUp() override {
    // One crawl file per day, 2024-01-10 .. 2024-01-19; paper n of topic t is 2401.00tnn
    // (radarsvc::testing::topic_paper).
    std::vector<std::string> args{"import"};
    for (int day = 0; day < 10; ++day) {
      const auto file =
          dir_.path() / fmt::format("daily_arxiv_crawl_2024-01-{:02d}.jsonl", 10 + day);
      std::ofstream out(file);
      for (int t = 0; t < 4; ++t) {
        // The service's and API's test papers (radarsvc/test_corpus.h), as a crawl line.
        const core::Paper p = radarsvc::testing::topic_paper(t, day);
        json authors = json::array();
        for (const auto& a : p.authors) authors.push_back(a.name);
        json line{{"id", p.arxiv_id},       {"authors", authors},  {"title", p.title},
                  {"categories", p.categories}, {"comment", nullptr}, {"summary", p.abstract}};
        out << line.dump() << "\n";
      }
      args.push_back(file.string());
    }
    CliResult r = run(args);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  CliResult run(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {"--db", (dir_.path() / "papers.db").string()});
    return ah::testing::run_cli(AH_CLI_BINARY, args, dir_.path(), env);
  }
  json run_json(std::vector<std::string> args) {
    args.push_back("--json");
    CliResult r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r.exit_code == 0 ? json::parse(r.out) : json();
  }
  static std::vector<std::string> ids(const json& feed) {
    std::vector<std::string> out;
    for (const json& p : feed["papers"]) out.push_back(p["id"]);
    return out;
  }

  ah::testing::TempDir dir_;
};

TEST_F(CliRadar, CreateListShowEditDeleteRoundTrip) {
  const json made = run_json({"radar",
                              "create",
                              "Attention",
                              "--author",
                              "Simeng Zhang",
                              "--keyword",
                              "sparse attention",
                              "--exclude",
                              "survey",
                              "--category",
                              "cs.CL",
                              "--venue",
                              "ACL",
                              "--source",
                              "arxiv-daily",
                              "--description",
                              "长上下文的稀疏注意力",
                              "--seed",
                              "2401.00001",
                              "--seed",
                              "2401.00002v1",
                              "--author-id",
                              "orcid:0000-0002-1825-0097"});
  EXPECT_EQ(made["name"], "Attention");
  EXPECT_EQ(made["authors"], json::array({"Simeng Zhang"}));
  EXPECT_EQ(made["author_ids"], json::array({"orcid:0000-0002-1825-0097"}));
  EXPECT_EQ(made["keywords"], json::array({"sparse attention"}));
  EXPECT_EQ(made["excludes"], json::array({"survey"}));
  EXPECT_EQ(made["categories"], json::array({"cs.CL"}));
  EXPECT_EQ(made["venues"], json::array({"ACL"}));
  EXPECT_EQ(made["sources"], json::array({"arxiv-daily"}));
  EXPECT_EQ(made["description"], "长上下文的稀疏注意力");
  ASSERT_EQ(made["seeds"].size(), 2u);
  EXPECT_EQ(made["seeds"][1]["id"], "2401.00002");
  EXPECT_FALSE(made["seeds"][1]["title"].is_null());

  EXPECT_EQ(run_json({"radar", "show", "attention"}), made);
  EXPECT_EQ(run_json({"radar", "list"})["radars"], json::array({made}));
  CliResult text = run({"radar", "show", "Attention"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("sparse attention"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("2401.00002"), std::string::npos) << text.out;

  const json edited =
      run_json({"radar", "edit", "Attention", "--keyword", "linear attention", "--remove-keyword",
                "sparse attention", "--remove-author", "simeng zhang", "--remove-seed",
                "2401.00001", "--description", "", "--rename", "Long context"});
  EXPECT_EQ(edited["name"], "Long context");
  EXPECT_EQ(edited["keywords"], json::array({"linear attention"}));
  EXPECT_TRUE(edited["authors"].empty());
  EXPECT_EQ(edited["description"], "");
  ASSERT_EQ(edited["seeds"].size(), 1u);
  EXPECT_EQ(edited["excludes"], made["excludes"]) << "what edit does not name is kept";
  EXPECT_EQ(edited["revision"], 2);

  CliResult missing = run({"radar", "edit", "Long context", "--remove-venue", "Nature"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--remove-venue 'Nature'"), std::string::npos) << missing.err;

  EXPECT_EQ(run_json({"radar", "delete", "Long context"})["deleted"], "Long context");
  CliResult gone = run({"radar", "show", "Long context"});
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_NE(gone.err.find("no radar 'Long context'"), std::string::npos) << gone.err;
  EXPECT_TRUE(run_json({"radar", "list"})["radars"].empty());
}

TEST_F(CliRadar, BadInputIsRefusedNamingWhatIsWrong) {
  ASSERT_EQ(run({"radar", "create", "r"}).exit_code, 0);
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string message;
  };
  const Case cases[] = {
      {{"radar", "create", "s", "--seed", "2401.99999", "--seed", "10.1/none"},
       2,
       "no paper 2401.99999, 10.1/none in the store"},
      {{"radar", "create", "s", "--seed", "not an id"}, 2, "'not an id'"},
      {{"radar", "create", "R"}, 1, "already"},
      {{"radar", "create", "2024"}, 2, "all digits"},
      {{"radar", "create", "s", "--author-id", "0000-0002"}, 2, "author_ids:"},
      {{"radar", "feed", "r", "--limit", "0"}, 2, "limit:"},
      {{"radar", "feed", "r", "--limit", "1001"}, 2, "limit:"},
      {{"radar", "feed", "r", "--limit", "many"}, 2, "many"},
      {{"radar", "feed", "r", "--since", "2024-13-01"}, 2, "since"},
      {{"radar", "feed", "r", "--cursor", "bogus"}, 2, "cursor:"},
      {{"radar", "feed", "r", "--view", "month"}, 2, "--view"},
      {{"radar", "feed", "nope"}, 1, "no radar 'nope'"},
      {{"radar", "vote", "r", "2401.00001", "sideways"}, 2, "sideways"},
      {{"radar", "vote", "r", "2401.99999", "up"}, 2, "2401.99999"},
  };
  for (const Case& c : cases) {
    CliResult r = run(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << fmt::format("{}", fmt::join(c.args, " ")) << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos)
        << fmt::format("{}", fmt::join(c.args, " ")) << ": " << r.err;
  }
  EXPECT_EQ(run_json({"radar", "list"})["radars"].size(), 1u) << "nothing half-made";
}

TEST_F(CliRadar, TheFeedIsExplainedPagesWithoutRepeatsAndNeverShowsItsSeed) {
  ASSERT_EQ(run({"radar", "create", "qec", "--seed", "2401.00301"}).exit_code, 0);
  std::set<std::string> shown;
  std::vector<std::string> args{"radar", "feed", "qec", "--limit", "9"};
  for (int page = 0; page < 10; ++page) {
    const json feed = run_json(args);
    ASSERT_TRUE(feed.contains("papers") && feed.contains("next_cursor")) << feed.dump();
    for (const json& p : feed["papers"]) {
      EXPECT_TRUE(shown.insert(p["id"]).second) << "repeated " << p["id"];
      EXPECT_TRUE(p["score"].is_number());
      EXPECT_TRUE(p["signals"].is_object());
      ASSERT_TRUE(p["why"].is_array());
      ASSERT_FALSE(p["why"].empty());
      EXPECT_TRUE(p["why"][0]["kind"].is_string());
      EXPECT_TRUE(p.contains("abstract") && p.contains("authors")) << "the usual paper object";
    }
    if (page == 0) {
      EXPECT_TRUE(ids(feed).front().starts_with("2401.003")) << feed.dump();
    }
    if (feed["next_cursor"].is_null()) break;
    args = {"radar", "feed", "qec", "--limit", "9", "--cursor", feed["next_cursor"]};
  }
  EXPECT_EQ(shown.size(), 39u);
  EXPECT_FALSE(shown.contains("2401.00301"));
  // The index was kept beside the database; the pages after the first read it back.
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "papers.db.radar-index"));

  CliResult text = run({"radar", "feed", "qec", "--limit", "2"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("by authors of your papers: author3 "), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("--cursor r"), std::string::npos) << text.out;
}

TEST_F(CliRadar, AVoteChangesTheNextFeed) {
  ASSERT_EQ(run({"radar", "create", "r", "--seed", "2401.00001"}).exit_code, 0);
  EXPECT_TRUE(
      ids(run_json({"radar", "feed", "r", "--limit", "1"})).front().starts_with("2401.000"));
  for (const char* id : {"2401.00201", "2401.00202", "2401.00203", "2401.00204"}) {
    const json v = run_json({"radar", "vote", "r", id, "up"});
    EXPECT_EQ(v["vote"], "up");
  }
  for (const char* id : {"2401.00002", "2401.00003", "2401.00004"}) {
    ASSERT_EQ(run({"radar", "vote", "r", id, "down"}).exit_code, 0);
  }
  const json after = run_json({"radar", "feed", "r", "--limit", "1000"});
  EXPECT_TRUE(ids(after).front().starts_with("2401.002")) << after.dump();
  for (const std::string& id : ids(after)) {
    EXPECT_NE(id, "2401.00003") << "👎 stays out";
  }
  ASSERT_EQ(run({"radar", "vote", "r", "2401.00003", "clear"}).exit_code, 0);
  const json cleared = run_json({"radar", "feed", "r", "--limit", "1000"});
  const std::vector<std::string> cleared_ids = ids(cleared);
  EXPECT_NE(std::ranges::find(cleared_ids, "2401.00003"), cleared_ids.end()) << "a cleared 👎 may come back";
  EXPECT_EQ(run_json({"radar", "show", "r"})["votes"].size(), 6u);
}

TEST_F(CliRadar, ExclusionsWinAndAFollowedAuthorPullsInPapersOutsideThePool) {
  ASSERT_EQ(run({"radar", "create", "pool", "--category", "cs.CL", "--author", "author3 lead",
                 "--exclude", "negative result"})
                .exit_code,
            0);
  const json feed = run_json({"radar", "feed", "pool", "--limit", "1000"});
  std::set<std::string> topics;
  for (const std::string& id : ids(feed)) {
    topics.insert(id.substr(0, 8));
    EXPECT_FALSE(id.ends_with("07")) << id << " has the excluded phrase";
  }
  EXPECT_EQ(topics, (std::set<std::string>{"2401.000", "2401.003"}));
  EXPECT_EQ(feed["papers"].size(), 18u);
  EXPECT_TRUE(feed["next_cursor"].is_null());
}

// A description in Chinese is ranked through its English terms, asked of the configured LLM once
// and then read from the store's cache; with no LLM it is read as written.
TEST_F(CliRadar, AChineseDescriptionFindsEnglishPapersThroughTheLlmsTermsAskedOnce) {
  ASSERT_EQ(run({"radar", "create", "蛋白", "--description", "蛋白质结构预测"}).exit_code, 0);
  auto proteins_matched = [](const json& feed) {
    int n = 0;
    for (const json& p : feed["papers"]) {
      n += p["id"].get<std::string>().starts_with("2401.001") && p["signals"]["bm25"] > 0;
    }
    return n;
  };
  const std::vector<std::string> feed{"radar", "feed", "蛋白", "--limit", "5", "--json"};
  CliResult plain = run(feed);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(proteins_matched(json::parse(plain.out)), 0) << plain.out;

  ah::testing::FakeLlmServer llm;
  llm.add(ah::testing::FakeLlmReply::text(R"(["protein structure prediction", "protein folding"])"));
  const std::map<std::string, std::string> env{{"ACADEMICHUB_LLM_BASE_URL", llm.base_url()},
                                               {"ACADEMICHUB_LLM_MODEL", "test-model"}};
  for (int round = 0; round < 2; ++round) {
    CliResult r = run(feed, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(proteins_matched(json::parse(r.out)), 5) << "round " << round << ": " << r.out;
  }
  EXPECT_EQ(llm.requests().size(), 1u) << "the second feed read the terms from the cache";
}

TEST_F(CliRadar, LimitIsCappedAtAThousand) {
  ASSERT_EQ(run({"radar", "create", "r", "--keyword", "protein"}).exit_code, 0);
  const json all = run_json({"radar", "feed", "r", "--limit", "1000"});
  EXPECT_EQ(all["papers"].size(), 40u);
  EXPECT_TRUE(all["next_cursor"].is_null());
  const json today = run_json({"radar", "feed", "r", "--view", "today"});
  EXPECT_EQ(today["papers"].size(), 4u) << "the newest day: 2024-01-19";
  const json range = run_json(
      {"radar", "feed", "r", "--since", "2024-01-12", "--until", "2024-01-13", "--limit", "50"});
  EXPECT_EQ(range["papers"].size(), 8u);
}

TEST(CliRadarRealDays, ARadarSeededFromOneDayRanksTheNext) {
  AH_SHARED_FIXTURE_OR_SKIP(first, "arxiv-bulk/daily_arxiv_crawl_2025-05-20.jsonl");
  AH_SHARED_FIXTURE_OR_SKIP(second, "arxiv-bulk/daily_arxiv_crawl_2025-06-03.jsonl");
  ah::testing::TempDir dir;
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", (dir.path() / "papers.db").string()});
    return ah::testing::run_cli(AH_CLI_BINARY, args, dir.path(), {});
  };
  ASSERT_EQ(run({"import", first.string(), second.string()}).exit_code, 0);
  // The first day's first three cs.CL papers are the seeds.
  std::vector<std::string> seeds;
  std::ifstream in(first);
  for (std::string line; std::getline(in, line) && seeds.size() < 3;) {
    const json p = json::parse(line, nullptr, false);
    if (p.is_object() && p["categories"].is_array() && !p["categories"].empty() &&
        p["categories"][0] == "cs.CL") {
      seeds.push_back(p["id"]);
    }
  }
  ASSERT_EQ(seeds.size(), 3u);
  std::vector<std::string> create{"radar", "create", "nlp"};
  for (const auto& s : seeds) create.insert(create.end(), {"--seed", s});
  ASSERT_EQ(run(create).exit_code, 0);
  CliResult r = run({"radar", "feed", "nlp", "--view", "today", "--limit", "20", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json feed = json::parse(r.out);
  ASSERT_EQ(feed["papers"].size(), 20u);
  int cl = 0;
  for (const json& p : feed["papers"]) {
    EXPECT_EQ(std::ranges::find(seeds, p["id"].get<std::string>()), seeds.end());
    EXPECT_EQ(p["announced"], "2025-06-03") << "today: the newest day";
    for (const json& c : p["categories"]) cl += c == "cs.CL";
    EXPECT_FALSE(p["why"].empty());
  }
  EXPECT_GE(cl, 8) << "most of a cs.CL radar's best papers are cs.CL: " << r.out.substr(0, 2000);
}

}  // namespace
}  // namespace ah
