// The PubMed harvester end to end: the real libcurl client behind the politeness layer (on a fake
// clock) talks to a local replay server playing E-utilities; records and state land in a real
// SQLite store.
#include "harvest/pubmed_harvester.h"

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

constexpr const char* kTerm = "\"Nature\"[ta]";
constexpr const char* kKey = "SECRET-NCBI-KEY-123";

ReplayResponse file(const std::string& name, int status = 200) {
  ReplayResponse r;
  r.status = status;
  r.body_file = own_fixture("pubmed/" + name);
  r.content_type = "text/xml; charset=UTF-8";
  return r;
}

class PubmedHarvesterTest : public ah::testing::HarvesterTest {
 protected:
  void SetUp() override {
    net::PolitenessOptions polite;
    polite.min_interval = std::chrono::milliseconds(334);
    polite.max_retries = 2;
    open(polite);
  }

  PubmedOptions options(std::string from = "2024-01-01", std::string until = "2024-01-10") {
    PubmedOptions o;
    o.term = kTerm;
    o.eutils_url = server_.base_url() + "/eutils/";
    o.email = "ops@example.org";
    o.batch_size = 2;
    o.from = std::move(from);
    o.until = std::move(until);
    o.now = [] { return core::parse_utc_time("2024-02-01T12:00:00Z").value(); };
    return o;
  }

  Result<HarvestReport> run(PubmedOptions o) {
    PubmedHarvester h(*http_, *store_, std::move(o),
                      [this](std::string_view line) { lines_.emplace_back(line); });
    return h.run();
  }

  // The usual answers: a search of 2024-01-01..10 that matched 5, fetched in 3 batches of 2.
  void script_first_window() {
    server_.add("/eutils/esearch.fcgi", {{"mindate", "2024/01/01"}}, file("harvest/esearch_5.xml"));
    for (auto [start, name] :
         {std::pair{"0", "efetch_batch1.xml"}, std::pair{"2", "efetch_batch2.xml"},
          std::pair{"4", "efetch_batch3.xml"}}) {
      server_.add("/eutils/efetch.fcgi", {{"WebEnv", "MCID_first"}, {"retstart", start}},
                  file(std::string("harvest/") + name));
    }
  }

  nlohmann::json state() { return HarvesterTest::state(std::string("pubmed:") + kTerm); }
};

TEST_F(PubmedHarvesterTest, SearchesByEntryDateThenFetchesBatchesFromTheHistoryServer) {
  script_first_window();
  auto report = run(options());
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->requests, 4);
  EXPECT_EQ(report->records, 5);
  EXPECT_EQ(report->counts.inserted, 5);
  EXPECT_EQ(paper_count(), 5);

  auto searches = server_.requests_to("/eutils/esearch.fcgi");
  ASSERT_EQ(searches.size(), 1u);
  const RecordedRequest& s = searches[0];
  EXPECT_EQ(s.params.at("db"), "pubmed");
  EXPECT_EQ(s.params.at("term"), kTerm);
  EXPECT_EQ(s.params.at("datetype"), "edat");
  EXPECT_EQ(s.params.at("mindate"), "2024/01/01");
  EXPECT_EQ(s.params.at("maxdate"), "2024/01/10");
  EXPECT_EQ(s.params.at("usehistory"), "y");
  auto fetches = server_.requests_to("/eutils/efetch.fcgi");
  ASSERT_EQ(fetches.size(), 3u);
  for (size_t k = 0; k < fetches.size(); ++k) {
    EXPECT_EQ(fetches[k].params.at("db"), "pubmed");
    EXPECT_EQ(fetches[k].params.at("WebEnv"), "MCID_first");
    EXPECT_EQ(fetches[k].params.at("query_key"), "1");
    EXPECT_EQ(fetches[k].params.at("retstart"), std::to_string(2 * k));
    EXPECT_EQ(fetches[k].params.at("retmax"), k < 2 ? "2" : "1");
    EXPECT_EQ(fetches[k].params.at("retmode"), "xml");
  }
  // NCBI's etiquette: tool and email on every request, no api_key without a key.
  for (const RecordedRequest& r : server_.requests()) {
    EXPECT_EQ(r.params.at("tool"), "academichub") << r.query;
    EXPECT_EQ(r.params.at("email"), "ops@example.org") << r.query;
    EXPECT_EQ(r.params.count("api_key"), 0u) << r.query;
  }
  // The host's rule was applied between requests (3 a second).
  ASSERT_FALSE(clock_.sleeps().empty());

  nlohmann::json st = state();
  EXPECT_EQ(st["next_from"], "2024-01-11");
  EXPECT_FALSE(st.contains("run"));

  auto paper = store_->get("10.5555/harvest.39100001");
  ASSERT_TRUE(paper.has_value() && paper->has_value());
  EXPECT_EQ((*paper)->title_display, "Compilers for every machine");
  EXPECT_EQ((*paper)->source, "pubmed");
}

TEST_F(PubmedHarvesterTest, A429IsWaitedOutThenTheHarvestGoesOn) {
  server_.add("/eutils/esearch.fcgi", file("harvest/esearch_5.xml"));
  server_.add("/eutils/efetch.fcgi", {{"retstart", "0"}},
              ReplayResponse::make(429, R"({"error":"API rate limit exceeded","count":"4"})",
                                   "application/json")
                  .with_header("Retry-After", "2"));
  server_.add("/eutils/efetch.fcgi", {{"retstart", "0"}}, file("harvest/efetch_batch1.xml"));
  server_.add("/eutils/efetch.fcgi", {{"retstart", "2"}}, file("harvest/efetch_batch2.xml"));
  server_.add("/eutils/efetch.fcgi", {{"retstart", "4"}}, file("harvest/efetch_batch3.xml"));
  auto report = run(options());
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->counts.inserted, 5);
  auto sleeps = clock_.sleeps();
  EXPECT_NE(std::find(sleeps.begin(), sleeps.end(), std::chrono::milliseconds(2000)), sleeps.end());
  EXPECT_EQ(server_.requests_to("/eutils/efetch.fcgi").size(), 4u);
}

TEST_F(PubmedHarvesterTest, AnErrorListAnswerIsAnErrorThatNamesTheTerm) {
  server_.add("/eutils/esearch.fcgi", file("esearch_errorlist.xml"));
  auto report = run(options());
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(report.error().message.find("phrase not found: zzznotajournal[ta]"), std::string::npos)
      << report.error().message;
  EXPECT_TRUE(server_.requests_to("/eutils/efetch.fcgi").empty());
  EXPECT_EQ(state(), nullptr);  // nothing to resume, nothing advanced
}

TEST_F(PubmedHarvesterTest, ASearchPubmedRejectsIsAnErrorCarryingItsMessage) {
  server_.add("/eutils/esearch.fcgi",
              ReplayResponse::make(200,
                                   "<eSearchResult><ERROR>Invalid query: unbalanced "
                                   "parentheses</ERROR></eSearchResult>",
                                   "text/xml"));
  auto report = run(options());
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(report.error().message.find("Invalid query: unbalanced parentheses"), std::string::npos)
      << report.error().message;
}

TEST_F(PubmedHarvesterTest, AHarvestKilledMidWindowResumesAtTheNextBatch) {
  server_.add("/eutils/esearch.fcgi", file("harvest/esearch_5.xml"));
  server_.add("/eutils/efetch.fcgi", {{"retstart", "0"}}, file("harvest/efetch_batch1.xml"));
  server_.add("/eutils/efetch.fcgi", {{"retstart", "2"}},
              file("harvest/efetch_batch2.xml").dropped_after(300));
  auto first = run(options());
  ASSERT_FALSE(first.has_value());
  EXPECT_EQ(first.error().code, ErrorCode::unavailable);
  EXPECT_EQ(paper_count(), 2);
  nlohmann::json st = state();
  EXPECT_EQ(st["run"]["retstart"], 2);
  EXPECT_EQ(st["run"]["webenv"], "MCID_first");

  server_.add("/eutils/efetch.fcgi", {{"retstart", "2"}}, file("harvest/efetch_batch2.xml"));
  server_.add("/eutils/efetch.fcgi", {{"retstart", "4"}}, file("harvest/efetch_batch3.xml"));
  const size_t before = server_.requests().size();
  // A run given no dates goes on with the interrupted one.
  auto second = run(options("", ""));
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_TRUE(second->complete);
  auto requests = server_.requests();
  ASSERT_GT(requests.size(), before);
  EXPECT_EQ(requests[before].path, "/eutils/efetch.fcgi");  // no new search
  EXPECT_EQ(requests[before].params.at("retstart"), "2");
  EXPECT_EQ(second->counts.inserted, 3);
  EXPECT_EQ(paper_count(), 5);
  EXPECT_NE(second->notes.front().find("resumed an interrupted harvest"), std::string::npos);
  EXPECT_EQ(state()["next_from"], "2024-01-11");
}

TEST_F(PubmedHarvesterTest, AnExpiredWebEnvSearchesAgainAndRestartsThePart) {
  nlohmann::json stale = {{"run",
                           {{"from", "2024-01-01"},
                            {"until", "2024-01-10"},
                            {"part_from", "2024-01-01"},
                            {"part_until", "2024-01-10"},
                            {"webenv", "MCID_expired"},
                            {"query_key", "1"},
                            {"retstart", 2},
                            {"count", 5}}}};
  store::StateEntry entry{std::string("pubmed:") + kTerm, stale.dump()};
  ASSERT_TRUE(store_->put_state(std::span(&entry, 1)).has_value());
  server_.add("/eutils/efetch.fcgi", {{"WebEnv", "MCID_expired"}},
              file("efetch_history_error.xml"));
  server_.add("/eutils/esearch.fcgi", file("harvest/esearch_5_again.xml"));
  for (auto [start, name] :
       {std::pair{"0", "efetch_batch1.xml"}, std::pair{"2", "efetch_batch2.xml"},
        std::pair{"4", "efetch_batch3.xml"}}) {
    server_.add("/eutils/efetch.fcgi", {{"WebEnv", "MCID_second"}, {"retstart", start}},
                file(std::string("harvest/") + name));
  }
  auto report = run(options("", ""));
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->counts.inserted, 5);
  auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 5u);
  EXPECT_EQ(requests[0].params.at("WebEnv"), "MCID_expired");
  EXPECT_EQ(requests[1].path, "/eutils/esearch.fcgi");
  EXPECT_EQ(requests[1].params.at("mindate"), "2024/01/01");
  EXPECT_EQ(requests[2].params.at("retstart"), "0");
  bool noted = false;
  for (const std::string& n : report->notes)
    noted |= n.find("history server lost") != std::string::npos;
  EXPECT_TRUE(noted) << ::testing::PrintToString(report->notes);
}

TEST_F(PubmedHarvesterTest, ARerunFetchesOnlyWhatEnteredPubmedSince) {
  script_first_window();
  ASSERT_TRUE(run(options()).has_value());
  server_.add("/eutils/esearch.fcgi", {{"mindate", "2024/01/11"}}, file("harvest/esearch_1.xml"));
  server_.add("/eutils/efetch.fcgi", {{"WebEnv", "MCID_later"}}, file("harvest/efetch_new.xml"));
  const size_t before = server_.requests().size();
  auto again = run(options("", "2024-01-20"));
  ASSERT_TRUE(again.has_value()) << again.error().message;
  auto requests = server_.requests();
  ASSERT_EQ(requests.size(), before + 2);
  EXPECT_EQ(requests[before].params.at("mindate"), "2024/01/11");
  EXPECT_EQ(requests[before].params.at("maxdate"), "2024/01/20");
  EXPECT_EQ(again->counts.inserted, 1);
  EXPECT_EQ(paper_count(), 6);
  EXPECT_EQ(state()["next_from"], "2024-01-21");

  // A window that ends today is read again from today next time: entries of today still come.
  server_.add("/eutils/esearch.fcgi", {{"mindate", "2024/01/21"}}, file("harvest/esearch_0.xml"));
  auto today = run(options("", ""));
  ASSERT_TRUE(today.has_value()) << today.error().message;
  EXPECT_EQ(server_.requests().back().params.at("maxdate"), "2024/02/01");
  EXPECT_EQ(state()["next_from"], "2024-02-01");
}

TEST_F(PubmedHarvesterTest, TheApiKeyIsSentWhenSetAndNeverShown) {
  script_first_window();
  PubmedOptions o = options();
  o.api_key = kKey;
  auto report = run(o);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  for (const RecordedRequest& r : server_.requests()) {
    EXPECT_EQ(r.params.at("api_key"), kKey) << r.query;
  }
  ASSERT_FALSE(lines_.empty());
  for (const std::string& line : lines_) {
    EXPECT_EQ(line.find(kKey), std::string::npos) << line;
    EXPECT_EQ(line.find("ops@example.org"), std::string::npos) << line;
  }

  // NCBI's answer to a bad key echoes it: the error keeps its message, not the key.
  ReplayServer refusing;
  refusing.add("/eutils/esearch.fcgi",
               ReplayResponse::make(400,
                                    std::string(R"({"error":"API key invalid","api-key":")") +
                                        kKey + R"(","type":"invalid","status":"unknown"})",
                                    "application/json"));
  o.eutils_url = refusing.base_url() + "/eutils/";
  auto refused = run(o);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(refused.error().message.find("HTTP 400: API key invalid"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(refused.error().message.find(kKey), std::string::npos) << refused.error().message;
  for (const std::string& line : lines_) EXPECT_EQ(line.find(kKey), std::string::npos) << line;
}

TEST_F(PubmedHarvesterTest, AWindowMatchingMoreThanOneSearchGivesIsSplit) {
  server_.add("/eutils/esearch.fcgi", {{"mindate", "2024/01/01"}, {"maxdate", "2024/01/10"}},
              file("harvest/esearch_12000.xml"));
  server_.add("/eutils/esearch.fcgi", {{"mindate", "2024/01/01"}, {"maxdate", "2024/01/05"}},
              file("harvest/esearch_5.xml"));
  server_.add("/eutils/esearch.fcgi", {{"mindate", "2024/01/06"}, {"maxdate", "2024/01/10"}},
              file("harvest/esearch_1.xml"));
  script_first_window();
  server_.add("/eutils/efetch.fcgi", {{"WebEnv", "MCID_later"}}, file("harvest/efetch_new.xml"));
  auto report = run(options());
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->counts.inserted, 6);
  auto searches = server_.requests_to("/eutils/esearch.fcgi");
  ASSERT_EQ(searches.size(), 3u);
  EXPECT_EQ(searches[1].params.at("maxdate"), "2024/01/05");
  EXPECT_EQ(searches[2].params.at("mindate"), "2024/01/06");
  EXPECT_EQ(state()["next_from"], "2024-01-11");
}

TEST_F(PubmedHarvesterTest, ANoTermOrNoContactIsRefusedBeforeAnyRequest) {
  PubmedOptions o = options();
  o.email.clear();
  auto no_email = run(o);
  ASSERT_FALSE(no_email.has_value());
  EXPECT_EQ(no_email.error().code, ErrorCode::invalid_argument);
  o = options("2024-13-01");
  EXPECT_FALSE(run(o).has_value());
  // A window made of what is not a day (a hand-edited state's next_from) is refused, never read
  // as one.
  nlohmann::json edited = {{"next_from", "not a day"}};
  store::StateEntry entry{std::string("pubmed:") + kTerm, edited.dump()};
  ASSERT_TRUE(store_->put_state(std::span(&entry, 1)).has_value());
  auto no_window = run(options("", ""));
  ASSERT_FALSE(no_window.has_value());
  EXPECT_EQ(no_window.error().code, ErrorCode::invalid_argument);
  EXPECT_TRUE(server_.requests().empty());
}

}  // namespace
}  // namespace ah::harvest
