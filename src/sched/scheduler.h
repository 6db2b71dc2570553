// The scheduler `academichub serve --harvest` runs: every enabled source of the catalogue on its
// own cadence, at most one run per source and per upstream host at a time (sources on different
// hosts in parallel, all through one shared polite HTTP client), back-off after failed runs, and
// next-due times kept in each source's coverage record in the store, so a restart (or a crash)
// goes on where the last process stopped. A run opens its own writer connection, used for that
// run and its coverage only. Thread-safe: run() on one thread, notify() and live() from any.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "catalogue/catalogue_file.h"
#include "config/config.h"
#include "coverage/status.h"
#include "net/http_client.h"
#include "sched/clock.h"
#include "sched/harvester_factory.h"
#include "sched/plan.h"
#include "store/paper_store.h"

namespace ah::sched {

struct SchedulerOptions {
  // Runs in progress at once (each on its own thread and upstream host).
  std::size_t max_parallel = 4;
  // false: poll() runs the due sources one after another on the calling thread before it
  // returns (tests and the benchmark); true: each run on a thread of its own.
  bool threads = true;
  // How often the catalogue file is looked at for changes (notify() makes it sooner).
  std::chrono::seconds catalogue_check{30};
  Backoff backoff;
  // One line per run and per event; warnings for failures and a catalogue that does not
  // validate. Called from the scheduler's and the runs' threads; may be empty.
  std::function<void(std::string_view)> log_info;
  std::function<void(std::string_view)> log_warn;
};

// Opens a writer connection to the store (one per run, closed after it).
using StoreOpener = std::function<Result<std::unique_ptr<store::PaperStore>>()>;

class Scheduler {
 public:
  // Everything is borrowed and must outlive the scheduler. `http` is shared by all runs;
  // `stop` ends run() and every run in progress at its next page.
  Scheduler(const catalogue::CatalogueFile& catalogue, const HarvesterFactory& factory,
            StoreOpener open_store, net::HttpClient& http, const config::Config& config,
            Clock& clock, std::stop_token stop, SchedulerOptions options);
  // Waits for runs in progress (they end at their next page once stop is requested).
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Until `stop` is requested: poll(), then wait until the next source is due or something
  // happens (a run ended, notify()). Then waits for the runs in progress and returns.
  void run();

  // One turn at clock.now(): re-reads the catalogue when it changed (an invalid one is logged
  // and the previous one kept), starts the runs that are due (as options allow), and returns
  // when the next turn is due.
  TimePoint poll();

  // The catalogue changed (the API edited it): the next turn re-reads it at once.
  void notify();

  // What the API shows beside the stored coverage, by source name: running now, next due, and
  // why a source cannot be run by this binary.
  std::map<std::string, coverage::Live> live() const;

  // Waits until no run is in progress.
  void wait_idle();

 private:
  struct Source {
    catalogue::SourceEntry entry;
    std::string host;
    std::string running_host;  // the host its run in progress was counted under
    std::string unavailable;   // from the factory; never run when set
    TimePoint next_due;
    bool loaded = false;  // next_due read from the stored coverage
    bool running = false;
    bool removed = false;  // gone from the catalogue while running
  };
  struct Worker {
    std::thread thread;
    bool done = false;  // guarded by mutex_
  };

  void reload_catalogue(TimePoint now);
  TimePoint start_due(TimePoint now, const std::set<std::string>& ran,
                      std::vector<std::string>& inline_runs);
  void load_due_times(std::vector<std::string> names, TimePoint now);
  void start(Source& source, TimePoint now, std::vector<std::string>& inline_runs);
  void run_one(const catalogue::SourceEntry& entry, TimePoint started, Worker* worker);
  void finish(const std::string& name, std::optional<TimePoint> next_due, Worker* worker);
  void reap();
  void info(std::string_view line) const;
  void warn(std::string_view line) const;

  const catalogue::CatalogueFile& catalogue_;
  const HarvesterFactory& factory_;
  StoreOpener open_store_;
  std::unique_ptr<net::HttpClient> http_;  // the shared client behind a stop gate
  const config::Config& config_;
  Clock& clock_;
  std::stop_token stop_;
  SchedulerOptions options_;
  Wakeup wake_;

  mutable std::mutex mutex_;
  std::condition_variable idle_;
  // Guarded by mutex_:
  std::map<std::string, Source> sources_;
  std::map<std::string, int> host_runs_;
  std::size_t running_ = 0;
  std::list<Worker> workers_;
  std::optional<std::string> fingerprint_;  // of the catalogue file last read
  std::string bad_fingerprint_;             // of a file that did not validate (logged once)
  TimePoint checked_at_{};
  bool catalogue_dirty_ = true;
};

}  // namespace ah::sched
