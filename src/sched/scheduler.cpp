#include "sched/scheduler.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <vector>

#include "core/calendar.h"
#include "sched/stop.h"

namespace ah::sched {
namespace {

coverage::Time to_time(TimePoint t) { return std::chrono::floor<std::chrono::seconds>(t); }

coverage::RunOutcome outcome_of(const Result<harvest::HarvestReport>& report) {
  coverage::RunOutcome o;
  if (!report) {
    o.error = report.error();
    return o;
  }
  o.complete = report->complete;
  o.requests = report->requests;
  o.records = report->records;
  o.counts = report->counts;
  o.notes = report->notes;
  o.budget_left = report->budget_left;
  o.budget_spent = report->budget_spent;
  return o;
}

}  // namespace

Scheduler::Scheduler(const catalogue::CatalogueFile& catalogue, const HarvesterFactory& factory,
                     StoreOpener open_store, net::HttpClient& http, const config::Config& config,
                     Clock& clock, std::stop_token stop, SchedulerOptions options)
    : catalogue_(catalogue),
      factory_(factory),
      open_store_(std::move(open_store)),
      http_(make_stop_gate(http, stop)),
      config_(config),
      clock_(clock),
      stop_(std::move(stop)),
      options_(std::move(options)) {
  options_.max_parallel = std::max<std::size_t>(1, options_.max_parallel);
}

Scheduler::~Scheduler() { wait_idle(); }

void Scheduler::info(std::string_view line) const {
  if (options_.log_info) options_.log_info(line);
}

void Scheduler::warn(std::string_view line) const {
  if (options_.log_warn) options_.log_warn(line);
}

void Scheduler::notify() {
  {
    std::lock_guard lock(mutex_);
    catalogue_dirty_ = true;
  }
  wake_.signal();
}

std::map<std::string, coverage::Live> Scheduler::live() const {
  std::lock_guard lock(mutex_);
  std::map<std::string, coverage::Live> out;
  for (const auto& [name, s] : sources_) {
    if (s.removed) continue;
    coverage::Live l;
    l.running = s.running;
    if (s.loaded && !s.running && s.entry.enabled && s.unavailable.empty()) {
      l.next_due = to_time(s.next_due);
    }
    l.unavailable = s.unavailable;
    out.emplace(name, std::move(l));
  }
  return out;
}

void Scheduler::run() {
  std::stop_callback wake_on_stop(stop_, [this] { wake_.signal(); });
  while (!stop_.stop_requested()) {
    const TimePoint next = poll();
    if (stop_.stop_requested()) break;
    clock_.wait_until(next, wake_);
  }
  wait_idle();
}

void Scheduler::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return running_ == 0; });
  std::list<Worker> done = std::move(workers_);
  lock.unlock();
  for (Worker& w : done) {
    if (w.thread.joinable()) w.thread.join();
  }
}

void Scheduler::reap() {
  std::list<Worker> done;
  {
    std::lock_guard lock(mutex_);
    for (auto it = workers_.begin(); it != workers_.end();) {
      auto next = std::next(it);
      if (it->done) done.splice(done.end(), workers_, it);
      it = next;
    }
  }
  for (Worker& w : done) w.thread.join();
}

// Reads the catalogue when it changed and brings sources_ in line with it. Called by poll()
// without the lock held (reading the file and the store takes time).
void Scheduler::reload_catalogue(TimePoint now) {
  std::optional<std::string> fingerprint = catalogue_.fingerprint();
  {
    std::lock_guard lock(mutex_);
    const bool due = catalogue_dirty_ || now >= checked_at_ + options_.catalogue_check ||
                     checked_at_ == TimePoint{};
    if (!due) return;
    checked_at_ = now;
    const bool changed = catalogue_dirty_ || fingerprint != fingerprint_ || sources_.empty();
    catalogue_dirty_ = false;
    if (!changed) return;
  }
  auto loaded = catalogue_.read();
  if (!loaded) {
    std::lock_guard lock(mutex_);
    if (bad_fingerprint_ != fingerprint.value_or("")) {
      bad_fingerprint_ = fingerprint.value_or("");
      warn(
          fmt::format("the sources file does not validate; harvesting goes on with the sources "
                      "read before: {}",
                      loaded.error().message));
    }
    fingerprint_ = fingerprint;
    return;
  }
  std::vector<std::string> fresh;
  std::map<catalogue::Kind, int> unavailable_kinds;
  {
    std::lock_guard lock(mutex_);
    bad_fingerprint_.clear();
    fingerprint_ = fingerprint;
    std::map<std::string, Source> next;
    for (const catalogue::SourceEntry& e : loaded->catalogue.sources) {
      auto it = sources_.find(e.name);
      Source s;
      if (it != sources_.end()) {
        s = std::move(it->second);
        sources_.erase(it);
        s.removed = false;
      } else {
        fresh.push_back(e.name);
      }
      s.entry = e;
      s.host = catalogue::upstream_host(e);
      s.unavailable = factory_.unavailable(e.kind);
      if (!s.unavailable.empty() && e.enabled) ++unavailable_kinds[e.kind];
      next.emplace(e.name, std::move(s));
    }
    // Sources no longer in the catalogue: those running finish their run, then go.
    for (auto& [name, s] : sources_) {
      if (s.running) {
        s.removed = true;
        next.emplace(name, std::move(s));
      }
    }
    sources_ = std::move(next);
  }
  for (const auto& [kind, n] : unavailable_kinds) {
    info(fmt::format("{} enabled {} source(s) wait: {}", n, catalogue::to_string(kind),
                     factory_.unavailable(kind)));
  }
  load_due_times(std::move(fresh), now);
}

// The next-due times of sources seen for the first time, from their stored coverage: a run that
// was interrupted (running_since still set: a crash or a kill) is due at once, so it resumes;
// one that never ran is due at once too.
void Scheduler::load_due_times(std::vector<std::string> names, TimePoint now) {
  if (names.empty()) return;
  std::map<std::string, TimePoint> due;
  auto store = open_store_();
  if (!store) {
    warn(fmt::format("cannot read the sources' coverage: {}", store.error().message));
  }
  for (const std::string& name : names) {
    TimePoint t = now;
    if (store) {
      auto c = coverage::load(**store, name);
      if (!c) {
        warn(fmt::format("{}: cannot read its coverage: {}", name, c.error().message));
      } else if (*c && !(*c)->running_since && (*c)->next_due) {
        t = *(*c)->next_due;
      } else if (*c && (*c)->running_since) {
        info(fmt::format("{}: its run of {} did not finish; resuming it", name,
                         core::utc_time(*(*c)->running_since)));
      }
    }
    due.emplace(name, t);
  }
  std::lock_guard lock(mutex_);
  for (const auto& [name, t] : due) {
    auto it = sources_.find(name);
    if (it == sources_.end() || it->second.loaded) continue;
    it->second.next_due = t;
    it->second.loaded = true;
  }
}

TimePoint Scheduler::poll() {
  reap();
  const TimePoint now = clock_.now();
  reload_catalogue(now);
  // Inline, the runs of one turn go one after another, so sources of one host need not wait for
  // the next turn; each runs at most once per turn.
  std::set<std::string> ran;
  for (;;) {
    std::vector<std::string> inline_runs;
    const TimePoint next = start_due(now, ran, inline_runs);
    if (inline_runs.empty()) return next;
    for (const std::string& name : inline_runs) {
      catalogue::SourceEntry entry;
      {
        std::lock_guard lock(mutex_);
        entry = sources_.at(name).entry;
      }
      ran.insert(name);
      run_one(entry, now, nullptr);
    }
  }
}

// Starts the sources due at `now` as options allow (mutex_ taken here); inline, it only marks
// them and lists them in `inline_runs` (leaving out those in `ran`). Returns when the next source
// not yet started is due, at most a catalogue check away.
TimePoint Scheduler::start_due(TimePoint now, const std::set<std::string>& ran,
                               std::vector<std::string>& inline_runs) {
  TimePoint next = now + options_.catalogue_check;
  std::lock_guard lock(mutex_);
  std::vector<Source*> due;
  for (auto& [name, s] : sources_) {
    if (s.removed || s.running || !s.loaded || !s.entry.enabled || !s.unavailable.empty() ||
        ran.contains(name)) {
      continue;
    }
    if (s.next_due <= now) {
      due.push_back(&s);
    } else {
      next = std::min(next, s.next_due);
    }
  }
  // The longest overdue first; those left waiting for a host or a free slot are started when a
  // run ends (which wakes the loop).
  std::stable_sort(due.begin(), due.end(),
                   [](const Source* a, const Source* b) { return a->next_due < b->next_due; });
  for (Source* s : due) {
    if (stop_.stop_requested()) break;
    if (running_ >= options_.max_parallel) break;
    if (host_runs_[s->host] > 0) continue;
    start(*s, now, inline_runs);
  }
  return next;
}

// Marks `source` running (mutex_ held) and starts its run on a thread, or queues it for poll()
// to run inline.
void Scheduler::start(Source& source, TimePoint now, std::vector<std::string>& inline_runs) {
  source.running = true;
  source.running_host = source.host;
  ++host_runs_[source.host];
  ++running_;
  if (!options_.threads) {
    inline_runs.push_back(source.entry.name);
    return;
  }
  workers_.emplace_back();
  Worker* worker = &workers_.back();
  worker->thread =
      std::thread([this, entry = source.entry, now, worker] { run_one(entry, now, worker); });
}

void Scheduler::run_one(const catalogue::SourceEntry& entry, TimePoint started, Worker* worker) {
  const std::string& name = entry.name;
  auto store = open_store_();
  if (!store) {
    // Nothing can be recorded without the store: the next try is a back-off away, counted here.
    warn(fmt::format("harvest {}: cannot open the database: {}", name, store.error().message));
    finish(name, after_failure(entry.cadence, 1, started, clock_.now(), options_.backoff), worker);
    return;
  }
  auto loaded = coverage::load(**store, name);
  if (!loaded) warn(fmt::format("{}: cannot read its coverage: {}", name, loaded.error().message));
  coverage::Coverage cov = loaded && *loaded ? **loaded : coverage::Coverage{};
  coverage::record_start(cov, to_time(started));
  if (auto saved = coverage::save(**store, name, cov); !saved) {
    warn(fmt::format("{}: cannot save its coverage: {}", name, saved.error().message));
  }

  harvest::HarvestContext context{
      *http_, **store, config_,
      [this, &name](std::string_view line) { info(fmt::format("{}: {}", name, line)); }, stop_,
      [this] { return clock_.now(); }};
  auto harvester = factory_.make(entry, context);
  Result<harvest::HarvestReport> report =
      harvester ? (*harvester)->run()
                : Result<harvest::HarvestReport>(std::unexpected(harvester.error()));
  const TimePoint now = clock_.now();
  coverage::RunOutcome outcome = outcome_of(report);
  // A run cut short by the stop is neither a success nor a failure: it goes on at the next start
  // from the state its last committed page left.
  outcome.stopped = stop_.stop_requested() && (!report || !report->complete);
  coverage::record_finish(cov, outcome, to_time(started), to_time(now));

  TimePoint next_due;
  if (outcome.stopped) {
    next_due = now;
    info(
        fmt::format("harvest {}: stopped with the server after {} requests; it resumes at the "
                    "next start",
                    name, outcome.requests));
  } else if (outcome.error) {
    next_due =
        after_failure(entry.cadence, cov.consecutive_failures, started, now, options_.backoff);
    warn(fmt::format("harvest {} failed ({} in a row): {}; next try {}", name,
                     cov.consecutive_failures, outcome.error->message, core::utc_time(next_due)));
  } else {
    next_due = outcome.budget_spent ? after_budget_spent(entry.cadence, started, now)
                                    : std::max(next_regular(entry.cadence, started), now);
    const store::UpsertCounts& c = outcome.counts;
    info(fmt::format(
        "harvest {}: {} records ({} new, {} updated, {} unchanged, {} rejected, {} merged) in "
        "{} requests{}; next {}",
        name, outcome.records, c.inserted, c.updated, c.unchanged, c.rejected, c.merged,
        outcome.requests, outcome.budget_spent ? ", daily budget spent" : "",
        core::utc_time(next_due)));
  }
  cov.next_due = to_time(next_due);
  if (auto saved = coverage::save(**store, name, cov); !saved) {
    warn(fmt::format("{}: cannot save its coverage: {}", name, saved.error().message));
  }
  store->reset();  // the writer connection closes before the run is marked done
  finish(name, next_due, worker);
}

void Scheduler::finish(const std::string& name, std::optional<TimePoint> next_due, Worker* worker) {
  {
    std::lock_guard lock(mutex_);
    auto it = sources_.find(name);
    if (it != sources_.end()) {
      Source& s = it->second;
      s.running = false;
      if (next_due) s.next_due = *next_due;
      s.loaded = true;
      if (--host_runs_[s.running_host] <= 0) host_runs_.erase(s.running_host);
      if (s.removed) sources_.erase(it);
    }
    --running_;
    if (worker) worker->done = true;
  }
  idle_.notify_all();
  wake_.signal();
}

}  // namespace ah::sched
