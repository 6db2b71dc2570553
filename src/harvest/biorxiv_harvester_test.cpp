// The bioRxiv/medRxiv harvester end to end: the real libcurl client behind the politeness layer
// (on a fake clock) talks to a local replay server that plays api.biorxiv.org's details pages;
// preprints and harvest state land in a real SQLite store.
#include "harvest/biorxiv_harvester.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "harvest/harvester_test_base.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay_server.h"

namespace ah::harvest {
namespace {

using ah::testing::ReplayResponse;
using ah::testing::ReplayServer;
using nlohmann::json;
using std::chrono::hours;
using std::chrono::milliseconds;

// 2024-03-15T12:00:00Z
const std::chrono::system_clock::time_point kNow =
    std::chrono::sys_days(std::chrono::year(2024) / 3 / 15) + hours(12);

// A details page at `cursor` of `total` holding preprints 10.1101/2024.03.01.<n> (version 1).
// Its message says 100 items whatever it holds, as the API's own messages may.
ReplayResponse page(std::int64_t cursor, std::int64_t total, std::vector<int> preprints,
                    const std::string& server = "bioRxiv") {
  json collection = json::array();
  for (int n : preprints) {
    collection.push_back({{"doi", fmt::format("10.1101/2024.03.01.{:06d}", n)},
                          {"title", "Preprint " + std::to_string(n)},
                          {"authors", "Curie, M.; Curie, P."},
                          {"author_corresponding", "Marie Curie"},
                          {"author_corresponding_institution", "Sorbonne"},
                          {"date", "2024-03-02"},
                          {"version", "1"},
                          {"type", "new results"},
                          {"license", "cc_by"},
                          {"category", "biophysics"},
                          {"abstract", "Radiation."},
                          {"published", "NA"},
                          {"server", server}});
  }
  json body = {{"messages",
                {{{"status", "ok"},
                  {"interval", "x"},
                  {"cursor", cursor},
                  {"count", 100},
                  {"total", std::to_string(total)}}}},
               {"collection", collection}};
  return ReplayResponse::make(200, body.dump(), "application/json");
}

class BiorxivHarvesterTest : public ah::testing::HarvesterTest {
 protected:
  void SetUp() override {
    net::PolitenessOptions polite;
    polite.min_interval = milliseconds(0);
    polite.max_retries = 2;
    polite.backoff_base = milliseconds(1000);
    open(polite);
  }

  BiorxivOptions options(std::string from = "", std::string until = "") {
    BiorxivOptions o;
    o.api_url = server_.base_url();
    o.from = std::move(from);
    o.until = std::move(until);
    o.now = [this] { return now_; };
    return o;
  }

  Result<HarvestReport> run(BiorxivOptions o) {
    return BiorxivHarvester(*http_, *store_, std::move(o)).run();
  }

  json state(const std::string& server = "biorxiv") {
    return HarvesterTest::state("biorxiv:" + server);
  }

  std::vector<std::string> paths() {
    std::vector<std::string> out;
    for (const auto& r : server_.requests()) out.push_back(r.path);
    return out;
  }

  std::chrono::system_clock::time_point now_ = kNow;
};

TEST_F(BiorxivHarvesterTest, PagesByTheItemsEachPageHoldsUntilTheTotal) {
  const std::string base = "/details/biorxiv/2024-03-01/2024-03-03/";
  server_.add(base + "0", page(0, 5, {1, 2}));
  server_.add(base + "2", page(2, 5, {3, 4}));
  server_.add(base + "4", page(4, 5, {5}));

  auto report = run(options("2024-03-01", "2024-03-03"));
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->requests, 3);
  EXPECT_EQ(report->records, 5);
  EXPECT_EQ(report->counts.inserted, 5);
  EXPECT_EQ(paths(), (std::vector<std::string>{base + "0", base + "2", base + "4"}))
      << "the messages' count of 100 is not trusted";
  EXPECT_EQ(state()["last_day"], "2024-03-03");
  EXPECT_EQ(state()["cursor"], 0);

  auto paper = store_->get("10.1101/2024.03.01.000005");
  ASSERT_TRUE(paper.has_value() && paper->has_value());
  EXPECT_EQ((*paper)->source, core::source::kBiorxiv);
  EXPECT_EQ((*paper)->title_display, "Preprint 5");
  EXPECT_EQ((*paper)->authors[0].name, "Marie Curie");
}

TEST_F(BiorxivHarvesterTest, AnIntervalWithoutPostsIsCompleteAndEmpty) {
  server_.add("/details/medrxiv/2024-03-09/2024-03-09/0",
              ReplayResponse::from_file(
                  200, ah::testing::own_fixture("biorxiv/details_no_posts_found.json"),
                  "application/json"));
  BiorxivOptions o = options("2024-03-09", "2024-03-09");
  o.server = "medrxiv";
  auto report = run(o);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->requests, 1);
  EXPECT_EQ(report->records, 0);
  EXPECT_EQ(report->notes, (std::vector<std::string>{"no posts in 2024-03-09..2024-03-09"}));
  EXPECT_EQ(state("medrxiv")["last_day"], "2024-03-09");
}

TEST_F(BiorxivHarvesterTest, AFailedPageIsResumedAtItsCursorByTheNextRun) {
  const std::string base = "/details/biorxiv/2024-03-01/2024-03-03/";
  server_.add(base + "0", page(0, 5, {1, 2}));
  server_.add(base + "2", ReplayResponse::make(500, "boom"));
  auto failed = run(options("2024-03-01", "2024-03-03"));
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, ErrorCode::bad_upstream_data);
  EXPECT_NE(failed.error().message.find("page 2"), std::string::npos) << failed.error().message;
  EXPECT_EQ(state()["cursor"], 2);
  EXPECT_EQ(state()["from"], "2024-03-01");

  server_.add(base + "2", page(2, 5, {3, 4, 5}));
  auto resumed = run(options());  // incremental: the interrupted interval comes first
  ASSERT_TRUE(resumed.has_value()) << resumed.error().message;
  EXPECT_TRUE(resumed->complete);
  EXPECT_EQ(resumed->requests, 1);
  EXPECT_EQ(resumed->counts.inserted, 3);
  EXPECT_EQ(paths().back(), base + "2");
  EXPECT_EQ(state()["last_day"], "2024-03-03");
}

TEST_F(BiorxivHarvesterTest, AReRunFetchesOnlyTheDaysAfterTheLastCompleteOne) {
  server_.add("/details/biorxiv/2024-03-01/2024-03-03/0", page(0, 1, {1}));
  server_.add("/details/biorxiv/2024-03-04/2024-03-15/0", page(0, 1, {2}));
  server_.add("/details/biorxiv/2024-03-15/2024-03-16/0", page(0, 1, {3}));
  ASSERT_TRUE(run(options("2024-03-01", "2024-03-03")).has_value());
  auto second = run(options());
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(state()["last_day"], "2024-03-14") << "today is not over yet";
  now_ += hours(24);
  auto third = run(options());
  ASSERT_TRUE(third.has_value()) << third.error().message;
  EXPECT_EQ(paths(), (std::vector<std::string>{"/details/biorxiv/2024-03-01/2024-03-03/0",
                                               "/details/biorxiv/2024-03-04/2024-03-15/0",
                                               "/details/biorxiv/2024-03-15/2024-03-16/0"}));
  EXPECT_EQ(state()["last_day"], "2024-03-15");
}

TEST_F(BiorxivHarvesterTest, TheFirstRunReadsTheLastWeek) {
  server_.add("/details/biorxiv/2024-03-08/2024-03-15/0", page(0, 1, {1}));
  auto report = run(options());
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(paths(), (std::vector<std::string>{"/details/biorxiv/2024-03-08/2024-03-15/0"}));
}

TEST_F(BiorxivHarvesterTest, A503IsWaitedOutAndThePageFetchedAgain) {
  const std::string path = "/details/biorxiv/2024-03-01/2024-03-01/0";
  server_.add(path, ReplayResponse::make(503, "busy").with_header("Retry-After", "3"));
  server_.add(path, page(0, 1, {1}));
  auto report = run(options("2024-03-01", "2024-03-01"));
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->counts.inserted, 1);
  EXPECT_EQ(server_.requests().size(), 2u);
  EXPECT_EQ(clock_.sleeps(), (std::vector<milliseconds>{milliseconds(3000)}));
}

TEST_F(BiorxivHarvesterTest, TheVersionsOfAPreprintOnOnePageAreOneRecord) {
  AH_SHARED_FIXTURE_OR_SKIP(path, "biorxiv/details_biorxiv_doi_2_versions.json");
  server_.add("/details/biorxiv/2021-09-30/2022-09-05/0",
              ReplayResponse::from_file(200, path, "application/json"));
  auto report = run(options("2021-09-30", "2022-09-05"));
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->records, 1);
  auto paper = store_->get("10.1101/2021.09.30.462652");
  ASSERT_TRUE(paper.has_value() && paper->has_value());
  EXPECT_EQ((*paper)->title_display.substr(0, 12), "Are Machines");
}

TEST_F(BiorxivHarvesterTest, RefusesAnUnknownServerOrABackwardIntervalWithoutARequest) {
  BiorxivOptions server = options();
  server.server = "arxiv";
  for (const BiorxivOptions& o : {server, options("2024-03-05", "2024-03-01")}) {
    auto report = run(o);
    ASSERT_FALSE(report.has_value());
    EXPECT_EQ(report.error().code, ErrorCode::invalid_argument) << report.error().message;
  }
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(BiorxivHarvesterTest, AnErrorStatusIsInvalidArgument) {
  server_.add("/details/biorxiv/2024-03-01/2024-03-01/0",
              ReplayResponse::make(200, R"({"messages":[{"status":"Interval not valid"}],
                                           "collection":[]})",
                                   "application/json"));
  auto report = run(options("2024-03-01", "2024-03-01"));
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(report.error().message.find("Interval not valid"), std::string::npos);
}

}  // namespace
}  // namespace ah::harvest
