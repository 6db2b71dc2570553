// The scheduler on a fake clock: days of cadences run in milliseconds, with fake harvesters that
// do what each test scripts, over a real SQLite store (coverage and next-due times live there).
#include "sched/scheduler.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <future>
#include <thread>

#include "catalogue/catalogue_edit.h"
#include "core/calendar.h"
#include "coverage/coverage.h"
#include "tests/support/fixtures.h"

namespace ah::sched {
namespace {

using catalogue::Kind;
using catalogue::SourceEntry;
using harvest::HarvestContext;
using harvest::HarvestReport;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

TimePoint at(std::string_view iso) { return *core::parse_utc_time(iso); }
const TimePoint kT0 = at("2026-03-02T06:00:00Z");

// Time stands still until the test moves it; a wait jumps to its deadline unless it was woken.
class FakeWallClock final : public Clock {
 public:
  TimePoint now() override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void wait_until(TimePoint deadline, Wakeup& wake) override {
    // A short real wait lets run threads make progress between turns of the loop.
    if (wake.wait_until(std::chrono::system_clock::now() + std::chrono::milliseconds(1))) return;
    std::lock_guard lock(mutex_);
    now_ = std::max(now_, deadline);
  }
  void set(TimePoint t) {
    std::lock_guard lock(mutex_);
    now_ = t;
  }

 private:
  std::mutex mutex_;
  TimePoint now_ = kT0;  // guarded by mutex_
};

class OkClient final : public net::HttpClient {
 public:
  Result<net::Response> send(const net::Request& r) override {
    sent.fetch_add(1);
    if (on_send) on_send(r);
    net::Response res;
    res.status = 200;
    return res;
  }
  std::atomic<int> sent{0};
  std::function<void(const net::Request&)> on_send;
};

using Behaviour = std::function<Result<HarvestReport>(const SourceEntry&, const HarvestContext&)>;

// Counts the runs of each source and does what `behave` says.
struct Script {
  std::mutex mutex;
  std::map<std::string, int> runs;  // guarded by mutex
  std::map<std::string, std::vector<TimePoint>> times;
  Behaviour behave;
  Clock* clock = nullptr;

  int count(const std::string& name) {
    std::lock_guard lock(mutex);
    return runs[name];
  }
};

class FakeHarvester final : public harvest::Harvester {
 public:
  FakeHarvester(Script& s, SourceEntry e, const HarvestContext& c)
      : script_(s), entry_(std::move(e)), context_(c) {}
  Result<HarvestReport> run() override {
    {
      std::lock_guard lock(script_.mutex);
      ++script_.runs[entry_.name];
      script_.times[entry_.name].push_back(script_.clock->now());
    }
    if (script_.behave) return script_.behave(entry_, context_);
    HarvestReport r;
    r.records = 1;
    r.counts.inserted = 1;
    r.requests = 1;
    r.complete = true;
    return r;
  }

 private:
  Script& script_;
  SourceEntry entry_;
  const HarvestContext& context_;
};

HarvesterFactory factory_for(Script& script, std::vector<Kind> kinds = {Kind::pubmed, Kind::feed}) {
  HarvesterFactory f;
  for (Kind k : kinds) {
    f.add(k,
          [&script](const SourceEntry& e,
                    const HarvestContext& c) -> Result<std::unique_ptr<harvest::Harvester>> {
            return std::make_unique<FakeHarvester>(script, e, c);
          });
  }
  return f;
}

SourceEntry pubmed(std::string name, catalogue::Cadence cadence) {
  SourceEntry e;
  e.name = std::move(name);
  e.kind = Kind::pubmed;
  e.cadence = cadence;
  e.params = catalogue::PubmedParams{"x"};
  return e;
}

SourceEntry feed(std::string name, std::string url) {
  SourceEntry e;
  e.name = std::move(name);
  e.kind = Kind::feed;
  e.cadence = catalogue::default_cadence(Kind::feed);
  e.params = catalogue::FeedParams{std::move(url), "V"};
  return e;
}

catalogue::Cadence every(seconds s) { return {s, std::nullopt}; }

class SchedulerTest : public ::testing::Test {
 protected:
  void write_catalogue(const std::vector<SourceEntry>& entries) {
    catalogue::Catalogue c{entries};
    std::ofstream(file_.path(), std::ios::binary) << catalogue::format_catalogue(c, "# test\n");
  }

  std::unique_ptr<Scheduler> make(SchedulerOptions options = {}) {
    script_.clock = &clock_;
    options.log_info = [this](std::string_view l) { log(l); };
    options.log_warn = [this](std::string_view l) { log(fmt::format("warn: {}", l)); };
    return std::make_unique<Scheduler>(
        file_, factory_,
        [this] { return store::open_sqlite(dir_.path() / "s.db", store::SqliteOptions{}); }, http_,
        config_, clock_, stop_.get_token(), std::move(options));
  }
  SchedulerOptions inline_options() {
    SchedulerOptions o;
    o.threads = false;
    return o;
  }
  // Polls at `t` (inline: the due runs have finished when it returns).
  void poll_at(Scheduler& s, TimePoint t) {
    clock_.set(t);
    s.poll();
  }
  coverage::Coverage coverage_of(const std::string& name) {
    auto store = store::open_sqlite(dir_.path() / "s.db", store::SqliteOptions{});
    EXPECT_TRUE(store);
    auto c = coverage::load(**store, name);
    EXPECT_TRUE(c && *c) << name;
    return c && *c ? **c : coverage::Coverage{};
  }
  void log(std::string_view line) {
    std::lock_guard lock(log_mutex_);
    log_ += std::string(line) + "\n";
  }
  std::string logged() {
    std::lock_guard lock(log_mutex_);
    return log_;
  }

  ah::testing::TempDir dir_;
  catalogue::CatalogueFile file_{dir_.path() / "sources.toml"};
  Script script_;
  HarvesterFactory factory_ = factory_for(script_);
  OkClient http_;
  config::Config config_;
  FakeWallClock clock_;
  std::stop_source stop_;
  std::mutex log_mutex_;
  std::string log_;
};

TEST_F(SchedulerTest, RunsEachSourceOnItsCadence) {
  write_catalogue({pubmed("six-hourly", every(hours(6))),
                   pubmed("daily", catalogue::Cadence{seconds(0), minutes(330)})});
  auto s = make(inline_options());
  // Every 10 minutes for two days.
  for (TimePoint t = kT0; t < kT0 + days(2); t += minutes(10)) poll_at(*s, t);
  EXPECT_EQ(script_.count("six-hourly"), 8);  // 06:00, 12:00, 18:00, 00:00 on two days
  EXPECT_EQ(script_.count("daily"), 3);       // at once (never ran), then 05:30 on both days
  EXPECT_EQ(script_.times["daily"][1], at("2026-03-03T05:30:00Z"));
  EXPECT_EQ(script_.times["six-hourly"][1], at("2026-03-02T12:00:00Z"));
  const coverage::Coverage c = coverage_of("daily");
  EXPECT_EQ(c.next_due, at("2026-03-05T05:30:00Z"));
  EXPECT_EQ(c.last_run->records, 1);
  EXPECT_FALSE(c.running_since);
}

// A harvester stamps its records with the scheduler's clock (HarvestContext::now), so that a
// run's records and its coverage tell the same time.
TEST_F(SchedulerTest, HarvestersReadTheTimeFromTheSchedulersClock) {
  write_catalogue({pubmed("a", every(hours(6)))});
  std::vector<TimePoint> seen;
  script_.behave = [&](const SourceEntry&, const HarvestContext& c) -> Result<HarvestReport> {
    seen.push_back(core::now(c.now));
    HarvestReport r;
    r.complete = true;
    return r;
  };
  auto s = make(inline_options());
  poll_at(*s, kT0);
  poll_at(*s, kT0 + hours(7));
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], kT0);
  EXPECT_EQ(seen[1], kT0 + hours(7));
}

TEST_F(SchedulerTest, BacksOffAfterFailuresAndReturnsToTheCadence) {
  write_catalogue({pubmed("flaky", every(hours(24)))});
  std::atomic<int> fail_until{5};
  script_.behave = [&](const SourceEntry& e, const HarvestContext&) -> Result<HarvestReport> {
    if (script_.count(e.name) <= fail_until) {
      return fail(ErrorCode::unavailable, "host unreachable");
    }
    HarvestReport r;
    r.complete = true;
    return r;
  };
  auto s = make(inline_options());
  for (TimePoint t = kT0; t < kT0 + days(2); t += minutes(1)) poll_at(*s, t);
  const std::vector<TimePoint>& times = script_.times["flaky"];
  ASSERT_GE(times.size(), 6u);
  // Tries 5, 10, 20, 40 and 80 minutes apart, then the success; then daily again.
  const minutes gaps[] = {minutes(5), minutes(10), minutes(20), minutes(40), minutes(80)};
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(times[i + 1] - times[i], gaps[i]) << i;
  ASSERT_EQ(times.size(), 7u);
  EXPECT_EQ(times[6] - times[5], hours(24));
  const coverage::Coverage c = coverage_of("flaky");
  EXPECT_EQ(c.consecutive_failures, 0);
  EXPECT_EQ(c.failures.size(), 5u);
  EXPECT_NE(logged().find("harvest flaky failed (5 in a row): host unreachable"),
            std::string::npos);
}

TEST_F(SchedulerTest, ResumesFromStoredNextDueTimesAfterARestart) {
  write_catalogue({pubmed("a", every(hours(6)))});
  {
    auto s = make(inline_options());
    poll_at(*s, kT0);
    EXPECT_EQ(script_.count("a"), 1);
  }
  // A new process an hour later: nothing is due before 12:00.
  auto s = make(inline_options());
  poll_at(*s, kT0 + hours(1));
  EXPECT_EQ(script_.count("a"), 1);
  EXPECT_EQ(s->live()["a"].next_due, std::chrono::floor<seconds>(kT0 + hours(6)));
  poll_at(*s, kT0 + hours(6));
  EXPECT_EQ(script_.count("a"), 2);
}

TEST_F(SchedulerTest, ARunThatNeverFinishedIsResumedAtOnce) {
  write_catalogue({pubmed("a", every(hours(6)))});
  {
    // A process killed during a run leaves running_since set.
    auto store = store::open_sqlite(dir_.path() / "s.db", store::SqliteOptions{});
    ASSERT_TRUE(store);
    coverage::Coverage c;
    c.next_due = std::chrono::floor<seconds>(kT0 + hours(5));
    coverage::record_start(c, std::chrono::floor<seconds>(kT0 - hours(1)));
    ASSERT_TRUE(coverage::save(**store, "a", c));
  }
  auto s = make(inline_options());
  poll_at(*s, kT0);
  EXPECT_EQ(script_.count("a"), 1);
  EXPECT_NE(logged().find("a: its run of 2026-03-02T05:00:00Z did not finish; resuming it"),
            std::string::npos);
}

TEST_F(SchedulerTest, OneRunPerSourceAndPerHostAtATime) {
  write_catalogue({feed("one", "https://feeds.example.org/1.xml"),
                   feed("two", "https://feeds.example.org/2.xml"),
                   feed("other", "https://other.example.org/x.xml")});
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  script_.behave = [released](const SourceEntry&, const HarvestContext&) -> Result<HarvestReport> {
    released.wait();
    HarvestReport r;
    r.complete = true;
    return r;
  };
  auto s = make();  // runs on threads
  poll_at(*s, kT0);
  // "one" runs; "two" waits for its host; "other" runs beside it.
  for (int i = 0; i < 500 && (script_.count("one") + script_.count("other") < 2); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(script_.count("one"), 1);
  EXPECT_EQ(script_.count("other"), 1);
  EXPECT_EQ(script_.count("two"), 0);
  auto live = s->live();
  EXPECT_TRUE(live["one"].running);
  EXPECT_FALSE(live["two"].running);
  // Ten days later, with the runs still going: nothing starts twice.
  poll_at(*s, kT0 + days(10));
  poll_at(*s, kT0 + days(10) + hours(1));
  EXPECT_EQ(script_.count("one"), 1);
  EXPECT_EQ(script_.count("other"), 1);
  EXPECT_EQ(script_.count("two"), 0);
  release.set_value();
  s->wait_idle();
  poll_at(*s, kT0 + days(10) + hours(2));
  s->wait_idle();
  EXPECT_EQ(script_.count("two"), 1);
}

// A run stops between pages when the server stops: pages committed stay, the next is not asked
// for, and the run is neither a success nor a failure; it is due again at once.
TEST_F(SchedulerTest, StopEndsARunBetweenPages) {
  write_catalogue({pubmed("pages", every(hours(6)))});
  http_.on_send = [this](const net::Request& r) {
    if (r.url.ends_with("page=2")) stop_.request_stop();  // SIGTERM while page 2 is fetched
  };
  script_.behave = [](const SourceEntry&, const HarvestContext& c) -> Result<HarvestReport> {
    HarvestReport report;
    for (int page = 1; page <= 5; ++page) {
      net::Request r;
      r.url = fmt::format("https://eutils.example.org/?page={}", page);
      auto got = c.http.send(r);
      if (!got) return std::unexpected(got.error());
      store::StateEntry state{"fake:page", std::to_string(page)};
      if (auto saved = c.store.put_state(std::span(&state, 1)); !saved) {
        return std::unexpected(saved.error());
      }
      ++report.requests;
      ++report.records;
    }
    report.complete = true;
    return report;
  };
  auto s = make(inline_options());
  poll_at(*s, kT0);
  EXPECT_EQ(http_.sent.load(), 2);
  auto store = store::open_sqlite(dir_.path() / "s.db", store::SqliteOptions{});
  ASSERT_TRUE(store);
  EXPECT_EQ((*store)->get_state("fake:page")->value_or(""), "2");
  const coverage::Coverage c = coverage_of("pages");
  ASSERT_TRUE(c.last_run);
  EXPECT_TRUE(c.last_run->stopped);
  EXPECT_EQ(c.consecutive_failures, 0);
  EXPECT_TRUE(c.failures.empty());
  EXPECT_EQ(c.next_due, std::chrono::floor<seconds>(kT0));
  EXPECT_FALSE(c.running_since);
}

TEST_F(SchedulerTest, RunReturnsOnStopAfterItsRunsEnd) {
  write_catalogue({pubmed("slow", every(hours(6))), pubmed("quick", every(minutes(10)))});
  std::atomic<bool> paging{false};
  script_.behave = [&](const SourceEntry& e, const HarvestContext& c) -> Result<HarvestReport> {
    HarvestReport report;
    if (e.name == "quick") {
      report.complete = true;
      return report;
    }
    for (int page = 1;; ++page) {  // pages until the gate refuses
      paging = true;
      net::Request r;
      r.url = "https://slow.example.org/";
      auto got = c.http.send(r);
      if (!got) return std::unexpected(got.error());
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  };
  auto s = make();
  std::thread loop([&] { s->run(); });
  for (int i = 0; i < 1000 && !paging; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_TRUE(paging);
  stop_.request_stop();
  loop.join();  // bounded: the slow run ends at its next page
  EXPECT_FALSE(s->live()["slow"].running);
  EXPECT_TRUE(coverage_of("slow").last_run->stopped);
  EXPECT_GE(script_.count("quick"), 1);
}

TEST_F(SchedulerTest, FollowsCatalogueEditsAndKeepsTheLastGoodOne) {
  write_catalogue({pubmed("a", every(hours(1))), pubmed("b", every(hours(1)))});
  auto s = make(inline_options());
  poll_at(*s, kT0);
  EXPECT_EQ(script_.count("a"), 1);
  ASSERT_TRUE(file_.set_enabled("a", false));
  ASSERT_TRUE(file_.add(pubmed("c", every(hours(1)))));
  s->notify();
  poll_at(*s, kT0 + hours(1));
  EXPECT_EQ(script_.count("a"), 1);
  EXPECT_EQ(script_.count("b"), 2);
  EXPECT_EQ(script_.count("c"), 1);

  std::ofstream(file_.path(), std::ios::app) << "[[source]]\nname = 3\n";
  s->notify();
  poll_at(*s, kT0 + hours(2));
  poll_at(*s, kT0 + hours(3));
  EXPECT_EQ(script_.count("b"), 4) << "the last good catalogue goes on";
  const std::string log = logged();
  const auto first = log.find("warn: the sources file does not validate");
  ASSERT_NE(first, std::string::npos) << log;
  EXPECT_EQ(log.find("warn: the sources file does not validate", first + 1), std::string::npos)
      << "logged once, not every turn";
  EXPECT_NE(log.find("key 'name'"), std::string::npos);
}

TEST_F(SchedulerTest, KindsThisBinaryCannotHarvestAreNeverRun) {
  factory_ = factory_for(script_, {Kind::pubmed});
  SourceEntry crossref;
  crossref.name = "nature.crossref";
  crossref.kind = Kind::crossref;
  crossref.cadence = every(hours(6));
  crossref.params = catalogue::CrossrefParams{{"0028-0836"}};
  write_catalogue({crossref, pubmed("a", every(hours(6)))});
  auto s = make(inline_options());
  poll_at(*s, kT0);
  poll_at(*s, kT0 + days(1));
  EXPECT_EQ(script_.count("nature.crossref"), 0);
  auto live = s->live();
  EXPECT_EQ(live["nature.crossref"].unavailable,
            "the crossref harvester is not built in this binary yet");
  EXPECT_FALSE(live["nature.crossref"].next_due);
  EXPECT_TRUE(live["a"].unavailable.empty());
  EXPECT_NE(logged().find("1 enabled crossref source(s) wait"), std::string::npos);
}

TEST_F(SchedulerTest, ASpentBudgetWaitsForTheNextDay) {
  write_catalogue({pubmed("metered", every(hours(1)))});
  script_.behave = [](const SourceEntry&, const HarvestContext&) -> Result<HarvestReport> {
    HarvestReport r;
    r.records = 50;
    r.budget_left = 0;
    r.budget_spent = true;
    return r;
  };
  auto s = make(inline_options());
  poll_at(*s, kT0);
  const coverage::Coverage c = coverage_of("metered");
  EXPECT_EQ(c.next_due, at("2026-03-03T00:05:00Z"));
  EXPECT_EQ(c.budget_left, 0);
  EXPECT_TRUE(c.budget_spent);
  poll_at(*s, at("2026-03-03T00:04:00Z"));
  EXPECT_EQ(script_.count("metered"), 1);
  poll_at(*s, at("2026-03-03T00:05:00Z"));
  EXPECT_EQ(script_.count("metered"), 2);
}

TEST_F(SchedulerTest, ParallelRunsAreBounded) {
  std::vector<SourceEntry> entries;
  for (int i = 0; i < 6; ++i) {
    entries.push_back(feed(fmt::format("f{}", i), fmt::format("https://h{}.example.org/", i)));
  }
  write_catalogue(entries);
  std::atomic<int> now_running{0}, most{0};
  script_.behave = [&](const SourceEntry&, const HarvestContext&) -> Result<HarvestReport> {
    const int n = ++now_running;
    int m = most;
    while (n > m && !most.compare_exchange_weak(m, n)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    --now_running;
    HarvestReport r;
    r.complete = true;
    return r;
  };
  SchedulerOptions o;
  o.max_parallel = 2;
  auto s = make(o);
  for (int i = 0; i < 200; ++i) {
    int total = 0;
    for (int k = 0; k < 6; ++k) total += script_.count(fmt::format("f{}", k));
    if (total == 6) break;
    poll_at(*s, kT0);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  s->wait_idle();
  for (int k = 0; k < 6; ++k) EXPECT_EQ(script_.count(fmt::format("f{}", k)), 1) << k;
  EXPECT_LE(most.load(), 2);
}

}  // namespace
}  // namespace ah::sched
