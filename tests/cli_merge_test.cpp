// One paper per work through the command line: records of several sources imported into one
// database become one paper that `show` finds by any of its identifiers, `merges` says why they
// were joined, and `unmerge` splits a wrong merge for good without losing a record.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/cli_runner.h"
#include "tests/support/fixtures.h"

namespace ah {
namespace {

using ah::testing::CliResult;
using ah::testing::own_fixture;
using nlohmann::json;

// The PubMed record 39000001 and Semantic Scholar's record of the same article (which names its
// PMID, DOI and arXiv id) in the project's own fixtures.
constexpr const char* kS2Id = "s2:a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

class CliMerge : public ::testing::Test {
 protected:
  CliResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", (dir_.path() / "papers.db").string()});
    return ah::testing::run_cli(AH_CLI_BINARY, args, dir_.path(), {});
  }
  json show(const std::string& id) {
    CliResult r = run({"show", "--json", id});
    EXPECT_EQ(r.exit_code, 0) << id << ": " << r.out << r.err;
    return r.exit_code == 0 ? json::parse(r.out) : json();
  }
  void import_pubmed_and_s2() {
    CliResult r = run({"import", own_fixture("pubmed/retracted_article.xml").string(),
                       own_fixture("pubmed/harvest").string(),
                       own_fixture("s2/batch_with_null.json").string()});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_NE(r.out.find("1 merged"), std::string::npos) << r.out;
  }
  ah::testing::TempDir dir_;
};

TEST_F(CliMerge, ShowFindsTheMergedPaperByEveryIdentifier) {
  import_pubmed_and_s2();
  const json paper = show("pmid:39000001");
  ASSERT_TRUE(paper["paper_id"].is_number());
  std::vector<std::string> sources;
  for (const json& r : paper["records"]) sources.push_back(r["source"]);
  EXPECT_EQ(sources.size(), 2u) << paper.dump();
  const std::vector<std::string> ids{"10.5555/Example.2024.1", "doi:10.5555/example.2024.1",
                                     "https://doi.org/10.5555/example.2024.1", kS2Id,
                                     "ah:" + paper["paper_id"].dump()};
  for (const std::string& id : ids) {
    SCOPED_TRACE(id);
    EXPECT_EQ(show(id)["paper_id"], paper["paper_id"]);
  }
  CliResult text = run({"show", "pmid:39000001"});
  EXPECT_NE(text.out.find("records"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("s2 "), std::string::npos) << text.out;
}

TEST_F(CliMerge, MergesSayWhyARecordJoined) {
  import_pubmed_and_s2();
  CliResult r = run({"merges", "--json", "pmid:39000001"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json log = json::parse(r.out);
  ASSERT_EQ(log["merges"].size(), 1u) << r.out;
  EXPECT_EQ(log["merges"][0]["kind"], "merge");
  EXPECT_EQ(log["merges"][0]["record"], kS2Id);
  EXPECT_EQ(log["merges"][0]["reason"], "pmid 39000001");
}

TEST_F(CliMerge, UnmergeSplitsARecordOffForGoodAndLosesNothing) {
  import_pubmed_and_s2();
  const json before = show("pmid:39000001");
  CliResult r = run({"unmerge", "--json", "pmid:39000001", kS2Id});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const json split = json::parse(r.out);
  EXPECT_EQ(split["paper_id"], before["paper_id"]);
  ASSERT_TRUE(split["new_paper_id"].is_number());
  EXPECT_NE(split["new_paper_id"], before["paper_id"]);

  // Each record is now a paper of its own; the PubMed paper keeps its stable id.
  EXPECT_EQ(show("pmid:39000001")["paper_id"], before["paper_id"]);
  EXPECT_EQ(show("pmid:39000001")["records"].size(), 1u);
  EXPECT_EQ(show(kS2Id)["paper_id"], split["new_paper_id"]);

  // The same records imported again stay apart, and nothing new is made.
  CliResult again = run({"import", own_fixture("s2/batch_with_null.json").string(),
                         own_fixture("pubmed/harvest").string()});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(again.out.find(" merged"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("total: 0 new"), std::string::npos) << again.out;
  EXPECT_EQ(show(kS2Id)["paper_id"], split["new_paper_id"]);

  CliResult log = run({"merges", "pmid:39000001"});
  EXPECT_NE(log.out.find("unmerge"), std::string::npos) << log.out;
}

TEST_F(CliMerge, BadUnmergeRequestsNameWhatIsWrong) {
  import_pubmed_and_s2();
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string message;
  };
  const Case cases[] = {
      {{"unmerge", "pmid:1", kS2Id}, 1, "pmid:1"},
      {{"unmerge", "pmid:39000001", "crossref:10.1/none"}, 1, "crossref:10.1/none"},
      {{"unmerge", "10.48550/arXiv.2402.00002", "1"}, 2, ""},  // a paper of one record
      {{"unmerge", "not an id", kS2Id}, 2, "not an id"},
      {{"merges", "pmid:1"}, 1, "pmid:1"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args[0] + " " + c.args[1]);
    CliResult r = run(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << r.out << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
  EXPECT_EQ(show("pmid:39000001")["records"].size(), 2u) << "nothing changed";
}

// Real recordings: a PubMed article and Semantic Scholar's record of it, and an OpenAlex work and
// Semantic Scholar's, become one paper each; nothing else in the recordings is merged.
TEST_F(CliMerge, RealRecordingsOfOneWorkFromTwoSourcesAreOnePaper) {
  AH_SHARED_FIXTURE_OR_SKIP(dir, "");
  std::vector<std::string> args{"import"};
  for (const char* source : {"crossref", "pubmed", "openalex", "biorxiv", "semanticscholar",
                             "journal-rss", "arxiv-api"}) {
    args.push_back((dir / source).string());
  }
  CliResult r = run(args);
  EXPECT_NE(r.out.find(", 2 merged ("), std::string::npos) << r.out;
  const json a = show("pmid:37128372");
  ASSERT_EQ(a["records"].size(), 2u) << a.dump();
  EXPECT_EQ(a["id"], "2203.05061") << "arXiv's DOI names the preprint";
  EXPECT_EQ(a["venue"], "AMIA ... Annual Symposium proceedings. AMIA Symposium");
  const json b = show("10.56578/ataiml010201");
  ASSERT_EQ(b["records"].size(), 2u) << b.dump();
}

}  // namespace
}  // namespace ah
