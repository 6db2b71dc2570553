// The Semantic Scholar client against a local replay server playing the Graph API: the real
// libcurl client behind the politeness layer on a fake clock, a real SQLite store for lookups that
// store what they find.
#include "harvest/s2_client.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "harvest/harvester_test_base.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay_server.h"

namespace ah::harvest {
namespace {

using ah::testing::own_fixture;
using ah::testing::RecordedRequest;
using ah::testing::ReplayResponse;
using ah::testing::ReplayServer;
using core::Identifier;

constexpr const char* kKey = "S2-SECRET-KEY-456";

ReplayResponse json_file(const std::string& name, int status = 200) {
  ReplayResponse r;
  r.status = status;
  r.body_file = own_fixture("s2/" + name);
  r.content_type = "application/json";
  return r;
}

class S2ClientTest : public ah::testing::HarvesterTest {
 protected:
  void SetUp() override {
    net::PolitenessOptions polite;
    polite.min_interval = std::chrono::milliseconds(1000);
    polite.max_retries = 2;
    open(polite, "s2.db");
  }

  S2Client client(std::string key = "") {
    S2Options o;
    o.api_url = server_.base_url() + "/graph/v1";
    o.api_key = std::move(key);
    return S2Client(*http_, o, [this](std::string_view line) { lines_.emplace_back(line); });
  }
};

const std::vector<Identifier> kIds = {{"arxiv", "2401.01234"},
                                      {"doi", "10.5555/unknown"},
                                      {"doi", "10.48550/arxiv.2402.00002"},
                                      {"pmid", "1"}};

TEST_F(S2ClientTest, LooksPapersUpInOnePostAndStoresWhatItFinds) {
  server_.add("/graph/v1/paper/batch", json_file("batch_with_null.json"));
  auto report = client().lookup(kIds, store_.get());
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->requests, 1);
  ASSERT_EQ(report->found.size(), 2u);
  EXPECT_EQ(report->found[0].source_id, "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
  EXPECT_EQ(report->not_found, (std::vector<std::string>{"DOI:10.5555/unknown", "PMID:1"}));
  ASSERT_TRUE(report->stored.has_value());
  EXPECT_EQ(report->stored->inserted, 2);
  EXPECT_TRUE(
      report->found[0].fetched_from.starts_with(server_.base_url() + "/graph/v1/paper/batch"));
  EXPECT_FALSE(report->found[0].fetched_at.empty());

  auto requests = server_.requests_to("/graph/v1/paper/batch");
  ASSERT_EQ(requests.size(), 1u);
  const RecordedRequest& r = requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(nlohmann::json::parse(r.body),
            nlohmann::json::parse(R"({"ids": ["ARXIV:2401.01234", "DOI:10.5555/unknown",
                                              "DOI:10.48550/arxiv.2402.00002", "PMID:1"]})"));
  EXPECT_NE(r.params.at("fields").find("externalIds"), std::string::npos);
  EXPECT_EQ(r.header("x-api-key"), "");  // no key, no header

  auto stored = store_->get("2401.01234");
  ASSERT_TRUE(stored.has_value() && stored->has_value());
  EXPECT_EQ((*stored)->title, "Poetical Science of Retrieval");
}

TEST_F(S2ClientTest, SplitsLookupsIntoBatchesOfAtMostTheLimit) {
  server_.add("/graph/v1/paper/batch", json_file("batch_all_unknown.json"));
  S2Options o;
  o.api_url = server_.base_url() + "/graph/v1";
  o.batch_size = 2;
  S2Client c(*http_, o);
  const std::vector<Identifier> four = {{"pmid", "1"}, {"pmid", "2"}, {"pmid", "3"}, {"pmid", "4"}};
  auto report = c.lookup(four);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->requests, 2);
  EXPECT_EQ(report->not_found.size(), 4u);
  EXPECT_FALSE(report->stored.has_value());
  auto requests = server_.requests_to("/graph/v1/paper/batch");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(requests[1].body)["ids"],
            nlohmann::json::parse(R"(["PMID:3", "PMID:4"])"));
  // A batch answer of the wrong length is not silently matched to the ids.
  o.batch_size = 3;
  auto wrong = S2Client(*http_, o).lookup(four);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::bad_upstream_data);
  EXPECT_NE(wrong.error().message.find("2 answers for 3 ids"), std::string::npos)
      << wrong.error().message;
}

TEST_F(S2ClientTest, A429IsWaitedOutThenTheLookupGoesOn) {
  server_.add("/graph/v1/paper/batch",
              json_file("error_429.json", 429).with_header("Retry-After", "3"));
  server_.add("/graph/v1/paper/batch", json_file("batch_with_null.json"));
  auto report = client().lookup(kIds);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->found.size(), 2u);
  auto sleeps = clock_.sleeps();
  EXPECT_NE(std::find(sleeps.begin(), sleeps.end(), std::chrono::milliseconds(3000)), sleeps.end());
  EXPECT_EQ(server_.requests_to("/graph/v1/paper/batch").size(), 2u);
}

TEST_F(S2ClientTest, RateLimitedForGoodIsRateLimited) {
  server_.add("/graph/v1/paper/batch", json_file("error_429.json", 429));
  auto report = client().lookup(kIds);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::rate_limited);
}

TEST_F(S2ClientTest, SearchesAuthorsByName) {
  server_.add("/graph/v1/author/search", json_file("author_search.json"));
  auto found = client().search_authors("Ada Lovelace", 5);
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_EQ(found->total, 2);
  ASSERT_EQ(found->authors.size(), 2u);
  EXPECT_EQ(found->authors[0].author_id, "1723755");
  EXPECT_EQ(found->authors[0].affiliations,
            (std::vector<std::string>{"Analytical Engine Lab", "Royal Society"}));
  EXPECT_EQ(found->authors[0].paper_count, 59);
  auto r = server_.requests_to("/graph/v1/author/search");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].method, "GET");
  EXPECT_EQ(r[0].params.at("query"), "Ada Lovelace");
  EXPECT_EQ(r[0].params.at("limit"), "5");
  EXPECT_NE(r[0].params.at("fields").find("affiliations"), std::string::npos);
  EXPECT_NE(r[0].params.at("fields").find("paperCount"), std::string::npos);

  server_.add(
      "/graph/v1/author/search", {{"query", "nobody"}},
      ReplayResponse::make(200, R"({"total": 0, "offset": 0, "data": []})", "application/json"));
  auto none = client().search_authors("nobody");
  ASSERT_TRUE(none.has_value()) << none.error().message;
  EXPECT_TRUE(none->authors.empty());
  EXPECT_FALSE(client().search_authors("  ").has_value());
}

TEST_F(S2ClientTest, LooksAnAuthorUpByIdAndSaysWhenItIsUnknown) {
  server_.add("/graph/v1/author/1723755", json_file("author.json"));
  server_.add(
      "/graph/v1/author/999",
      ReplayResponse::make(404, R"({"error":"Author with id 999 not found"})", "application/json"));
  auto a = client().author("1723755");
  ASSERT_TRUE(a.has_value()) << a.error().message;
  ASSERT_TRUE(a->has_value());
  EXPECT_EQ((*a)->name, "Ada Lovelace");
  auto missing = client().author("999");
  ASSERT_TRUE(missing.has_value()) << missing.error().message;
  EXPECT_FALSE(missing->has_value());
}

TEST_F(S2ClientTest, ReadsAnAuthorsPapersPage) {
  auto dir = ah::testing::shared_fixtures_dir();
  if (!dir) GTEST_SKIP() << "../shared/fixtures is absent";
  ReplayResponse page;
  page.body_file = *dir / "semanticscholar/author_papers_offset0.json";
  page.content_type = "application/json";
  server_.add("/graph/v1/author/1723755/papers", page);
  auto papers = client().author_papers("1723755");
  ASSERT_TRUE(papers.has_value()) << papers.error().message;
  EXPECT_EQ(papers->papers.size(), 100u);
  EXPECT_EQ(papers->next, 100);
  EXPECT_EQ(server_.requests()[0].params.at("offset"), "0");
}

TEST_F(S2ClientTest, TheKeyGoesInAHeaderAndNeverIntoLogsOrErrors) {
  server_.add("/graph/v1/paper/batch", json_file("batch_with_null.json"));
  server_.add("/graph/v1/author/search",
              ReplayResponse::make(
                  403, std::string(R"({"message":"Forbidden: key )") + kKey + R"( is not valid"})",
                  "application/json"));
  S2Client c = client(kKey);
  ASSERT_TRUE(c.lookup(kIds).has_value());
  EXPECT_EQ(server_.requests()[0].header("x-api-key"), kKey);
  EXPECT_EQ(server_.requests()[0].query.find(kKey), std::string::npos);
  auto refused = c.search_authors("Ada");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(refused.error().message.find("HTTP 403"), std::string::npos) << refused.error().message;
  EXPECT_EQ(refused.error().message.find(kKey), std::string::npos) << refused.error().message;
  ASSERT_FALSE(lines_.empty());
  for (const std::string& line : lines_) EXPECT_EQ(line.find(kKey), std::string::npos) << line;
}

TEST_F(S2ClientTest, SchemesS2CannotLookUpAreRefusedBeforeAnyRequest) {
  EXPECT_EQ(*S2Client::batch_id({"pmcid", "PMC123"}), "PMCID:123");
  EXPECT_EQ(*S2Client::batch_id({"s2corpus", "42"}), "CorpusId:42");
  EXPECT_EQ(*S2Client::batch_id({"s2", "0f40b1f08821e22e859c6050916cec3667778613"}),
            "0f40b1f08821e22e859c6050916cec3667778613");
  const std::vector<Identifier> ids = {{"doi", "10.1/x"}, {"openalex", "W1"}};
  auto r = client().lookup(ids);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(r.error().message.find("openalex"), std::string::npos);
  EXPECT_TRUE(server_.requests().empty());
}

}  // namespace
}  // namespace ah::harvest
