// The journal feed harvester end to end: the real libcurl client behind the politeness layer (on
// a fake clock) talks to a local replay server; records and state land in a real SQLite store.
#include "harvest/feed_harvester.h"

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

ReplayResponse atom() {
  return ReplayResponse::from_file(200, own_fixture("feeds/atom_toc.xml"), "application/atom+xml");
}

class FeedHarvesterTest : public ah::testing::HarvesterTest {
 protected:
  void SetUp() override {
    net::PolitenessOptions polite;
    polite.max_retries = 1;
    open(polite, "feeds.db");
  }

  Result<HarvestReport> run(const std::string& path = "/feed", const std::string& venue = "") {
    FeedHarvester harvester(*http_, *store_, FeedSource{server_.base_url() + path, venue});
    return harvester.run();
  }

  nlohmann::json state(const std::string& path = "/feed") {
    return HarvesterTest::state("feed:" + server_.base_url() + path);
  }
};

TEST_F(FeedHarvesterTest, StoresTheItemsWithTheFeedsValidators) {
  server_.add("/feed", atom().with_etag("\"v1\"").with_header("Last-Modified",
                                                              "Mon, 02 Mar 2026 18:00:00 GMT"));
  auto report = run("/feed", "PLOS Examples");
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->requests, 1);
  EXPECT_EQ(report->counts.inserted, 3);
  EXPECT_EQ(report->counts.rejected, 1);
  ASSERT_EQ(report->rejected.size(), 1u);
  EXPECT_NE(report->rejected[0].find("no title"), std::string::npos);
  EXPECT_EQ(paper_count(), 3);
  EXPECT_EQ(state()["etag"], "\"v1\"");
  EXPECT_EQ(state()["last_modified"], "Mon, 02 Mar 2026 18:00:00 GMT");
  auto paper = store_->get("10.1371/journal.pex.3000001");
  ASSERT_TRUE(paper.has_value() && paper->has_value());
  EXPECT_EQ((*paper)->source, core::source::kJournalFeed);
}

TEST_F(FeedHarvesterTest, StampsItsRecordsWithTheTimeOfItsClock) {
  server_.add("/feed", atom());
  const auto fixed = core::parse_utc_time("2031-05-06T07:08:09Z").value();
  FeedHarvester harvester(*http_, *store_, FeedSource{server_.base_url() + "/feed", ""}, {},
                          [&] { return fixed; });
  auto report = harvester.run();
  ASSERT_TRUE(report.has_value()) << report.error().message;
  auto paper = store_->get("10.1371/journal.pex.3000001");
  ASSERT_TRUE(paper.has_value() && paper->has_value());
  ASSERT_EQ((*paper)->records.size(), 1u);
  EXPECT_EQ((*paper)->records[0].fetched_at, "2031-05-06T07:08:09Z");
}

TEST_F(FeedHarvesterTest, AnUnchangedFeedCostsOne304AndStoresNothing) {
  server_.add("/feed", atom().with_etag("\"v1\"").with_header("Last-Modified",
                                                              "Mon, 02 Mar 2026 18:00:00 GMT"));
  ASSERT_TRUE(run().has_value());
  auto again = run();
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_TRUE(again->complete);
  EXPECT_EQ(again->counts.inserted + again->counts.updated + again->counts.unchanged, 0);
  ASSERT_FALSE(again->notes.empty());
  EXPECT_NE(again->notes[0].find("HTTP 304"), std::string::npos);
  auto requests = server_.requests_to("/feed");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].header("if-none-match"), "\"v1\"");
  EXPECT_EQ(requests[1].header("if-modified-since"), "Mon, 02 Mar 2026 18:00:00 GMT");
}

TEST_F(FeedHarvesterTest, TheSameBytesWithoutValidatorsStoreNothingEither) {
  server_.add("/feed", atom());
  ASSERT_TRUE(run().has_value());
  auto again = run();
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->counts.inserted + again->counts.updated + again->counts.unchanged, 0);
  ASSERT_FALSE(again->notes.empty());
  EXPECT_NE(again->notes[0].find("same as at the last harvest"), std::string::npos);
}

TEST_F(FeedHarvesterTest, ABotCheckPageIsAnErrorNeverAnEmptyDay) {
  server_.add("/feed", atom().with_etag("\"v1\""));
  ASSERT_TRUE(run().has_value());
  // The publisher now answers with its captcha, with 200 (OUP) or 403.
  server_.add("/feed", ReplayResponse::from_file(
                           200, own_fixture("feeds/validate_user_captcha.html"), "text/html"));
  auto report = run();
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::bad_upstream_data);
  EXPECT_NE(report.error().message.find(
                "the feed answered with a bot-check page (Validate User), not a feed"),
            std::string::npos)
      << report.error().message;
  EXPECT_EQ(state()["etag"], "\"v1\"") << "the captcha's answer is not remembered as the feed";

  server_.add("/blocked", ReplayResponse::from_file(
                              403, own_fixture("feeds/validate_user_captcha.html"), "text/html"));
  auto blocked = run("/blocked");
  ASSERT_FALSE(blocked.has_value());
  EXPECT_NE(blocked.error().message.find(
                "HTTP 403: the feed answered with a bot-check page (Validate User)"),
            std::string::npos)
      << blocked.error().message;
}

TEST_F(FeedHarvesterTest, FollowsARedirectToTheFeed) {
  server_.add(
      "/old",
      ReplayResponse::make(301, "moved").with_header("Location", server_.base_url() + "/feed"));
  server_.add("/feed", atom());
  auto report = run("/old");
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->counts.inserted, 3);
  EXPECT_EQ(server_.requests_to("/feed").size(), 1u);
}

TEST_F(FeedHarvesterTest, AFeedCutShortStoresNothingSoTheNextRunFetchesItWhole) {
  const std::string whole = ah::testing::read_file(own_fixture("feeds/atom_toc.xml"));
  server_.add("/feed", ReplayResponse::make(
                           200, whole.substr(0, ah::testing::after_nth(whole, "</entry>", 2)),
                           "application/atom+xml")
                           .with_etag("\"cut\""));
  auto report = run();
  ASSERT_FALSE(report.has_value());
  EXPECT_NE(report.error().message.find("breaks off"), std::string::npos) << report.error().message;
  EXPECT_EQ(paper_count(), 0);
  EXPECT_TRUE(state().is_null());
}

TEST_F(FeedHarvesterTest, HttpErrorsAndBadUrlsAreErrors) {
  server_.add("/gone", ReplayResponse::make(404, "Not Found"));
  auto gone = run("/gone");
  ASSERT_FALSE(gone.has_value());
  EXPECT_EQ(gone.error().code, ErrorCode::bad_upstream_data);
  EXPECT_NE(gone.error().message.find("HTTP 404"), std::string::npos) << gone.error().message;

  FeedHarvester bad(*http_, *store_, FeedSource{"ftp://example.org/feed", ""});
  auto r = bad.run();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace ah::harvest
