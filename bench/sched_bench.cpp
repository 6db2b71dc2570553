// The harvest scheduler's own cost: CPU time per cycle outside network waits. The catalogue is the
// default one (src/catalogue/default_sources.toml, every entry enabled and due every 5 minutes);
// fake harvesters answer at once (no network, no papers), so what is measured is the scheduler:
// reading the catalogue, choosing what is due under the one-run-per-host rule, opening each run's
// writer connection, reading and writing the run's coverage (at its start and at its end), and,
// threaded, the threads. A fake clock moves 5 minutes a cycle, so every source runs once a cycle.
//
//   sched_bench [--cycles N] [--threads N]
//
// Prints, per mode (runs inline one after another; runs on threads, N at once, as `serve
// --harvest` does), the process CPU time per cycle (CLOCK_PROCESS_CPUTIME_ID: every thread) as
// median and p90 over the cycles, its wall time, the CPU of a turn with nothing due, and the CPU
// of opening a writer connection (which every run does) for comparison.
#include <fmt/format.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stop_token>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
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

// The default catalogue with every entry enabled and due every `every`; exits on a parse error
// (a bug: the default is validated by the catalogue's tests).
catalogue::Catalogue bench_catalogue(std::chrono::seconds every) {
  auto parsed = catalogue::parse_catalogue(catalogue::default_catalogue_text(), "default");
  if (!parsed) {
    fmt::print(stderr, "sched_bench: {}\n", parsed.error().message);
    std::exit(1);
  }
  for (catalogue::SourceEntry& e : parsed->sources) {
    e.enabled = true;
    e.cadence = catalogue::Cadence{every, std::nullopt};
  }
  return *parsed;
}

sched::HarvesterFactory instant_factory(std::atomic<long>& runs) {
  sched::HarvesterFactory factory;
  for (catalogue::Kind kind : catalogue::all_kinds()) {
    factory.add(
        kind,
        [&runs](const catalogue::SourceEntry&,
                const harvest::HarvestContext&) -> Result<std::unique_ptr<harvest::Harvester>> {
          return std::make_unique<InstantHarvester>(runs);
        });
  }
  return factory;
}

struct Cost {
  std::vector<double> cpu, wall;  // seconds, per cycle
};

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto at = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(at, v.size() - 1)];
}

// `threads` 0: inline runs (poll() runs every due source before it returns). Else runs on
// threads, `threads` at once; the loop polls again whenever the runs it started have ended, as
// `serve --harvest` does when a run ends, until every source ran this cycle.
Cost measure(const std::filesystem::path& dir, int cycles, int threads, std::size_t& sources) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const catalogue::Catalogue c = bench_catalogue(minutes(5));
  sources = c.sources.size();
  std::ofstream(dir / "sources.toml") << catalogue::format_catalogue(c, "# bench\n");
  const catalogue::CatalogueFile file(dir / "sources.toml");

  std::atomic<long> runs{0};
  const sched::HarvesterFactory factory = instant_factory(runs);
  NoNetwork http;
  config::Config config;
  BenchClock clock;
  sched::SchedulerOptions options;
  options.threads = threads > 0;
  options.max_parallel = threads > 0 ? static_cast<std::size_t>(threads) : 1;
  const auto db = dir / "bench.db";
  sched::Scheduler scheduler(
      file, factory, [db] { return store::open_sqlite(db, store::SqliteOptions{}); }, http, config,
      clock, std::stop_token{}, options);

  const auto n = static_cast<long>(sources);
  auto one_cycle = [&](long target) {
    while (runs < target) {
      scheduler.poll();
      scheduler.wait_idle();
    }
  };
  // The first cycle reads the catalogue and creates the database: not measured.
  one_cycle(n);
  Cost cost;
  for (int cycle = 0; cycle < cycles; ++cycle) {
    clock.advance(minutes(5));
    const long target = runs + n;
    const double cpu0 = cpu_seconds(), wall0 = wall_seconds();
    one_cycle(target);
    cost.cpu.push_back(cpu_seconds() - cpu0);
    cost.wall.push_back(wall_seconds() - wall0);
  }
  return cost;
}

// A turn with nothing due (every source ran; the next is due in 6 hours): what `serve --harvest`
// costs between harvests, per wake-up.
double idle_turn(const std::filesystem::path& dir, int turns) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "sources.toml")
      << catalogue::format_catalogue(bench_catalogue(std::chrono::hours(6)), "# bench\n");
  const catalogue::CatalogueFile file(dir / "sources.toml");
  std::atomic<long> runs{0};
  const sched::HarvesterFactory factory = instant_factory(runs);
  NoNetwork http;
  config::Config config;
  BenchClock clock;
  sched::SchedulerOptions options;
  options.threads = false;
  const auto db = dir / "bench.db";
  sched::Scheduler scheduler(
      file, factory, [db] { return store::open_sqlite(db, store::SqliteOptions{}); }, http, config,
      clock, std::stop_token{}, options);
  scheduler.poll();  // everything runs once; nothing is due for 6 hours now
  const double cpu0 = cpu_seconds();
  for (int i = 0; i < turns; ++i) scheduler.poll();
  return (cpu_seconds() - cpu0) / turns;
}

// The floor under a run's cost: opening and closing a writer connection to the store, as every
// run does, CPU per open (median over `opens`).
double open_store_floor(const std::filesystem::path& dir, int opens) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto db = dir / "bench.db";
  (void)store::open_sqlite(db, store::SqliteOptions{});  // creates it
  std::vector<double> cpu;
  for (int i = 0; i < opens; ++i) {
    const double cpu0 = cpu_seconds();
    auto store = store::open_sqlite(db, store::SqliteOptions{});
    if (!store) {
      fmt::print(stderr, "sched_bench: {}\n", store.error().message);
      std::exit(1);
    }
    store->reset();
    cpu.push_back(cpu_seconds() - cpu0);
  }
  return percentile(cpu, 0.5);
}

}  // namespace

int main(int argc, char** argv) {
  int cycles = 100, threads = 4;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (flag == "--cycles") cycles = std::max(1, value);
    if (flag == "--threads") threads = std::max(1, value);
  }
  const auto dir =
      std::filesystem::temp_directory_path() / fmt::format("ah-sched-bench-{}", getpid());
  std::size_t sources = 0;
  const Cost inline_runs = measure(dir, cycles, 0, sources);
  const Cost threaded = measure(dir, cycles, threads, sources);
  const double idle = idle_turn(dir, 2000);
  const double open_floor = open_store_floor(dir, 200);
  std::filesystem::remove_all(dir);
  fmt::print(
      "sched_bench: the default catalogue, {} sources (all enabled) due every cycle, {} cycles, "
      "fake instant harvests\n",
      sources, cycles);
  for (const auto& [name, r] : {std::pair{std::string("inline"), inline_runs},
                                std::pair{fmt::format("{} threads", threads), threaded}}) {
    const double median = percentile(r.cpu, 0.5), p90 = percentile(r.cpu, 0.9);
    fmt::print(
        "  {:<10} CPU per cycle median {:6.2f} ms, p90 {:6.2f} ms ({:4.0f} us per run); wall "
        "median {:6.2f} ms\n",
        name, median * 1e3, p90 * 1e3, median * 1e6 / static_cast<double>(sources),
        percentile(r.wall, 0.5) * 1e3);
  }
  fmt::print("  idle turn (nothing due, {} sources): CPU {:.1f} us\n", sources, idle * 1e6);
  fmt::print("  floor: opening and closing a writer connection, CPU median {:.0f} us\n",
             open_floor * 1e6);
  return 0;
}
