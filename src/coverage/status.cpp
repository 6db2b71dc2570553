#include "coverage/status.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "catalogue/catalogue.h"
#include "core/calendar.h"

namespace ah::coverage {
namespace {

using nlohmann::json;
using std::chrono::seconds;

json time_or_null(const std::optional<Time>& t) {
  return t ? json(core::utc_time(*t)) : json(nullptr);
}

json seconds_or_null(const std::optional<seconds>& s) {
  return s ? json(s->count()) : json(nullptr);
}

// "3d 4h", "5h", "12m": how long, for reasons people read.
std::string roughly(seconds s) {
  const auto days = s.count() / 86400, hours = (s.count() % 86400) / 3600,
             minutes = (s.count() % 3600) / 60;
  if (days > 0) return hours > 0 ? fmt::format("{}d {}h", days, hours) : fmt::format("{}d", days);
  if (hours > 0) return fmt::format("{}h", hours);
  return fmt::format("{}m", minutes);
}

json status_json(const SourceStatus& s, bool public_view) {
  const std::optional<Coverage>& c = s.coverage;
  json j;
  j["health"] = to_string(s.health);
  j["reason"] = s.reason.empty() ? json(nullptr) : json(s.reason);
  j["running"] = s.running;
  j["running_since"] = c ? time_or_null(c->running_since) : json(nullptr);
  j["next_due"] = time_or_null(s.next_due);
  j["last_attempt"] = c ? time_or_null(c->last_attempt) : json(nullptr);
  j["last_success"] = c ? time_or_null(c->last_success) : json(nullptr);
  j["last_nonempty"] = c ? time_or_null(c->last_nonempty) : json(nullptr);
  j["stale_seconds"] = seconds_or_null(s.stale);
  j["suspect"] = s.suspect;
  j["usual_gap_seconds"] = seconds_or_null(s.usual_gap);
  if (c && c->last_run) {
    const LastRun& r = *c->last_run;
    j["last_run"] = json{{"started", core::utc_time(r.started)},
                         {"finished", core::utc_time(r.finished)},
                         {"ok", r.ok},
                         {"stopped", r.stopped},
                         {"complete", r.complete},
                         {"requests", r.requests},
                         {"records", r.records},
                         {"inserted", r.counts.inserted},
                         {"updated", r.counts.updated},
                         {"unchanged", r.counts.unchanged},
                         {"rejected", r.counts.rejected},
                         {"notes", r.notes}};
  } else {
    j["last_run"] = nullptr;
  }
  json failures = json::array();
  if (c) {
    for (const Failure& f : c->failures) {
      const bool hide = public_view && f.code == ErrorCode::internal;
      failures.push_back(
          json{{"at", core::utc_time(f.at)},
               {"code", to_string(f.code)},
               {"message", hide ? "internal error; the server log has the details" : f.message}});
    }
  }
  j["failures"] = std::move(failures);
  j["consecutive_failures"] = c ? c->consecutive_failures : 0;
  j["budget_left"] = c && c->budget_left ? json(*c->budget_left) : json(nullptr);
  j["budget_spent"] = c ? c->budget_spent : false;
  return j;
}

json source_json(const SourceStatus& s, bool public_view) {
  json entry = json::parse(catalogue::entry_json(s.entry));
  entry["status"] = status_json(s, public_view);
  return entry;
}

}  // namespace

std::string_view to_string(Health health) {
  switch (health) {
    case Health::ok:
      return "ok";
    case Health::suspect:
      return "suspect";
    case Health::failing:
      return "failing";
    case Health::pending:
      return "pending";
    case Health::disabled:
      return "disabled";
    case Health::unavailable:
      return "unavailable";
  }
  return "ok";
}

SourceStatus status_of(const catalogue::SourceEntry& entry, std::optional<Coverage> coverage,
                       const Live& live, Time now) {
  SourceStatus s;
  s.entry = entry;
  s.coverage = std::move(coverage);
  const std::optional<Coverage>& c = s.coverage;
  s.running = live.running;
  s.next_due = live.next_due ? live.next_due : (c ? c->next_due : std::nullopt);
  if (c && c->last_success) s.stale = now - *c->last_success;
  if (c) {
    s.usual_gap = usual_gap(*c);
    s.suspect = is_suspect(*c, entry.cadence, now);
  }
  if (!entry.enabled) {
    s.health = Health::disabled;
    s.next_due.reset();
  } else if (!live.unavailable.empty()) {
    s.health = Health::unavailable;
    s.reason = live.unavailable;
    s.next_due.reset();
  } else if (c && c->consecutive_failures > 0 && !c->failures.empty()) {
    s.health = Health::failing;
    s.reason = c->consecutive_failures > 1
                   ? fmt::format("{} failed runs in a row; the latest: {}", c->consecutive_failures,
                                 c->failures.front().message)
                   : c->failures.front().message;
  } else if (!c || !c->last_success) {
    s.health = Health::pending;
    s.reason = s.running ? "running for the first time" : "not harvested yet";
  } else if (s.suspect) {
    s.health = Health::suspect;
    const Time quiet_since = c->last_nonempty ? *c->last_nonempty : *c->first_success;
    s.reason = s.usual_gap ? fmt::format("nothing new for {} (usually something every {})",
                                         roughly(now - quiet_since), roughly(*s.usual_gap))
                           : fmt::format("nothing new for {}", roughly(now - quiet_since));
  } else {
    s.health = Health::ok;
    if (c->budget_spent) s.reason = "the daily budget is spent; it goes on when it resets";
  }
  return s;
}

std::string sources_document(std::span<const SourceStatus> sources, Time now,
                             const DocumentOptions& options) {
  json list = json::array();
  json summary = {{"total", 0},    {"enabled", 0},     {"ok", 0},
                  {"suspect", 0},  {"failing", 0},     {"pending", 0},
                  {"disabled", 0}, {"unavailable", 0}, {"running", 0}};
  for (const SourceStatus& s : sources) {
    list.push_back(source_json(s, options.public_view));
    summary["total"] = summary["total"].get<int>() + 1;
    if (s.entry.enabled) summary["enabled"] = summary["enabled"].get<int>() + 1;
    const std::string health(to_string(s.health));
    summary[health] = summary[health].get<int>() + 1;
    if (s.running) summary["running"] = summary["running"].get<int>() + 1;
  }
  json doc;
  doc["generated_at"] = core::utc_time(now);
  doc["summary"] = std::move(summary);
  doc["sources"] = std::move(list);
  doc["catalogue_error"] =
      options.catalogue_error.empty() ? json(nullptr) : json(options.catalogue_error);
  if (options.writable) doc["writable"] = *options.writable;
  if (options.harvesting) doc["harvesting"] = *options.harvesting;
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string source_document(const SourceStatus& source, const DocumentOptions& options) {
  json doc{{"source", source_json(source, options.public_view)}};
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace ah::coverage
