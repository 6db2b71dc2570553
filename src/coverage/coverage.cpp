#include "coverage/coverage.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/calendar.h"

namespace ah::coverage {
namespace {

using nlohmann::json;
using std::chrono::seconds;

constexpr ErrorCode kCodes[] = {ErrorCode::invalid_argument, ErrorCode::not_found,
                                ErrorCode::conflict,         ErrorCode::unavailable,
                                ErrorCode::rate_limited,     ErrorCode::bad_upstream_data,
                                ErrorCode::internal};

ErrorCode parse_code(std::string_view text) {
  for (ErrorCode c : kCodes) {
    if (to_string(c) == text) return c;
  }
  return ErrorCode::internal;
}

json time_or_null(const std::optional<Time>& t) {
  return t ? json(core::utc_time(*t)) : json(nullptr);
}

std::optional<Time> read_time(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return core::parse_utc_time(it->get<std::string>());
}

std::int64_t read_int(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

bool read_bool(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

// The counts a run's records had in the store. (A new field of store::UpsertCounts gets a line
// here and one in counts_from_json.)
json counts_json(const store::UpsertCounts& c) {
  return json{{"inserted", c.inserted},
              {"updated", c.updated},
              {"unchanged", c.unchanged},
              {"rejected", c.rejected}};
}

store::UpsertCounts counts_from_json(const json& j) {
  store::UpsertCounts c;
  if (!j.is_object()) return c;
  c.inserted = read_int(j, "inserted");
  c.updated = read_int(j, "updated");
  c.unchanged = read_int(j, "unchanged");
  c.rejected = read_int(j, "rejected");
  return c;
}

template <typename T>
void keep_last(std::vector<T>& v, std::size_t n) {
  if (v.size() > n) v.erase(v.begin(), v.end() - static_cast<std::ptrdiff_t>(n));
}

seconds interval(const catalogue::Cadence& cadence) {
  return cadence.at ? seconds(std::chrono::days(1)) : cadence.every;
}

}  // namespace

std::string coverage_key(std::string_view name) { return "coverage:" + std::string(name); }

std::string to_json(const Coverage& c) {
  json j = json::object();
  j["last_attempt"] = time_or_null(c.last_attempt);
  j["last_success"] = time_or_null(c.last_success);
  j["first_success"] = time_or_null(c.first_success);
  j["last_nonempty"] = time_or_null(c.last_nonempty);
  j["running_since"] = time_or_null(c.running_since);
  j["next_due"] = time_or_null(c.next_due);
  if (c.last_run) {
    const LastRun& r = *c.last_run;
    j["last_run"] = json{{"started", core::utc_time(r.started)},
                         {"finished", core::utc_time(r.finished)},
                         {"ok", r.ok},
                         {"stopped", r.stopped},
                         {"complete", r.complete},
                         {"requests", r.requests},
                         {"records", r.records},
                         {"counts", counts_json(r.counts)},
                         {"notes", r.notes}};
  } else {
    j["last_run"] = nullptr;
  }
  json failures = json::array();
  for (const Failure& f : c.failures) {
    failures.push_back(
        json{{"at", core::utc_time(f.at)}, {"code", to_string(f.code)}, {"message", f.message}});
  }
  j["failures"] = std::move(failures);
  j["consecutive_failures"] = c.consecutive_failures;
  json history = json::array();
  for (Time t : c.nonempty_runs) history.push_back(core::utc_time(t));
  j["nonempty_runs"] = std::move(history);
  j["budget_left"] = c.budget_left ? json(*c.budget_left) : json(nullptr);
  j["budget_spent"] = c.budget_spent;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<Coverage> from_json(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  Coverage c;
  c.last_attempt = read_time(j, "last_attempt");
  c.last_success = read_time(j, "last_success");
  c.first_success = read_time(j, "first_success");
  c.last_nonempty = read_time(j, "last_nonempty");
  c.running_since = read_time(j, "running_since");
  c.next_due = read_time(j, "next_due");
  if (auto it = j.find("last_run"); it != j.end() && it->is_object()) {
    const json& r = *it;
    auto started = read_time(r, "started");
    auto finished = read_time(r, "finished");
    if (started && finished) {
      LastRun run{*started, *finished};
      run.ok = read_bool(r, "ok");
      run.stopped = read_bool(r, "stopped");
      run.complete = read_bool(r, "complete");
      run.requests = read_int(r, "requests");
      run.records = read_int(r, "records");
      if (auto counts = r.find("counts"); counts != r.end()) run.counts = counts_from_json(*counts);
      if (auto notes = r.find("notes"); notes != r.end() && notes->is_array()) {
        for (const json& n : *notes) {
          if (n.is_string()) run.notes.push_back(n.get<std::string>());
        }
      }
      c.last_run = std::move(run);
    }
  }
  if (auto it = j.find("failures"); it != j.end() && it->is_array()) {
    for (const json& f : *it) {
      if (!f.is_object()) continue;
      auto at = read_time(f, "at");
      if (!at) continue;
      auto code = f.find("code");
      auto message = f.find("message");
      c.failures.push_back(Failure{
          *at, parse_code(code != f.end() && code->is_string() ? code->get<std::string>() : ""),
          message != f.end() && message->is_string() ? message->get<std::string>() : ""});
    }
  }
  c.consecutive_failures = static_cast<int>(read_int(j, "consecutive_failures"));
  if (auto it = j.find("nonempty_runs"); it != j.end() && it->is_array()) {
    for (const json& t : *it) {
      if (!t.is_string()) continue;
      if (auto parsed = core::parse_utc_time(t.get<std::string>()))
        c.nonempty_runs.push_back(*parsed);
    }
  }
  if (auto it = j.find("budget_left"); it != j.end() && it->is_number_integer()) {
    c.budget_left = it->get<std::int64_t>();
  }
  c.budget_spent = read_bool(j, "budget_spent");
  return c;
}

Result<std::optional<Coverage>> load(store::PaperStore& store, std::string_view name) {
  auto value = store.get_state(coverage_key(name));
  if (!value) return std::unexpected(value.error());
  if (!*value) return std::optional<Coverage>();
  // A record that cannot be read is as good as none: the source starts afresh.
  return from_json(**value);
}

Result<void> save(store::PaperStore& store, std::string_view name, const Coverage& coverage) {
  store::StateEntry entry{coverage_key(name), to_json(coverage)};
  return store.put_state(std::span(&entry, 1));
}

void record_start(Coverage& c, Time now) {
  c.last_attempt = now;
  c.running_since = now;
}

void record_finish(Coverage& c, const RunOutcome& o, Time started, Time now) {
  c.running_since.reset();
  LastRun run{started, now};
  run.ok = !o.error;
  run.stopped = o.stopped;
  run.complete = o.complete;
  run.requests = o.requests;
  run.records = o.records;
  run.counts = o.counts;
  run.notes = o.notes;
  keep_last(run.notes, kMaxNotes);
  c.last_run = std::move(run);
  if (o.budget_left) c.budget_left = o.budget_left;
  c.budget_spent = o.budget_spent;
  if (o.stopped) return;  // neither a success nor a failure: it resumes at the next start
  if (o.error) {
    ++c.consecutive_failures;
    c.failures.insert(c.failures.begin(), Failure{now, o.error->code, o.error->message});
    if (c.failures.size() > kMaxFailures) c.failures.resize(kMaxFailures);
    return;
  }
  c.consecutive_failures = 0;
  c.last_success = now;
  if (!c.first_success) c.first_success = now;
  if (o.records > 0) {
    c.last_nonempty = now;
    c.nonempty_runs.push_back(now);
    keep_last(c.nonempty_runs, kMaxHistory);
  }
}

std::optional<seconds> usual_gap(const Coverage& c) {
  if (c.nonempty_runs.size() < kMinGaps + 1) return std::nullopt;
  std::vector<seconds> gaps;
  for (std::size_t i = 1; i < c.nonempty_runs.size(); ++i) {
    gaps.push_back(c.nonempty_runs[i] - c.nonempty_runs[i - 1]);
  }
  std::sort(gaps.begin(), gaps.end());
  const std::size_t n = gaps.size();
  return n % 2 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2;
}

seconds suspect_after(const Coverage& c, const catalogue::Cadence& cadence) {
  seconds after = std::max(kSuspectFloor, interval(cadence) * kSuspectFactor);
  if (auto usual = usual_gap(c)) after = std::max(after, *usual * kSuspectFactor);
  return after;
}

bool is_suspect(const Coverage& c, const catalogue::Cadence& cadence, Time now) {
  if (!c.last_success) return false;
  const std::optional<Time> quiet_since = c.last_nonempty ? c.last_nonempty : c.first_success;
  // Only a source that answered after its last records: one that fails is "failing" instead.
  if (c.last_nonempty && *c.last_success <= *c.last_nonempty) return false;
  return now - *quiet_since > suspect_after(c, cadence);
}

}  // namespace ah::coverage
