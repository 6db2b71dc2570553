#include "coverage/coverage.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "coverage/status.h"
#include "tests/support/fixtures.h"

namespace ah::coverage {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const Time kT0 = *core::parse_utc_time("2026-03-02T06:00:00Z");

catalogue::Cadence every(seconds s) { return catalogue::Cadence{s, std::nullopt}; }
catalogue::Cadence daily() { return catalogue::Cadence{seconds(0), minutes(330)}; }

RunOutcome ok_run(std::int64_t records) {
  RunOutcome o;
  o.records = records;
  o.requests = 1;
  o.complete = true;
  o.counts.inserted = records;
  return o;
}

RunOutcome failed_run(ErrorCode code, std::string message) {
  RunOutcome o;
  o.error = Error{code, std::move(message)};
  return o;
}

// Runs `records` at `at` (a run of a minute) on `c`.
void run(Coverage& c, Time at, const RunOutcome& o) {
  record_start(c, at);
  record_finish(c, o, at, at + minutes(1));
}

TEST(Coverage, RecordsSuccessFailureAndStop) {
  Coverage c;
  record_start(c, kT0);
  EXPECT_EQ(c.running_since, kT0);
  EXPECT_EQ(c.last_attempt, kT0);
  record_finish(c, ok_run(12), kT0, kT0 + minutes(2));
  EXPECT_FALSE(c.running_since);
  EXPECT_EQ(c.last_success, kT0 + minutes(2));
  EXPECT_EQ(c.first_success, kT0 + minutes(2));
  EXPECT_EQ(c.last_nonempty, kT0 + minutes(2));
  ASSERT_TRUE(c.last_run);
  EXPECT_EQ(c.last_run->records, 12);
  EXPECT_EQ(c.last_run->counts.inserted, 12);

  for (int i = 0; i < 7; ++i) {
    run(c, kT0 + hours(i + 1), failed_run(ErrorCode::unavailable, fmt::format("down {}", i)));
  }
  EXPECT_EQ(c.consecutive_failures, 7);
  ASSERT_EQ(c.failures.size(), kMaxFailures);
  EXPECT_EQ(c.failures.front().message, "down 6");  // the latest first
  EXPECT_EQ(c.failures.front().code, ErrorCode::unavailable);
  EXPECT_EQ(c.last_success, kT0 + minutes(2));

  RunOutcome stopped = ok_run(3);
  stopped.stopped = true;
  run(c, kT0 + hours(9), stopped);
  EXPECT_EQ(c.consecutive_failures, 7) << "a stop is neither success nor failure";
  EXPECT_TRUE(c.last_run->stopped);

  run(c, kT0 + hours(10), ok_run(0));
  EXPECT_EQ(c.consecutive_failures, 0);
  EXPECT_EQ(c.last_nonempty, kT0 + minutes(2)) << "an empty run is not a non-empty one";
  EXPECT_EQ(c.failures.size(), kMaxFailures) << "the failures stay for the report";
}

TEST(Coverage, KeepsTheBudgetAMeteredApiReports) {
  Coverage c;
  RunOutcome o = ok_run(100);
  o.budget_left = 0;
  o.budget_spent = true;
  o.complete = false;
  run(c, kT0, o);
  EXPECT_EQ(c.budget_left, 0);
  EXPECT_TRUE(c.budget_spent);
  Live live;
  SourceStatus s = status_of(catalogue::SourceEntry{}, c, live, kT0 + hours(1));
  EXPECT_EQ(s.health, Health::ok);
  EXPECT_NE(s.reason.find("budget is spent"), std::string::npos);
  auto doc = nlohmann::json::parse(sources_document(std::span(&s, 1), kT0, {}));
  EXPECT_EQ(doc["sources"][0]["status"]["budget_left"], 0);
  EXPECT_EQ(doc["sources"][0]["status"]["budget_spent"], true);

  run(c, kT0 + days(1), ok_run(5));  // a run that says nothing of the budget keeps the last word
  EXPECT_EQ(c.budget_left, 0);
  EXPECT_FALSE(c.budget_spent);
}

TEST(Coverage, JsonRoundTripAndTolerance) {
  Coverage c;
  run(c, kT0, ok_run(4));
  run(c, kT0 + hours(6), failed_run(ErrorCode::bad_upstream_data, "page 2: not XML \"x\""));
  c.next_due = kT0 + hours(7);
  c.budget_left = 77;
  c.last_run->notes = {"resumed", "note 2"};
  auto back = from_json(to_json(c));
  ASSERT_TRUE(back);
  EXPECT_EQ(to_json(*back), to_json(c));
  EXPECT_EQ(back->failures[0].code, ErrorCode::bad_upstream_data);
  EXPECT_EQ(back->next_due, kT0 + hours(7));

  auto odd = from_json(R"({"last_success": 5, "failures": [1, {"at": "x"}], "unknown": true,
                           "consecutive_failures": "many", "next_due": "2026-03-02T06:00:00Z"})");
  ASSERT_TRUE(odd);
  EXPECT_FALSE(odd->last_success);
  EXPECT_TRUE(odd->failures.empty());
  EXPECT_EQ(odd->consecutive_failures, 0);
  EXPECT_EQ(odd->next_due, kT0);
  EXPECT_FALSE(from_json("[]"));
  EXPECT_FALSE(from_json("nonsense"));
}

TEST(Coverage, UsualGapIsTheMedianOnceThereIsHistory) {
  Coverage c;
  run(c, kT0, ok_run(1));
  run(c, kT0 + days(1), ok_run(1));
  run(c, kT0 + days(2), ok_run(1));
  EXPECT_FALSE(usual_gap(c)) << "two gaps are not a history yet";
  run(c, kT0 + days(9), ok_run(1));  // gaps 1d, 1d, 7d: the median is 1d
  EXPECT_EQ(usual_gap(c), days(1));
  run(c, kT0 + days(16), ok_run(1));  // 1d, 1d, 7d, 7d: the median is 4d
  EXPECT_EQ(usual_gap(c), days(4));
  for (int i = 0; i < 30; ++i) run(c, kT0 + days(20 + i), ok_run(1));
  EXPECT_EQ(c.nonempty_runs.size(), kMaxHistory);
}

// The suspect rule, table-driven: (history of non-empty runs, quiet time, cadence) -> suspect.
TEST(Coverage, SuspectWhenQuietLongerThanUsual) {
  struct Case {
    const char* what;
    std::vector<int> nonempty_days;  // days after kT0 with a non-empty run
    int empty_run_day;               // a later successful run that returned nothing (-1: none)
    double now_day;
    catalogue::Cadence cadence;
    bool suspect;
  };
  const Case cases[] = {
      {"daily source, quiet for 3 days: under the 4-day floor",
       {0, 1, 2, 3, 4},
       7,
       7,
       daily(),
       false},
      {"daily source, quiet for 5 days: over 3 x 1d and the floor",
       {0, 1, 2, 3, 4},
       9,
       9,
       daily(),
       true},
      {"weekly journal polled every 3h, quiet 8 days: usual is 7d",
       {0, 7, 14, 21},
       29,
       29,
       every(hours(3)),
       false},
      {"weekly journal, quiet 22 days: over 3 x 7d", {0, 7, 14, 21}, 43, 43, every(hours(3)), true},
      {"short history: only the floor and the cadence count", {0, 1}, 6, 6, daily(), true},
      {"quiet but its last run failed, not answered: not suspect",
       {0, 1, 2, 3},
       -1,
       30,
       daily(),
       false},
      {"never returned anything, 5 days of empty answers", {}, 5, 5, daily(), true},
      {"weekly cadence: 3 x 7d beats the floor", {0, 7}, 20, 20, every(days(7)), false},
  };
  for (const Case& k : cases) {
    Coverage c;
    for (int d : k.nonempty_days) run(c, kT0 + days(d), ok_run(3));
    if (k.nonempty_days.empty()) run(c, kT0, ok_run(0));
    if (k.empty_run_day >= 0) run(c, kT0 + days(k.empty_run_day), ok_run(0));
    if (k.empty_run_day < 0) {
      run(c, kT0 + days(static_cast<int>(k.now_day) - 1), failed_run(ErrorCode::unavailable, "x"));
    }
    const Time now = kT0 + std::chrono::duration_cast<seconds>(days(1) * k.now_day) + hours(1);
    EXPECT_EQ(is_suspect(c, k.cadence, now), k.suspect) << k.what;
  }
}

TEST(Status, HealthPrecedenceAndReasons) {
  catalogue::SourceEntry entry;
  entry.name = "n";
  entry.kind = catalogue::Kind::crossref;
  entry.cadence = every(hours(6));
  entry.params = catalogue::CrossrefParams{{"0028-0836"}};
  const Time now = kT0 + days(1);

  EXPECT_EQ(status_of(entry, std::nullopt, {}, now).health, Health::pending);
  Live unavailable;
  unavailable.unavailable = "not built in this binary yet";
  EXPECT_EQ(status_of(entry, std::nullopt, unavailable, now).health, Health::unavailable);

  Coverage c;
  run(c, kT0, ok_run(5));
  SourceStatus ok = status_of(entry, c, {}, now);
  EXPECT_EQ(ok.health, Health::ok);
  EXPECT_EQ(ok.stale, days(1) - minutes(1));

  run(c, kT0 + hours(6), failed_run(ErrorCode::rate_limited, "api.crossref.org: HTTP 429"));
  run(c, kT0 + hours(7), failed_run(ErrorCode::rate_limited, "api.crossref.org: HTTP 429"));
  SourceStatus failing = status_of(entry, c, {}, now);
  EXPECT_EQ(failing.health, Health::failing);
  EXPECT_EQ(failing.reason, "2 failed runs in a row; the latest: api.crossref.org: HTTP 429");

  entry.enabled = false;
  EXPECT_EQ(status_of(entry, c, {}, now).health, Health::disabled);
  EXPECT_FALSE(status_of(entry, c, {}, now).next_due);
}

TEST(Status, DocumentCountsAndHidesInternalMessagesFromThePublic) {
  catalogue::SourceEntry entry;
  entry.name = "a";
  entry.kind = catalogue::Kind::pubmed;
  entry.cadence = every(hours(6));
  entry.params = catalogue::PubmedParams{"x"};
  Coverage c;
  run(c, kT0, failed_run(ErrorCode::internal, "cannot write /home/me/db.sqlite"));
  Live live;
  live.running = true;
  live.next_due = kT0 + hours(1);
  std::vector<SourceStatus> list = {status_of(entry, c, live, kT0 + hours(2))};
  entry.name = "b";
  entry.enabled = false;
  list.push_back(status_of(entry, std::nullopt, {}, kT0));

  auto pub = nlohmann::json::parse(sources_document(list, kT0, {}));
  EXPECT_EQ(pub["summary"]["total"], 2);
  EXPECT_EQ(pub["summary"]["enabled"], 1);
  EXPECT_EQ(pub["summary"]["failing"], 1);
  EXPECT_EQ(pub["summary"]["disabled"], 1);
  EXPECT_EQ(pub["summary"]["running"], 1);
  EXPECT_EQ(pub["sources"][0]["name"], "a");
  EXPECT_EQ(pub["sources"][0]["status"]["running"], true);
  EXPECT_EQ(pub["sources"][0]["status"]["next_due"], "2026-03-02T07:00:00Z");
  EXPECT_EQ(pub["sources"][0]["status"]["failures"][0]["code"], "internal");
  EXPECT_EQ(pub["sources"][0]["status"]["failures"][0]["message"].get<std::string>().find("/home"),
            std::string::npos);
  EXPECT_FALSE(pub.contains("writable"));
  EXPECT_TRUE(pub["catalogue_error"].is_null());

  DocumentOptions local;
  local.public_view = false;
  local.writable = true;
  auto mine = nlohmann::json::parse(sources_document(list, kT0, local));
  EXPECT_EQ(mine["sources"][0]["status"]["failures"][0]["message"],
            "cannot write /home/me/db.sqlite");
  EXPECT_EQ(mine["writable"], true);
}

TEST(Coverage, LoadAndSaveThroughTheStore) {
  ah::testing::TempDir dir;
  auto store = store::open_sqlite(dir.path() / "c.db", store::SqliteOptions{});
  ASSERT_TRUE(store) << store.error().message;
  auto none = load(**store, "x");
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  Coverage c;
  run(c, kT0, ok_run(2));
  ASSERT_TRUE(save(**store, "x", c));
  auto back = load(**store, "x");
  ASSERT_TRUE(back && *back);
  EXPECT_EQ(to_json(**back), to_json(c));
  auto raw = (*store)->get_state("coverage:x");
  ASSERT_TRUE(raw && *raw);
  EXPECT_EQ(**raw, to_json(c));
}

}  // namespace
}  // namespace ah::coverage
