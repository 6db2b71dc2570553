// The harvest scheduler's own cost: CPU time per cycle outside network waits. N sources (default
// 40, each on its own host) are due every cycle; a fake harvester answers at once (no network, no
// papers), so what is measured is the scheduler: reading the catalogue when it changes, choosing
// what is due, opening each run's writer connection, reading and writing the run's coverage
// (twice: at its start and at its end), and the threads. A fake clock moves 5 minutes a cycle.
//
//   sched_bench [--sources N] [--cycles N] [--threads N]
//
// Prints, per mode (runs inline one after another; runs on threads, N at once), the process CPU
// time and the wall time per cycle and per run, and the CPU of a turn with nothing due.
#include <fmt/format.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "catalogue/catalogue_edit.h"
#include "sched/scheduler.h"

namespace {

using namespace ah;
using std::chrono::duration;
using std::chrono::minutes;

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double wall_seconds() {
  return duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

class BenchClock final : public sched::Clock {
 public:
  sched::TimePoint now() override { return now_.load(); }
  void wait_until(sched::TimePoint, sched::Wakeup&) override {}
  void advance(minutes m) { now_ = now_.load() + m; }

 private:
  std::atomic<sched::TimePoint> now_{std::chrono::sys_days(std::chrono::year(2026) / 3 / 2) +
                                     std::chrono::hours(6)};
};

class NoNetwork final : public net::HttpClient {
 public:
  Result<net::Response> send(const net::Request&) override {
    return fail(ErrorCode::unavailable, "the benchmark makes no requests");
  }
};

class InstantHarvester final : public harvest::Harvester {
 public:
  explicit InstantHarvester(std::atomic<long>& runs) : runs_(runs) {}
  Result<harvest::HarvestReport> run() override {
    ++runs_;
    harvest::HarvestReport r;
    r.requests = 1;
    r.records = 25;
    r.counts.unchanged = 25;
    r.complete = true;
    return r;
  }

 private:
  std::atomic<long>& runs_;
};

struct Cost {
  double cpu_per_cycle, wall_per_cycle;
};

Cost measure(const std::filesystem::path& dir, int sources, int cycles, int threads) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  catalogue::Catalogue c;
  for (int i = 0; i < sources; ++i) {
    catalogue::SourceEntry e;
    e.name = fmt::format("journal-{}.feed", i);
    e.kind = catalogue::Kind::feed;
    e.cadence = catalogue::Cadence{minutes(5), std::nullopt};
    e.params = catalogue::FeedParams{fmt::format("https://h{}.example.org/toc.xml", i), "J"};
    c.sources.push_back(e);
  }
  std::ofstream(dir / "sources.toml") << catalogue::format_catalogue(c, "# bench\n");
  const catalogue::CatalogueFile file(dir / "sources.toml");

  std::atomic<long> runs{0};
  sched::HarvesterFactory factory;
  factory.add(catalogue::Kind::feed, [&runs](const catalogue::SourceEntry&,
                                             const harvest::HarvestContext&)
                  -> Result<std::unique_ptr<harvest::Harvester>> {
    return std::make_unique<InstantHarvester>(runs);
  });
  NoNetwork http;
  config::Config config;
  BenchClock clock;
  std::stop_source stop;
  sched::SchedulerOptions options;
  options.threads = threads > 0;
  options.max_parallel = threads > 0 ? static_cast<std::size_t>(threads) : 1;
  const auto db = dir / "bench.db";
  sched::Scheduler scheduler(
      file, factory, [db] { return store::open_sqlite(db, store::SqliteOptions{}); }, http,
      config, clock, stop.get_token(), options);

  // The first cycle reads the catalogue and creates the database: not measured.
  scheduler.poll();
  scheduler.wait_idle();
  while (options.threads && runs < sources) {
    scheduler.poll();
    scheduler.wait_idle();
  }
  const long before = runs;
  const double cpu0 = cpu_seconds(), wall0 = wall_seconds();
  for (int cycle = 0; cycle < cycles; ++cycle) {
    clock.advance(minutes(5));
    const long target = before + static_cast<long>(cycle + 1) * sources;
    while (runs < target) {
      scheduler.poll();
      if (options.threads) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    scheduler.wait_idle();
  }
  const double cpu = cpu_seconds() - cpu0, wall = wall_seconds() - wall0;
  return {cpu / cycles, wall / cycles};
}

double idle_turn(const std::filesystem::path& dir, int turns) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  catalogue::Catalogue c;
  for (int i = 0; i < 40; ++i) {
    catalogue::SourceEntry e;
    e.name = fmt::format("j{}", i);
    e.kind = catalogue::Kind::feed;
    e.cadence = catalogue::Cadence{std::chrono::hours(6), std::nullopt};
    e.params = catalogue::FeedParams{fmt::format("https://h{}.example.org/", i), "J"};
    c.sources.push_back(e);
  }
  std::ofstream(dir / "sources.toml") << catalogue::format_catalogue(c, "# bench\n");
  const catalogue::CatalogueFile file(dir / "sources.toml");
  std::atomic<long> runs{0};
  sched::HarvesterFactory factory;
  factory.add(catalogue::Kind::feed, [&runs](const catalogue::SourceEntry&,
                                             const harvest::HarvestContext&)
                  -> Result<std::unique_ptr<harvest::Harvester>> {
    return std::make_unique<InstantHarvester>(runs);
  });
  NoNetwork http;
  config::Config config;
  BenchClock clock;
  std::stop_source stop;
  sched::SchedulerOptions options;
  options.threads = false;
  const auto db = dir / "bench.db";
  sched::Scheduler scheduler(
      file, factory, [db] { return store::open_sqlite(db, store::SqliteOptions{}); }, http,
      config, clock, stop.get_token(), options);
  scheduler.poll();  // everything runs once; nothing is due for 6 hours now
  const double cpu0 = cpu_seconds();
  for (int i = 0; i < turns; ++i) {
    scheduler.poll();
  }
  return (cpu_seconds() - cpu0) / turns;
}

}  // namespace

int main(int argc, char** argv) {
  int sources = 40, cycles = 50, threads = 4;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (flag == "--sources") sources = value;
    if (flag == "--cycles") cycles = value;
    if (flag == "--threads") threads = value;
  }
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("ah-sched-bench-{}", getpid());
  const Cost inline_runs = measure(dir, sources, cycles, 0);
  const Cost threaded = measure(dir, sources, cycles, threads);
  const double idle = idle_turn(dir, 2000);
  std::filesystem::remove_all(dir);
  fmt::print("sched_bench: {} sources due per cycle, {} cycles, fake instant harvests\n", sources,
             cycles);
  for (const auto& [name, r] : {std::pair{std::string("inline"), inline_runs},
                                std::pair{fmt::format("{} threads", threads), threaded}}) {
    fmt::print("  {:<10} CPU {:7.2f} ms per cycle ({:5.0f} us per run), wall {:7.2f} ms per cycle\n",
               name, r.cpu_per_cycle * 1e3, r.cpu_per_cycle * 1e6 / sources,
               r.wall_per_cycle * 1e3);
  }
  fmt::print("  idle turn (nothing due, 40 sources): CPU {:.1f} us\n", idle * 1e6);
  return 0;
}
