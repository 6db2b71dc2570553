// arXiv as a catalogue source (make_arxiv_harvester) against the local replay server.
#include <gtest/gtest.h>

#include "harvest/source_harvester.h"
#include "harvest/harvester_test_base.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay_server.h"

namespace ah::harvest {
namespace {

using ah::testing::own_fixture;
using ah::testing::ReplayResponse;
using ah::testing::ReplayServer;

class ArxivSourceTest : public ah::testing::HarvesterTest {
 protected:
  void SetUp() override {
    net::PolitenessOptions polite;
    polite.max_retries = 1;
    open(polite);
    if (HasFatalFailure()) return;
    config_.arxiv_oai_url = server_.base_url() + "/oai";
    config_.arxiv_rss_url = server_.base_url() + "/rss/";
    config_.arxiv_api_url = server_.base_url() + "/api/query";
    config_.arxiv_oai_prefix = "arXivRaw";
  }

  Result<HarvestReport> run(const catalogue::SourceEntry& entry) {
    HarvestContext context{*http_, *store_, config_, {}, stop_.get_token(), now_};
    auto harvester = make_arxiv_harvester(entry, context);
    if (!harvester) return std::unexpected(harvester.error());
    return (*harvester)->run();
  }

  // The OAI-PMH list of set cs: two pages, the second named by token tok-1.
  void serve_oai_list() {
    server_.add(
        "/oai", {{"verb", "ListRecords"}, {"set", "cs"}},
        ReplayResponse::from_file(200, own_fixture("harvest/oai_arxivraw_page1.xml"), "text/xml"));
    server_.add(
        "/oai", {{"resumptionToken", "tok-1"}},
        ReplayResponse::from_file(200, own_fixture("harvest/oai_arxivraw_page2.xml"), "text/xml"));
  }

  static catalogue::SourceEntry entry(catalogue::ArxivMethod method,
                                      std::vector<std::string> sets) {
    catalogue::SourceEntry e;
    e.name = "arxiv";
    e.kind = catalogue::Kind::arxiv;
    e.since = "2024-03-01";
    e.params = catalogue::ArxivParams{std::move(sets), method};
    return e;
  }

  config::Config config_;
  std::stop_source stop_;
  core::WallClock now_;  // the context's clock (empty: the system clock)
};

TEST_F(ArxivSourceTest, RssJoinsTheSetsIntoOneFeedAndCountsRecords) {
  server_.add("/rss/cs.CL+cs.AI",
              ReplayResponse::from_file(200, own_fixture("arxiv/rss_cs_CL_cs_AI.xml"),
                                        "application/rss+xml"));
  auto report = run(entry(catalogue::ArxivMethod::rss, {"cs.CL", "cs.AI"}));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->requests, 1);
  EXPECT_GT(report->records, 0);
  EXPECT_EQ(report->records, report->counts.inserted + report->counts.updated +
                                 report->counts.unchanged + report->counts.rejected);
  EXPECT_EQ(server_.requests_to("/rss/cs.CL+cs.AI").size(), 1u);
}

// OAI-PMH per set: the first run starts at `since` and follows the list to its end; the next one
// starts at the day of the last answer.
TEST_F(ArxivSourceTest, OaiGoesOnFromTheLastCompleteHarvest) {
  serve_oai_list();
  auto first = run(entry(catalogue::ArxivMethod::oai, {"cs"}));
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->complete);
  EXPECT_EQ(first->requests, 2);
  EXPECT_GT(first->records, 0);

  auto second = run(entry(catalogue::ArxivMethod::oai, {"cs"}));
  ASSERT_TRUE(second) << second.error().message;
  std::vector<std::string> froms;
  for (const auto& r : server_.requests_to("/oai")) {
    if (r.params.contains("from")) froms.push_back(r.params.at("from"));
  }
  ASSERT_EQ(froms.size(), 2u);
  EXPECT_EQ(froms[0], "2024-03-01");
  EXPECT_EQ(froms[1], "2024-03-02");  // the responseDate of the last page
}

// Without `since`, a first run starts two days before the day of the context's clock (the
// scheduler's), and its records are stamped with that clock's time.
TEST_F(ArxivSourceTest, AFirstRunWithoutSinceStartsTwoDaysBeforeTheClocksDay) {
  serve_oai_list();
  const auto fixed = core::parse_utc_time("2031-05-06T07:08:09Z").value();
  now_ = [&] { return fixed; };
  catalogue::SourceEntry e = entry(catalogue::ArxivMethod::oai, {"cs"});
  e.since.clear();
  auto report = run(e);
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_FALSE(server_.requests_to("/oai").empty());
  EXPECT_EQ(server_.requests_to("/oai")[0].params.at("from"), "2031-05-04");
  auto batch = store_->papers_after(0, 1);
  ASSERT_TRUE(batch.has_value()) << batch.error().message;
  ASSERT_EQ(batch->papers.size(), 1u);
  ASSERT_FALSE(batch->papers[0].records.empty());
  EXPECT_EQ(batch->papers[0].records[0].fetched_at, "2031-05-06T07:08:09Z");
}

TEST_F(ArxivSourceTest, RefusesAnEntryOfAnotherKind) {
  catalogue::SourceEntry e;
  e.name = "x";
  e.kind = catalogue::Kind::pubmed;
  e.params = catalogue::PubmedParams{"x"};
  HarvestContext context{*http_, *store_, config_, {}, stop_.get_token()};
  auto made = make_arxiv_harvester(e, context);
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace ah::harvest
