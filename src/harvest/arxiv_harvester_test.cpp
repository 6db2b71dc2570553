// The arXiv harvester end to end: the real libcurl client behind the politeness layer (on a fake
// clock, so Retry-After and back-off cost no real time) talks to a local replay server; papers and
// harvest state land in a real SQLite store.
#include "harvest/arxiv_harvester.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "harvest/harvester_test_base.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay_server.h"

namespace ah::harvest {
namespace {

using ah::testing::own_fixture;
using ah::testing::ReplayResponse;
using ah::testing::ReplayServer;

ReplayResponse xml_file(const std::string& name, int status = 200) {
  ReplayResponse r;
  r.status = status;
  r.body_file = own_fixture("harvest/" + name);
  r.content_type = "text/xml; charset=utf-8";
  return r;
}

class ArxivHarvesterTest : public ah::testing::HarvesterTest {
 protected:
  void SetUp() override {
    net::PolitenessOptions polite;
    polite.min_interval = std::chrono::milliseconds(3000);
    polite.max_retries = 2;
    open(polite);
  }

  ArxivHarvester harvester(const std::string& base) {
    ArxivEndpoints e;
    e.api_url = base + "/api/query";
    e.oai_url = base + "/oai";
    e.rss_url = base + "/rss/";
    e.api_page_size = 2;
    return ArxivHarvester(*http_, *store_, e);
  }
};

TEST_F(ArxivHarvesterTest, OaiFollowsResumptionTokensToTheEndOfTheList) {
  server_.add("/oai", {{"verb", "ListRecords"}, {"set", "cs"}}, xml_file("oai_arxivraw_page1.xml"));
  server_.add("/oai", {{"resumptionToken", "tok-1"}}, xml_file("oai_arxivraw_page2.xml"));

  auto report = harvester(server_.base_url()).oai("cs", "2024-03-01");
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->requests, 2);
  EXPECT_EQ(report->counts.inserted, 3);
  EXPECT_EQ(paper_count(), 3);

  auto requests = server_.requests_to("/oai");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].params.at("metadataPrefix"), "arXivRaw");
  EXPECT_EQ(requests[0].params.at("from"), "2024-03-01");
  EXPECT_EQ(requests[1].params.at("resumptionToken"), "tok-1");
  EXPECT_EQ(requests[1].params.count("metadataPrefix"), 0u);  // OAI forbids it beside a token
  EXPECT_NE(requests[0].header("user-agent").find("mailto:ops@example.org"), std::string::npos);
  // arXiv's politeness: the second request waited the full interval after the first.
  ASSERT_FALSE(clock_.sleeps().empty());
  EXPECT_EQ(clock_.sleeps().back(), std::chrono::milliseconds(3000));

  nlohmann::json s = state("arxiv-oai:arXivRaw:cs");
  EXPECT_EQ(s["token"], "");
  EXPECT_EQ(s["next_from"], "2024-03-02");

  auto paper = store_->get("2403.00003");
  ASSERT_TRUE(paper.has_value() && paper->has_value());
  EXPECT_EQ((*paper)->title_display, "Poetical Science of Retrieval");
  ASSERT_EQ((*paper)->authors.size(), 3u);
  EXPECT_EQ((*paper)->authors[2].name, "Mary Somerville");
}

TEST_F(ArxivHarvesterTest, ReRunningAFinishedHarvestStoresNoDuplicates) {
  server_.add("/oai", {{"verb", "ListRecords"}, {"set", "cs"}}, xml_file("oai_arxivraw_page1.xml"));
  server_.add("/oai", {{"resumptionToken", "tok-1"}}, xml_file("oai_arxivraw_page2.xml"));
  ASSERT_TRUE(harvester(server_.base_url()).oai("cs", "2024-03-01").has_value());
  auto again = harvester(server_.base_url()).oai("cs", "2024-03-01");
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->counts.inserted, 0);
  EXPECT_EQ(again->counts.unchanged, 3);
  EXPECT_EQ(paper_count(), 3);
}

TEST_F(ArxivHarvesterTest, APageThatBreaksOffFailsTheHarvestAndStoresNothingOfIt) {
  // A well-delivered body that is itself cut short: its complete records must not be committed
  // without the resumption token that would have followed them (the list would look finished).
  server_.add("/oai", {{"verb", "ListRecords"}, {"set", "cs"}}, xml_file("oai_arxivraw_page1.xml"));
  const std::string page2 = testing::read_file(own_fixture("harvest/oai_arxivraw_page2.xml"));
  server_.add("/oai", {{"resumptionToken", "tok-1"}},
              ReplayResponse::make(200, page2.substr(0, page2.size() - 40), "text/xml"));

  auto report = harvester(server_.base_url()).oai("cs", "2024-03-01");
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::bad_upstream_data);
  EXPECT_NE(report.error().message.find("arXiv OAI-PMH page 2"), std::string::npos)
      << report.error().message;
  EXPECT_NE(report.error().message.find("breaks off"), std::string::npos) << report.error().message;
  EXPECT_EQ(paper_count(), 2);
  EXPECT_EQ(state("arxiv-oai:arXivRaw:cs")["token"], "tok-1") << "resumes at the broken page";
}

TEST_F(ArxivHarvesterTest, LogsAndErrorsShowTheUrlRedacted) {
  std::vector<std::string> lines;
  ArxivEndpoints e;
  e.oai_url = "http://u:pw-SECRET@" + server_.base_url().substr(7) + "/oai?api_key=KEY-SECRET";
  server_.add("/oai", {{"metadataPrefix", "arXivRaw"}}, xml_file("oai_arxivraw_page1.xml"));
  server_.add("/oai", {{"resumptionToken", "tok-1"}}, ReplayResponse::make(404, "gone"));
  ArxivHarvester h(*http_, *store_, e, [&](std::string_view line) { lines.emplace_back(line); });
  auto report = h.oai("cs", "2024-03-01");
  ASSERT_FALSE(report.has_value());
  lines.push_back(report.error().message);
  ASSERT_EQ(lines.size(), 2u) << ::testing::PrintToString(lines);
  EXPECT_NE(lines[0].find("arXiv OAI-PMH page 1 (http://***@127.0.0.1:"), std::string::npos)
      << lines[0];
  EXPECT_NE(lines[1].find("HTTP 404"), std::string::npos) << lines[1];
  for (const std::string& line : lines) {
    EXPECT_EQ(line.find("SECRET"), std::string::npos) << line;
    EXPECT_NE(line.find("api_key=***"), std::string::npos) << line;
  }
}

TEST_F(ArxivHarvesterTest, AHarvestCutOffMidListResumesFromTheStoredToken) {
  server_.add("/oai", {{"verb", "ListRecords"}, {"set", "cs"}}, xml_file("oai_arxivraw_page1.xml"));
  ReplayResponse dropped = xml_file("oai_arxivraw_page2.xml");
  dropped.drop_after_bytes = 300;  // the connection dies mid-page, every time
  server_.add("/oai", {{"resumptionToken", "tok-1"}}, dropped);

  auto first = harvester(server_.base_url()).oai("cs", "2024-03-01");
  ASSERT_FALSE(first.has_value());
  EXPECT_EQ(first.error().code, ErrorCode::unavailable);
  EXPECT_NE(first.error().message.find("127.0.0.1"), std::string::npos) << first.error().message;
  EXPECT_EQ(paper_count(), 2);  // the first page was committed with its token
  EXPECT_EQ(state("arxiv-oai:arXivRaw:cs")["token"], "tok-1");

  server_.add("/oai", {{"resumptionToken", "tok-1"}}, xml_file("oai_arxivraw_page2.xml"));
  const size_t before = server_.requests_to("/oai").size();
  auto second = harvester(server_.base_url()).oai("cs", "2024-03-01");
  ASSERT_TRUE(second.has_value()) << second.error().message;
  auto requests = server_.requests_to("/oai");
  ASSERT_GT(requests.size(), before);
  EXPECT_EQ(requests[before].params.at("resumptionToken"), "tok-1");  // no restart from page 1
  EXPECT_EQ(second->counts.inserted, 1);
  EXPECT_EQ(paper_count(), 3);
}

TEST_F(ArxivHarvesterTest, A503WithRetryAfterIsWaitedOutThenTheHarvestGoesOn) {
  ReplayResponse busy;
  busy.status = 503;
  busy.body_file = own_fixture("harvest/oai_503_retry_after.html");
  busy.content_type = "text/html";
  busy.headers = {{"Retry-After", "5"}};
  server_.add("/oai", {{"verb", "ListRecords"}, {"set", "cs"}}, busy);
  server_.add("/oai", {{"verb", "ListRecords"}, {"set", "cs"}}, xml_file("oai_arxivraw_page2.xml"));

  auto report = harvester(server_.base_url()).oai("cs", "2024-03-01");
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->counts.inserted, 1);
  auto sleeps = clock_.sleeps();
  EXPECT_NE(std::find(sleeps.begin(), sleeps.end(), std::chrono::milliseconds(5000)), sleeps.end());
}

TEST_F(ArxivHarvesterTest, AnExpiredTokenRestartsFromTheFromDate) {
  nlohmann::json stale = {{"from", "2024-03-01"}, {"until", ""}, {"token", "tok-expired"}, {"cursor", 1000}};
  store::StateEntry entry{"arxiv-oai:arXivRaw:cs", stale.dump()};
  ASSERT_TRUE(store_->put_state(std::span(&entry, 1)).has_value());
  server_.add("/oai", {{"resumptionToken", "tok-expired"}}, xml_file("oai_bad_resumption_token.xml"));
  server_.add("/oai", {{"verb", "ListRecords"}, {"set", "cs"}}, xml_file("oai_arxivraw_page2.xml"));

  auto report = harvester(server_.base_url()).oai("cs", "2024-03-01");
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->counts.inserted, 1);
  auto requests = server_.requests_to("/oai");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].params.at("from"), "2024-03-01");
}

TEST_F(ArxivHarvesterTest, AServerRepeatingTheSameTokenIsAnErrorNotAnEndlessLoop) {
  server_.add("/oai", {{"verb", "ListRecords"}, {"set", "cs"}}, xml_file("oai_arxivraw_page1.xml"));
  server_.add("/oai", {{"resumptionToken", "tok-1"}}, xml_file("oai_arxivraw_page1.xml"));
  auto report = harvester(server_.base_url()).oai("cs", "2024-03-01");
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::bad_upstream_data);
  EXPECT_NE(report.error().message.find("same token"), std::string::npos) << report.error().message;
  EXPECT_EQ(server_.requests_to("/oai").size(), 2u);
}

TEST_F(ArxivHarvesterTest, NoRecordsMatchIsACompleteEmptyHarvest) {
  server_.add("/oai", xml_file("oai_no_records_match.xml"));
  auto report = harvester(server_.base_url()).oai("cs", "2030-01-01");
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->counts.inserted, 0);
}

TEST_F(ArxivHarvesterTest, ApiQueryPagesByStartUntilTotalResults) {
  server_.add("/api/query", {{"start", "0"}}, xml_file("api_page_start0.xml"));
  server_.add("/api/query", {{"start", "2"}}, xml_file("api_page_start2.xml"));
  auto report = harvester(server_.base_url()).query("ti:attention");
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->counts.inserted, 3);
  auto requests = server_.requests_to("/api/query");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].params.at("search_query"), "ti:attention");
  EXPECT_EQ(requests[0].params.at("max_results"), "2");
  EXPECT_EQ(requests[1].params.at("start"), "2");
  auto paper = store_->get("2403.00011");
  ASSERT_TRUE(paper.has_value() && paper->has_value());
  EXPECT_EQ((*paper)->version, 2);
}

TEST_F(ArxivHarvesterTest, ApiErrorFeedBecomesAnErrorCarryingArxivsMessage) {
  server_.add("/api/query", xml_file("api_error_400.xml", 400));
  auto report = harvester(server_.base_url()).query("id:xyz");
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(report.error().message.find("incorrect id format for xyz"), std::string::npos)
      << report.error().message;
  EXPECT_EQ(paper_count(), 0);
}

TEST_F(ArxivHarvesterTest, RealRecordedApiErrorFeedIsRecognised) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "arxiv-api/error_400_incorrect_id_format.xml");
  ReplayResponse r;
  r.status = 400;
  r.body_file = path;
  server_.add("/api/query", r);
  auto report = harvester(server_.base_url()).query("id:abc");
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(report.error().message.find("abc"), std::string::npos) << report.error().message;
}

TEST_F(ArxivHarvesterTest, RssUsesConditionalGetAndSkipsAnUnchangedFeed) {
  ReplayResponse feed;
  feed.body_file = own_fixture("arxiv/rss_cs_CL_cs_AI.xml");
  feed.content_type = "application/rss+xml";
  feed.etag = "\"feed-v1\"";
  server_.add("/rss/cs.CL+cs.AI", feed);

  auto first = harvester(server_.base_url()).rss("cs.CL+cs.AI");
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_GT(first->counts.inserted, 0);
  const std::int64_t stored = paper_count();

  auto second = harvester(server_.base_url()).rss("cs.CL+cs.AI");
  ASSERT_TRUE(second.has_value()) << second.error().message;
  auto requests = server_.requests_to("/rss/cs.CL+cs.AI");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].header("if-none-match"), "\"feed-v1\"");
  EXPECT_EQ(second->counts.inserted + second->counts.updated, 0);
  EXPECT_EQ(paper_count(), stored);
}

TEST_F(ArxivHarvesterTest, AnUnreachableHostNamesItselfAndPointsToImport) {
  ah::testing::RefusingPort refusing;
  auto report = harvester(refusing.base_url()).oai("cs", "2024-03-01");
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::unavailable);
  EXPECT_NE(report.error().message.find("127.0.0.1:" + std::to_string(refusing.port())),
            std::string::npos)
      << report.error().message;
  EXPECT_NE(report.error().message.find("academichub import"), std::string::npos);
}

}  // namespace
}  // namespace ah::harvest
