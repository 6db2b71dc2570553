// The OpenAlex harvester end to end: the real libcurl client behind the politeness layer (on a
// fake clock) talks to a local replay server that plays OpenAlex's cursor pages and budget
// headers; works and harvest state land in a real SQLite store.
#include "harvest/openalex_harvester.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sources/openalex/works_parser.h"
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

// A works page of minimal works W<n> (DOI 10.1/w<n>) with `next` as its cursor (null when
// empty).
ReplayResponse page(std::vector<int> works, const std::string& next) {
  json results = json::array();
  for (int n : works) {
    results.push_back({{"id", "https://openalex.org/W" + std::to_string(n)},
                       {"doi", "https://doi.org/10.1/w" + std::to_string(n)},
                       {"title", "Work " + std::to_string(n)},
                       {"publication_date", "2024-03-01"},
                       {"type", "article"},
                       {"authorships", json::array()}});
  }
  json body = {{"meta",
                {{"count", 6},
                 {"per_page", 100},
                 {"next_cursor", next.empty() ? json(nullptr) : json(next)}}},
               {"results", results}};
  return ReplayResponse::make(200, body.dump(), "application/json");
}

// OpenAlex's budget headers with `left` dollars left at $0.001 a request.
ReplayResponse with_budget(ReplayResponse r, const std::string& left) {
  return std::move(r)
      .with_header("X-RateLimit-Limit-USD", "1")
      .with_header("X-RateLimit-Remaining-USD", left)
      .with_header("X-RateLimit-Cost-USD", "0.001");
}

class OpenalexHarvesterTest : public ah::testing::HarvesterTest {
 protected:
  void SetUp() override {
    net::PolitenessOptions polite;
    polite.min_interval = milliseconds(0);
    // The politeness layer's own retries are tested in net/; here every answer reaches the
    // harvester once, so the requests the server sees are the harvester's.
    polite.max_retries = 0;
    open(polite);
  }

  OpenalexOptions options() {
    OpenalexOptions o;
    o.api_url = server_.base_url();
    o.source_id = "S123";
    o.now = [this] { return now_; };
    return o;
  }

  Result<HarvestReport> run(OpenalexOptions o) {
    OpenalexHarvester harvester(*http_, *store_, std::move(o), [this](std::string_view line) {
      log_ += std::string(line) + "\n";
    });
    return harvester.run();
  }

  json state() {
    return HarvesterTest::state("openalex:S123");
  }

  std::vector<std::string> cursors() {
    std::vector<std::string> out;
    for (const auto& r : server_.requests_to("/works")) out.push_back(r.params.at("cursor"));
    return out;
  }

  std::chrono::system_clock::time_point now_ = kNow;
  std::string log_;
};

TEST_F(OpenalexHarvesterTest, FollowsTheCursorThroughThreePagesAndCountsTheBudgetDown) {
  server_.add("/works", {{"cursor", "*"}}, with_budget(page({1, 2}, "c2"), "0.030"));
  server_.add("/works", {{"cursor", "c2"}}, with_budget(page({3, 4}, "c3"), "0.029"));
  server_.add("/works", {{"cursor", "c3"}}, with_budget(page({5, 6}, ""), "0.028"));

  auto report = run(options());
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_FALSE(report->budget_spent);
  EXPECT_EQ(report->budget_left, 28);
  EXPECT_EQ(report->requests, 3);
  EXPECT_EQ(report->records, 6);
  EXPECT_EQ(report->counts.inserted, 6);
  EXPECT_EQ(cursors(), (std::vector<std::string>{"*", "c2", "c3"}));

  const auto requests = server_.requests_to("/works");
  // The first run of a source reads the last 30 days.
  EXPECT_EQ(requests[0].params.at("filter"),
            "primary_location.source.id:S123,from_publication_date:2024-02-14,"
            "to_publication_date:2024-03-15");
  EXPECT_EQ(requests[0].params.at("per_page"), "100");
  EXPECT_EQ(requests[0].params.at("select"), sources::openalex::kSelectFields);
  for (const auto& r : requests) EXPECT_EQ(r.params.count("api_key"), 0u) << "no key is set";

  json s = state();
  EXPECT_EQ(s["last_until"], "2024-03-15");
  EXPECT_EQ(s["cursor"], "");
  auto paper = store_->get("10.1/w5");
  ASSERT_TRUE(paper.has_value() && paper->has_value());
  EXPECT_EQ((*paper)->source, core::source::kOpenalex);
  EXPECT_NE(report->notes.back().find("$0.028 of $1 left today"), std::string::npos)
      << report->notes.back();
}

TEST_F(OpenalexHarvesterTest, SendsTheApiKeyWhenSetAndNeverShowsIt) {
  server_.add("/works", {{"cursor", "*"}}, page({1}, ""));
  OpenalexOptions o = options();
  o.api_key = "KEY-SECRET-1";
  auto report = run(o);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  ASSERT_EQ(server_.requests_to("/works").size(), 1u);
  EXPECT_EQ(server_.requests_to("/works")[0].params.at("api_key"), "KEY-SECRET-1");
  // Log lines (and the records' fetched_from, through stamp_records) carry the URL redacted.
  EXPECT_NE(log_.find("api_key=***"), std::string::npos) << log_;
  EXPECT_EQ(log_.find("KEY-SECRET"), std::string::npos) << log_;
  for (const std::string& note : report->notes) {
    EXPECT_EQ(note.find("KEY-SECRET"), std::string::npos) << note;
  }
}

TEST_F(OpenalexHarvesterTest, StopsWhenTheHeadersSayTheBudgetIsSpentAndResumesAfterTheReset) {
  server_.add("/works", {{"cursor", "*"}},
              page({1, 2}, "c2").with_header("X-RateLimit-Remaining", "1"));
  server_.add("/works", {{"cursor", "c2"}},
              page({3, 4}, "c3")
                  .with_header("X-RateLimit-Remaining", "0")
                  .with_header("X-RateLimit-Reset", "3600"));
  server_.add("/works", {{"cursor", "c3"}},
              page({5, 6}, "").with_header("X-RateLimit-Remaining", "99999"));

  auto first = run(options());
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_TRUE(first->budget_spent);
  EXPECT_FALSE(first->complete);
  EXPECT_EQ(first->budget_left, 0);
  EXPECT_EQ(first->requests, 2) << "no request the budget cannot pay for";
  EXPECT_EQ(first->counts.inserted, 4);
  json s = state();
  EXPECT_EQ(s["cursor"], "c3");
  EXPECT_EQ(s["spent_until"], "2024-03-15T13:00:00Z");

  // Before the reset, a run asks nothing.
  now_ += std::chrono::minutes(30);
  auto held = run(options());
  ASSERT_TRUE(held.has_value()) << held.error().message;
  EXPECT_TRUE(held->budget_spent);
  EXPECT_EQ(held->requests, 0);
  EXPECT_EQ(server_.requests_to("/works").size(), 2u);

  // After it, the run continues where the first stopped, in the same window.
  now_ += hours(1);
  auto resumed = run(options());
  ASSERT_TRUE(resumed.has_value()) << resumed.error().message;
  EXPECT_TRUE(resumed->complete);
  EXPECT_FALSE(resumed->budget_spent);
  EXPECT_EQ(resumed->requests, 1);
  EXPECT_EQ(resumed->counts.inserted, 2);
  EXPECT_EQ(cursors(), (std::vector<std::string>{"*", "c2", "c3"}));
  const auto requests = server_.requests_to("/works");
  EXPECT_EQ(requests[2].params.at("filter"), requests[0].params.at("filter"));
  EXPECT_EQ(state()["last_until"], "2024-03-15");
  EXPECT_EQ(state().count("spent_until"), 0u);
}

TEST_F(OpenalexHarvesterTest, ADaily429StopsAtOnceWithoutRetriesAndKeepsThePlace) {
  server_.add("/works", {{"cursor", "*"}}, page({1, 2}, "c2"));
  server_.add("/works", {{"cursor", "c2"}},
              ReplayResponse::make(429, R"({"error":"Rate limit exceeded"})", "application/json")
                  .with_header("X-RateLimit-Remaining-USD", "0")
                  .with_header("X-RateLimit-Cost-Required-USD", "0.001")
                  .with_header("Retry-After", "43200"));
  server_.add("/works", {{"cursor", "c2"}}, page({3}, ""));

  auto first = run(options());
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_TRUE(first->budget_spent);
  EXPECT_FALSE(first->complete);
  EXPECT_EQ(first->requests, 2);
  EXPECT_EQ(server_.requests_to("/works").size(), 2u) << "the 429 was not retried";
  EXPECT_TRUE(clock_.sleeps().empty());
  EXPECT_EQ(state()["cursor"], "c2");
  EXPECT_EQ(state()["spent_until"], "2024-03-16T00:00:00Z") << "Retry-After: 12 hours";

  now_ += hours(13);
  auto resumed = run(options());
  ASSERT_TRUE(resumed.has_value()) << resumed.error().message;
  EXPECT_TRUE(resumed->complete);
  EXPECT_EQ(cursors(), (std::vector<std::string>{"*", "c2", "c2"}));
}

TEST_F(OpenalexHarvesterTest, AThrottling429IsWaitedOutAndAskedAgain) {
  server_.add("/works", {{"cursor", "*"}},
              ReplayResponse::make(429, "slow down").with_header("Retry-After", "2"));
  server_.add("/works", {{"cursor", "*"}}, page({1}, ""));
  auto report = run(options());
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_FALSE(report->budget_spent);
  EXPECT_EQ(report->requests, 2);
  EXPECT_EQ(clock_.sleeps(), (std::vector<milliseconds>{milliseconds(2000)}));
}

TEST_F(OpenalexHarvesterTest, APersistentUnexplained429EndsInRateLimited) {
  server_.add("/works", ReplayResponse::make(429, "slow down"));
  auto report = run(options());
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(server_.requests_to("/works").size(), 4u) << "once and three more times";
}

TEST_F(OpenalexHarvesterTest, AReRunFetchesOnlyTheNewWindow) {
  server_.add("/works", page({1}, ""));
  OpenalexOptions o = options();
  o.from = "2024-03-01";
  o.until = "2024-03-10";
  ASSERT_TRUE(run(o).has_value());
  EXPECT_EQ(state()["last_until"], "2024-03-10");

  OpenalexOptions next = options();
  next.lookback_days = 0;
  auto report = run(next);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  OpenalexOptions with_lookback = options();  // the default looks 7 days back
  ASSERT_TRUE(run(with_lookback).has_value());
  const auto requests = server_.requests_to("/works");
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].params.at("filter"),
            "primary_location.source.id:S123,from_publication_date:2024-03-01,"
            "to_publication_date:2024-03-10");
  EXPECT_EQ(requests[1].params.at("filter"),
            "primary_location.source.id:S123,from_publication_date:2024-03-10,"
            "to_publication_date:2024-03-15");
  EXPECT_EQ(requests[2].params.at("filter"),
            "primary_location.source.id:S123,from_publication_date:2024-03-08,"
            "to_publication_date:2024-03-15");
}

TEST_F(OpenalexHarvesterTest, AFailedPageIsResumedAtItsCursorByTheNextRun) {
  server_.add("/works", {{"cursor", "*"}}, page({1, 2}, "c2"));
  server_.add("/works", {{"cursor", "c2"}}, ReplayResponse::make(500, "boom"));
  auto failed = run(options());
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, ErrorCode::bad_upstream_data);
  EXPECT_NE(failed.error().message.find("page 2"), std::string::npos) << failed.error().message;
  EXPECT_EQ(state()["cursor"], "c2") << "page 1 and its cursor were committed together";

  server_.add("/works", {{"cursor", "c2"}}, page({3}, ""));
  auto resumed = run(options());
  ASSERT_TRUE(resumed.has_value()) << resumed.error().message;
  EXPECT_TRUE(resumed->complete);
  EXPECT_EQ(resumed->counts.inserted, 1);
  EXPECT_EQ(cursors().back(), "c2");
  EXPECT_NE(resumed->notes.front().find("resumed"), std::string::npos);
}

TEST_F(OpenalexHarvesterTest, ARefusedStoredCursorRestartsTheWindowOnce) {
  server_.add("/works", {{"cursor", "*"}}, page({1}, "c2"));
  server_.add("/works", {{"cursor", "c2"}}, ReplayResponse::make(500, "boom"));
  ASSERT_FALSE(run(options()).has_value());
  server_.add("/works", {{"cursor", "c2"}},
              ReplayResponse::make(400, R"({"error":"Invalid cursor","message":"expired"})",
                                   "application/json"));
  server_.add("/works", {{"cursor", "*"}}, page({1, 2}, ""));
  auto report = run(options());
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(cursors(), (std::vector<std::string>{"*", "c2", "c2", "*"}));
}

TEST_F(OpenalexHarvesterTest, ARefusedRequestIsInvalidArgumentWithOpenalexsWords) {
  server_.add("/works", ReplayResponse::from_file(
                            400, ah::testing::own_fixture("openalex/error_400_invalid_filter.json"),
                            "application/json"));
  auto report = run(options());
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(report.error().message.find("is not a valid value"), std::string::npos)
      << report.error().message;
}

TEST_F(OpenalexHarvesterTest, RefusesABadSourceIdOrWindowWithoutARequest) {
  OpenalexOptions bad_id = options();
  bad_id.source_id = "W123";
  OpenalexOptions backwards = options();
  backwards.from = "2024-03-10";
  backwards.until = "2024-03-01";
  OpenalexOptions not_a_day = options();
  not_a_day.from = "2024-02-30";
  for (const OpenalexOptions& o : {bad_id, backwards, not_a_day}) {
    auto report = run(o);
    ASSERT_FALSE(report.has_value());
    EXPECT_EQ(report.error().code, ErrorCode::invalid_argument) << report.error().message;
  }
  EXPECT_TRUE(server_.requests().empty());
  EXPECT_EQ(openalex_source_id("https://openalex.org/S125754415"), "S125754415");
  EXPECT_EQ(openalex_source_id("s1"), "S1");
  EXPECT_EQ(openalex_source_id("S"), std::nullopt);
}

}  // namespace
}  // namespace ah::harvest
