// `academichub harvest pubmed`, `academichub s2` and `import` of PubMed and Semantic Scholar files,
// end to end: the binary as a child process against a local replay server playing E-utilities and
// the Graph API.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/cli_runner.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay_server.h"

namespace ah {
namespace {

using ah::testing::CliResult;
using ah::testing::own_fixture;
using ah::testing::ReplayResponse;
using ah::testing::ReplayServer;
using nlohmann::json;

constexpr const char* kPubmedKey = "PUBMED-SECRET-789";
constexpr const char* kS2Key = "S2-SECRET-012";

ReplayResponse fixture(const std::string& name) {
  ReplayResponse r;
  r.body_file = own_fixture(name);
  r.content_type = name.ends_with(".json") ? "application/json" : "text/xml";
  return r;
}

class CliSources : public ::testing::Test {
 protected:
  CliResult run(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {"--db", (dir_.path() / "papers.db").string()});
    env.emplace("ACADEMICHUB_CONTACT_EMAIL", "ops@example.org");
    // Unknown hosts (the replay server) get arXiv's spacing: none, for the test.
    env.emplace("ACADEMICHUB_ARXIV_MIN_INTERVAL_MS", "0");
    env.emplace("ACADEMICHUB_PUBMED_EUTILS_URL", server_.base_url() + "/eutils/");
    env.emplace("ACADEMICHUB_S2_API_URL", server_.base_url() + "/graph/v1");
    return ah::testing::run_cli(AH_CLI_BINARY, args, dir_.path(), env);
  }

  ah::testing::TempDir dir_;
  ReplayServer server_;
};

TEST_F(CliSources, HarvestPubmedStoresTheRecordsAndKeepsTheKeySecret) {
  server_.add("/eutils/esearch.fcgi", fixture("pubmed/harvest/esearch_5.xml"));
  for (auto [start, name] :
       {std::pair{"0", "efetch_batch1.xml"}, std::pair{"2", "efetch_batch2.xml"},
        std::pair{"4", "efetch_batch3.xml"}}) {
    server_.add("/eutils/efetch.fcgi", {{"retstart", start}},
                fixture(std::string("pubmed/harvest/") + name));
  }
  CliResult r = run({"--log-level", "debug", "harvest", "pubmed", "--term", "\"Nature\"[ta]",
                     "--from", "2024-01-01", "--until", "2024-01-10", "--batch", "2"},
                    {{"ACADEMICHUB_PUBMED_API_KEY", kPubmedKey}});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("harvested: 5 new, 0 updated, 0 unchanged, 0 rejected (4 requests)"),
            std::string::npos)
      << r.out;
  EXPECT_EQ((r.out + r.err).find(kPubmedKey), std::string::npos) << r.out << r.err;
  for (const auto& request : server_.requests()) {
    EXPECT_EQ(request.params.at("api_key"), kPubmedKey);
    EXPECT_EQ(request.params.at("email"), "ops@example.org");
    EXPECT_EQ(request.params.at("tool"), "academichub");
  }

  CliResult show = run({"show", "10.5555/harvest.39100003", "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(json::parse(show.out)["title"], "Debugging moths");

  // Again, as JSON: nothing new for the same window.
  CliResult again = run({"harvest", "pubmed", "--term", "\"Nature\"[ta]", "--from", "2024-01-01",
                         "--until", "2024-01-10", "--batch", "2", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  json report = json::parse(again.out);
  EXPECT_EQ(report["inserted"], 0);
  EXPECT_EQ(report["unchanged"], 5);
  EXPECT_EQ(report["complete"], true);
}

TEST_F(CliSources, HarvestPubmedNeedsATermAndReportsPubmedsRefusal) {
  EXPECT_EQ(run({"harvest", "pubmed"}).exit_code, 2);
  server_.add("/eutils/esearch.fcgi", fixture("pubmed/esearch_errorlist.xml"));
  CliResult r = run({"harvest", "pubmed", "--term", "zzznotajournal[ta]", "--from", "2024-01-01",
                     "--until", "2024-01-02"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("phrase not found: zzznotajournal[ta]"), std::string::npos) << r.err;
}

TEST_F(CliSources, S2LookupStoresWhatItFindsAndNamesWhatItDoesNot) {
  const std::string batch = ah::testing::read_file(own_fixture("s2/batch_with_null.json"));
  server_.add("/graph/v1/paper/batch", ReplayResponse::make(200, batch, "application/json"));
  CliResult r = run({"s2", "lookup", "2401.01234", "doi:10.5555/unknown",
                     "10.48550/arXiv.2402.00002", "pmid:1", "--json"},
                    {{"ACADEMICHUB_S2_API_KEY", kS2Key}});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  json out = json::parse(r.out);
  ASSERT_EQ(out["found"].size(), 2u);
  EXPECT_EQ(out["found"][0]["title"], "Poetical Science of Retrieval");
  // parse_any_identifier reads an arXiv DOI as the arXiv id.
  EXPECT_EQ(out["not_found"], json::parse(R"(["DOI:10.5555/unknown", "PMID:1"])"));
  EXPECT_EQ(out["stored"]["inserted"], 2);
  EXPECT_EQ((r.out + r.err).find(kS2Key), std::string::npos);
  auto requests = server_.requests_to("/graph/v1/paper/batch");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].header("x-api-key"), kS2Key);
  EXPECT_EQ(json::parse(requests[0].body)["ids"],
            json::parse(R"(["ARXIV:2401.01234", "DOI:10.5555/unknown", "ARXIV:2402.00002",
                            "PMID:1"])"));
  EXPECT_EQ(run({"show", "2401.01234"}).exit_code, 0);

  CliResult bad = run({"s2", "lookup", "openalex:W1"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("openalex"), std::string::npos) << bad.err;
}

TEST_F(CliSources, S2AuthorsListsCandidatesWithTheirIds) {
  server_.add("/graph/v1/author/search", fixture("s2/author_search.json"));
  CliResult text = run({"s2", "authors", "Ada", "Lovelace"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("1723755      Ada Lovelace  (59 papers, h-index 22)  Analytical Engine "
                          "Lab; Royal Society"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("2 of 2 candidates"), std::string::npos) << text.out;
  EXPECT_EQ(server_.requests()[0].params.at("query"), "Ada Lovelace");

  CliResult as_json = run({"s2", "authors", "Ada Lovelace", "--json", "--limit", "2"});
  ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
  json out = json::parse(as_json.out);
  EXPECT_EQ(out["total"], 2);
  EXPECT_EQ(out["authors"][0]["author_id"], "1723755");
  EXPECT_EQ(out["authors"][0]["paper_count"], 59);
  EXPECT_EQ(out["authors"][0]["orcid"], "0000-0002-1825-0097");
  EXPECT_EQ(out["authors"][1]["affiliations"], json::array());
}

TEST_F(CliSources, ConfigShowsTheKeysAsStars) {
  CliResult r = run({"config", "--json"}, {{"ACADEMICHUB_PUBMED_API_KEY", kPubmedKey},
                                           {"ACADEMICHUB_S2_API_KEY", kS2Key}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find(kPubmedKey), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(kS2Key), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("pubmed_api_key"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("s2_api_key"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("***"), std::string::npos) << r.out;
}

TEST_F(CliSources, ImportReadsPubmedAndSemanticScholarFilesAndNamesTheOthersOnce) {
  CliResult own = run({"import", own_fixture("pubmed").string(), own_fixture("s2").string()});
  // Saved error answers (an efetch ERROR, S2's 429 object) and an author page fail their files.
  EXPECT_EQ(own.exit_code, 2) << own.out << own.err;
  EXPECT_NE(own.out.find("retracted_article.xml: pubmed: 1 new"), std::string::npos) << own.out;
  // One of its two papers is the PubMed record imported before it: one paper, two records.
  EXPECT_NE(own.out.find("batch_with_null.json: semantic-scholar: 1 new, 0 updated, 0 unchanged, "
                         "0 rejected, 1 merged"),
            std::string::npos)
      << own.out;
  EXPECT_NE(own.err.find("author_search.json: Semantic Scholar authors, not paper records"),
            std::string::npos)
      << own.err;
  EXPECT_NE(own.out.find("esearch_errorlist.xml: skipped: unsupported: a PubMed esearch answer "
                         "holds ids"),
            std::string::npos)
      << own.out;

  auto dir = ah::testing::shared_fixtures_dir();
  if (!dir) GTEST_SKIP() << "../shared/fixtures is absent";
  CliResult shared = run({"import", (*dir / "pubmed").string(), (*dir / "semanticscholar").string(),
                          (*dir / "other").string()});
  EXPECT_EQ(shared.exit_code, 2) << shared.out << shared.err;  // the saved 404 answer
  for (const char* line :
       {"efetch_pubmed_50_articles.xml: pubmed: ",
        "paper_search_relevance_fullfields.json: semantic-scholar: ",
        "esearch_usehistory_webenv.xml: skipped: unsupported",
        "esearch_pubmed_retmode_json.json: skipped: unsupported",
        "oup_feed_validate_user_captcha.html: skipped: unsupported: an HTML page"}) {
    const size_t at = shared.out.find(line);
    EXPECT_NE(at, std::string::npos) << line << "\n" << shared.out;
    EXPECT_EQ(shared.out.find(line, at + 1), std::string::npos) << "named once: " << line;
  }
  EXPECT_NE(shared.err.find("error_404_paper_not_found.json: a saved error answer, not records: "
                            "the server answered error: Paper with id 0 not found"),
            std::string::npos)
      << shared.err;
  // One line per file, not a rejection per record of an unsupported file.
  EXPECT_LT(std::count(shared.out.begin(), shared.out.end(), '\n'), 40) << shared.out;
}

}  // namespace
}  // namespace ah
