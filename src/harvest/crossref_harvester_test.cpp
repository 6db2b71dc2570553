// The Crossref harvester end to end: the real libcurl client behind the politeness layer (on a
// fake clock, so Retry-After, back-off and announced rate limits cost no real time) talks to a
// local replay server that answers like api.crossref.org; works and state land in a real SQLite
// store.
#include "harvest/crossref_harvester.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <span>

#include "harvest/harvester_test_base.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fixtures.h"
#include "tests/support/replay_server.h"

namespace ah::harvest {
namespace {

using ah::testing::ReplayResponse;
using ah::testing::ReplayServer;
using nlohmann::json;
using std::chrono::milliseconds;

constexpr const char* kPath = "/journals/1234-5679/works";

// A work-list page of minimal works with these DOIs.
ReplayResponse page(const std::vector<std::string>& dois, const std::string& next_cursor,
                    int total) {
  json items = json::array();
  for (const std::string& doi : dois) {
    items.push_back(
        {{"DOI", doi},
         {"type", "journal-article"},
         {"title", json::array({"Work " + doi})},
         {"container-title", json::array({"Journal of Examples"})},
         {"published-online", {{"date-parts", json::array({json::array({2026, 3, 1})})}}}});
  }
  json message = {{"items", items}, {"total-results", total}, {"items-per-page", 2}};
  if (!next_cursor.empty()) message["next-cursor"] = next_cursor;
  const json body = {{"status", "ok"},
                     {"message-type", "work-list"},
                     {"message-version", "1.0.0"},
                     {"message", message}};
  return ReplayResponse::make(200, body.dump(), "application/json")
      .with_header("x-rate-limit-limit", "50")
      .with_header("x-rate-limit-interval", "1s");
}

ReplayResponse not_found() {
  return ReplayResponse::make(404, "Resource not found.", "text/plain");
}

class CrossrefHarvesterTest : public ah::testing::HarvesterTest {
 protected:
  void SetUp() override {
    net::PolitenessOptions polite;
    polite.min_interval = milliseconds(334);  // Crossref's rule, for the local server
    polite.max_retries = 2;
    open(polite, "crossref.db");
  }

  Result<HarvestReport> run(const std::string& issn = "1234-5679", const std::string& from = "") {
    CrossrefOptions options;
    options.api_url = server_.base_url();
    options.mailto = "ops@example.org";
    options.rows = 2;
    options.now = [this] { return core::parse_utc_time(now_).value(); };
    CrossrefHarvester harvester(*http_, *store_, clock_, CrossrefJournal{issn, from}, options);
    return harvester.run();
  }

  // The three pages of a first harvest: cursor * -> c1 -> c2 -> end.
  void script_three_pages() {
    server_.add(kPath, {{"cursor", "*"}}, page({"10.5555/a", "10.5555/b"}, "c1", 5));
    server_.add(kPath, {{"cursor", "c1"}}, page({"10.5555/c", "10.5555/d"}, "c2", 5));
    server_.add(kPath, {{"cursor", "c2"}}, page({"10.5555/e"}, "c3", 5));
  }

  json state() { return HarvesterTest::state("crossref:journal:1234-5679"); }

  std::vector<std::string> cursors() {
    std::vector<std::string> out;
    for (const auto& r : server_.requests_to(kPath)) out.push_back(r.params.at("cursor"));
    return out;
  }

  static bool has_note(const HarvestReport& r, std::string_view text) {
    return std::any_of(r.notes.begin(), r.notes.end(),
                       [&](const std::string& n) { return n.find(text) != std::string::npos; });
  }

  std::string now_ = "2026-03-10T12:00:00Z";
};

TEST_F(CrossrefHarvesterTest, PagesWithTheCursorToTheEndOfTheWindowInThePolitePool) {
  script_three_pages();
  auto report = run();
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->requests, 3);
  EXPECT_EQ(report->records, 5);
  EXPECT_EQ(report->counts.inserted, 5);
  EXPECT_EQ(paper_count(), 5);
  EXPECT_EQ(cursors(), (std::vector<std::string>{"*", "c1", "c2"}));
  for (const auto& r : server_.requests_to(kPath)) {
    EXPECT_EQ(r.params.at("mailto"), "ops@example.org") << "the polite pool";
    EXPECT_EQ(r.params.at("rows"), "2");
    EXPECT_EQ(r.params.at("filter"), "from-created-date:2026-02-08") << "30 days back";
    EXPECT_EQ(r.params.count("offset"), 0u);
  }
  const json s = state();
  EXPECT_EQ(s["cursor"], "");
  EXPECT_EQ(s["horizon"], "2026-02-08");
  EXPECT_EQ(s["last_complete"], "2026-03-10T12:00:00Z");
  auto paper = store_->get("10.5555/e");
  ASSERT_TRUE(paper.has_value() && paper->has_value());
  EXPECT_EQ((*paper)->source, core::source::kCrossref);
}

TEST_F(CrossrefHarvesterTest, AReRunFetchesOnlyWhatIsNewOrChangedSinceTheLastCompleteRun) {
  script_three_pages();
  ASSERT_TRUE(run().has_value());
  now_ = "2026-03-12T08:00:00Z";
  server_.add(
      kPath,
      {{"cursor", "*"}, {"filter", "from-created-date:2026-02-08,from-index-date:2026-03-09"}},
      page({"10.5555/e", "10.5555/f"}, "n1", 2));
  server_.add(kPath, {{"cursor", "n1"}}, page({}, "n2", 2));
  auto again = run();
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_TRUE(again->complete);
  EXPECT_EQ(again->counts.inserted, 1) << "10.5555/f";
  EXPECT_EQ(again->counts.unchanged, 1) << "10.5555/e, as stored";
  EXPECT_EQ(paper_count(), 6);
  auto requests = server_.requests_to(kPath);
  ASSERT_EQ(requests.size(), 5u) << "a full page asks once more and finds the end";
  EXPECT_EQ(requests[3].params.at("filter"),
            "from-created-date:2026-02-08,from-index-date:2026-03-09")
      << "the horizon kept; changes since the day before the last complete run";
  EXPECT_TRUE(has_note(*again, "new or changed since 2026-03-09"));
  EXPECT_EQ(state()["last_complete"], "2026-03-12T08:00:00Z");
}

TEST_F(CrossrefHarvesterTest, WaitsWhatRetryAfterAsksOn429) {
  server_.add(kPath, {{"cursor", "*"}},
              ReplayResponse::make(429, "Too many requests").with_header("Retry-After", "7"));
  server_.add(kPath, {{"cursor", "*"}}, page({"10.5555/a"}, "c1", 1));
  auto report = run();
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(paper_count(), 1);
  EXPECT_EQ(server_.requests_to(kPath).size(), 2u);
  const auto sleeps = clock_.sleeps();
  EXPECT_NE(std::find(sleeps.begin(), sleeps.end(), milliseconds(7000)), sleeps.end());
}

TEST_F(CrossrefHarvesterTest, RetriesA500AndGoesOn) {
  server_.add(kPath, {{"cursor", "*"}}, ReplayResponse::make(500, "Internal Server Error"));
  server_.add(kPath, {{"cursor", "*"}}, page({"10.5555/a"}, "c1", 1));
  auto report = run();
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(paper_count(), 1);
  EXPECT_EQ(server_.requests_to(kPath).size(), 2u);
}

TEST_F(CrossrefHarvesterTest, ResumesAnInterruptedRunAtTheCursorOfItsNextPage) {
  server_.add(kPath, {{"cursor", "*"}}, page({"10.5555/a", "10.5555/b"}, "c1", 5));
  server_.add(kPath, {{"cursor", "c1"}}, ReplayResponse::make(500, "down"));
  auto first = run();
  ASSERT_FALSE(first.has_value()) << "the second page failed";
  EXPECT_EQ(first.error().code, ErrorCode::bad_upstream_data);
  EXPECT_NE(first.error().message.find("page 2"), std::string::npos) << first.error().message;
  EXPECT_EQ(paper_count(), 2) << "the first page stays committed";
  EXPECT_EQ(state()["cursor"], "c1");

  now_ = "2026-03-10T12:02:00Z";  // two minutes later: the cursor is still alive
  server_.add(kPath, {{"cursor", "c1"}}, page({"10.5555/c", "10.5555/d"}, "c2", 5));
  server_.add(kPath, {{"cursor", "c2"}}, page({"10.5555/e"}, "c3", 5));
  const std::size_t before = server_.requests_to(kPath).size();
  auto second = run();
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_TRUE(second->complete);
  EXPECT_EQ(paper_count(), 5);
  EXPECT_EQ(second->counts.inserted, 3);
  const auto all = cursors();
  EXPECT_EQ(std::vector<std::string>(all.begin() + static_cast<std::ptrdiff_t>(before), all.end()),
            (std::vector<std::string>{"c1", "c2"}))
      << "nothing fetched twice";
  EXPECT_TRUE(has_note(*second, "resumed an interrupted harvest after 2 of 5 works"));
  EXPECT_EQ(state()["last_complete"], "2026-03-10T12:00:00Z") << "the window's start";
}

TEST_F(CrossrefHarvesterTest, AnExpiredCursorRestartsTheWindow) {
  server_.add(kPath, {{"cursor", "*"}}, page({"10.5555/a", "10.5555/b"}, "c1", 3));
  server_.add(kPath, {{"cursor", "c1"}}, ReplayResponse::make(500, "down"));
  ASSERT_FALSE(run().has_value());

  now_ = "2026-03-10T12:03:00Z";
  server_.add(kPath, {{"cursor", "c1"}}, not_found());  // Crossref forgot it
  server_.add(kPath, {{"cursor", "*"}}, page({"10.5555/a", "10.5555/b"}, "c9", 3));
  server_.add(kPath, {{"cursor", "c9"}}, page({"10.5555/c"}, "c10", 3));
  auto report = run();
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(paper_count(), 3);
  EXPECT_TRUE(has_note(*report, "no longer knows the stored cursor (HTTP 404)"));
  const auto all = cursors();
  EXPECT_EQ(std::vector<std::string>(all.end() - 3, all.end()),
            (std::vector<std::string>{"c1", "*", "c9"}));
}

TEST_F(CrossrefHarvesterTest, ACursorOlderThanFiveMinutesIsNotEvenTried) {
  server_.add(kPath, {{"cursor", "*"}}, page({"10.5555/a", "10.5555/b"}, "c1", 3));
  server_.add(kPath, {{"cursor", "c1"}}, ReplayResponse::make(500, "down"));
  ASSERT_FALSE(run().has_value());
  const std::size_t before = server_.requests_to(kPath).size();

  now_ = "2026-03-10T12:10:00Z";
  server_.add(kPath, {{"cursor", "*"}}, page({"10.5555/a", "10.5555/b"}, "c9", 3));
  server_.add(kPath, {{"cursor", "c9"}}, page({"10.5555/c"}, "c10", 3));
  auto report = run();
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(has_note(*report, "has expired: restarted its window"));
  EXPECT_EQ(cursors()[before], "*");
  EXPECT_EQ(paper_count(), 3);
}

TEST_F(CrossrefHarvesterTest, ACursorWhoseTimeIsNotARealTimeIsNotTried) {
  // A hand-edited state: the cursor's time cannot say that it is alive.
  for (const char* at : {"2026-03-10T12:01:00Z and more", "2026-03-10T12:1:00Z",
                         "2026-03-10T12:01:99Z", "2026-02-30T12:01:00Z"}) {
    const json interrupted = {{"horizon", "2026-02-08"},
                              {"total", 3},
                              {"since", ""},
                              {"started", "2026-03-10T12:00:00Z"},
                              {"cursor", "c1"},
                              {"cursor_at", at},
                              {"fetched", 2},
                              {"last_complete", ""}};
    const store::StateEntry entry{"crossref:journal:1234-5679", interrupted.dump()};
    ASSERT_TRUE(store_->put_state(std::span(&entry, 1)).has_value());
    now_ = "2026-03-10T12:02:00Z";
    server_.add(kPath, {{"cursor", "*"}}, page({"10.5555/a"}, "", 1));
    const std::size_t before = server_.requests_to(kPath).size();
    auto report = run();
    ASSERT_TRUE(report.has_value()) << at << ": " << report.error().message;
    EXPECT_TRUE(has_note(*report, "has expired: restarted its window")) << at;
    ASSERT_GT(cursors().size(), before) << at;
    EXPECT_EQ(cursors()[before], "*") << at;
  }
}

TEST_F(CrossrefHarvesterTest, SlowsDownToALowerRateThatCrossrefAnnounces) {
  server_.add(kPath, {{"cursor", "*"}},
              page({"10.5555/a", "10.5555/b"}, "c1", 3)
                  .with_header("x-rate-limit-limit", "1")
                  .with_header("x-rate-limit-interval", "2s"));
  server_.add(kPath, {{"cursor", "c1"}}, page({"10.5555/c"}, "c2", 3));
  auto report = run();
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(clock_.sleeps(), std::vector<milliseconds>{milliseconds(2000)})
      << "2 s between requests, not the host rule's 334 ms";
  EXPECT_TRUE(has_note(*report, "Crossref announces 1 requests per 2s"));
}

TEST_F(CrossrefHarvesterTest, KeepsTheHostRuleWhenCrossrefAnnouncesMore) {
  script_three_pages();  // 50 per second announced
  ASSERT_TRUE(run().has_value());
  EXPECT_EQ(clock_.sleeps(), (std::vector<milliseconds>{milliseconds(334), milliseconds(334)}));
}

TEST_F(CrossrefHarvesterTest, ChecksTheIssnBeforeAnyRequest) {
  for (const char* bad : {"1234-5678", "nature", ""}) {
    auto report = run(bad);
    ASSERT_FALSE(report.has_value()) << bad;
    EXPECT_EQ(report.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(report.error().message.find("not an ISSN"), std::string::npos)
        << report.error().message;
  }
  EXPECT_TRUE(server_.requests().empty());
  server_.add(kPath, {{"cursor", "*"}}, page({"10.5555/a"}, "", 1));
  ASSERT_TRUE(run("12345679").has_value()) << "written without its hyphen";
  EXPECT_EQ(server_.requests_to(kPath).size(), 1u);
}

TEST_F(CrossrefHarvesterTest, AnIssnCrossrefDoesNotKnowIsAnInvalidArgument) {
  server_.add(kPath, not_found());
  auto report = run();
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(report.error().message,
            "crossref: Crossref knows no journal with ISSN 1234-5679 (HTTP 404: Resource not "
            "found.)");
}

TEST_F(CrossrefHarvesterTest, ARequestCrossrefRejectsSaysWhy) {
  server_.add(kPath, ReplayResponse::from_file(
                         400, ah::testing::own_fixture("crossref/validation_failure.json"),
                         "application/json"));
  auto report = run();
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(report.error().message.find(
                "Crossref rejected the request (HTTP 400: This route does not support field "
                "query parameters"),
            std::string::npos)
      << report.error().message;
}

TEST_F(CrossrefHarvesterTest, AnEarlierFromReadsTheWorksRegisteredSinceItAgain) {
  script_three_pages();
  ASSERT_TRUE(run().has_value());
  server_.add(kPath, {{"cursor", "*"}, {"filter", "from-created-date:2026-01-01"}},
              page({"10.5555/old"}, "", 1));
  auto report = run("1234-5679", "2026-01-01");
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->counts.inserted, 1);
  EXPECT_EQ(state()["horizon"], "2026-01-01");
  // The same `from` again is an incremental run.
  server_.add(
      kPath,
      {{"cursor", "*"}, {"filter", "from-created-date:2026-01-01,from-index-date:2026-03-09"}},
      page({}, "", 0));
  auto again = run("1234-5679", "2026-01-01");
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(server_.requests_to(kPath).back().params.at("filter"),
            "from-created-date:2026-01-01,from-index-date:2026-03-09");
}

TEST_F(CrossrefHarvesterTest, AnAnswerThatIsNotAListOfWorksIsAnError) {
  server_.add(kPath, ReplayResponse::from_file(
                         200, ah::testing::own_fixture("crossref/posted_content_preprint.json"),
                         "application/json"));
  auto report = run();
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::bad_upstream_data);
  EXPECT_NE(report.error().message.find("not a list of works"), std::string::npos)
      << report.error().message;
  EXPECT_EQ(paper_count(), 0);
}

TEST(CrossrefRateLimit, ReadsTheAnnouncedSpacing) {
  auto with = [](const char* limit, const char* interval) {
    net::Response r;
    r.headers["x-rate-limit-limit"] = limit;
    r.headers["x-rate-limit-interval"] = interval;
    return announced_spacing(r);
  };
  EXPECT_EQ(with("50", "1s"), milliseconds(20));
  EXPECT_EQ(with("3", "1s"), milliseconds(333));
  EXPECT_EQ(with("1", "2s"), milliseconds(2000));
  EXPECT_EQ(with("10", "1m"), milliseconds(6000));
  EXPECT_EQ(with("0", "1s"), std::nullopt);
  EXPECT_EQ(with("x", "1s"), std::nullopt);
  EXPECT_EQ(announced_spacing(net::Response{}), std::nullopt);
}

}  // namespace
}  // namespace ah::harvest
