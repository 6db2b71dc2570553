#include "harvest/openalex_harvester.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "harvest/arxiv_harvester.h"  // query_escape
#include "harvest/page_state.h"
#include "net/url.h"
#include "sources/openalex/budget.h"
#include "sources/openalex/works_parser.h"

namespace ah::harvest {
namespace openalex = ah::sources::openalex;
using nlohmann::json;

namespace {

// A 429 whose Retry-After is longer than this is the wait for the daily reset, not a throttle.
constexpr std::chrono::seconds kThrottleAtMost{600};
// A 429 that neither headers nor Retry-After explain is asked again this many times.
constexpr int kThrottleRetries = 3;

// OpenAlex's own words for a refused request, from its JSON error body, else the body's start.
std::string refusal(const net::Response& response) {
  auto parsed = openalex::parse_works(response.body, "answer");
  if (parsed && parsed->info.answer == sources::Answer::error) {
    return parsed->info.error_message.empty()
               ? parsed->info.error_code
               : parsed->info.error_code + ": " + parsed->info.error_message;
  }
  return response.body.substr(0, 200);
}

}  // namespace

std::optional<std::string> openalex_source_id(std::string_view text) {
  for (std::string_view prefix : {"https://openalex.org/", "http://openalex.org/"}) {
    if (text.starts_with(prefix)) text.remove_prefix(prefix.size());
  }
  if (text.size() < 2 || text.size() > 21 || (text[0] != 'S' && text[0] != 's')) {
    return std::nullopt;
  }
  for (char c : text.substr(1)) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return "S" + std::string(text.substr(1));
}

OpenalexHarvester::OpenalexHarvester(net::HttpClient& http, store::PaperStore& store,
                                     OpenalexOptions options, Log log)
    : http_(http), store_(store), options_(std::move(options)), log_(std::move(log)) {}

Result<HarvestReport> OpenalexHarvester::run() {
  auto source = openalex_source_id(options_.source_id);
  if (!source) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("OpenAlex source id '{}': expected S followed by digits (S125754415)",
                            options_.source_id));
  }
  if (options_.per_page < 1 || options_.per_page > 100) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("OpenAlex per_page {}: expected 1..100", options_.per_page));
  }
  auto say = [this](std::string_view line) {
    if (log_) log_(line);
  };
  const auto now = core::now(options_.now);
  const std::string today = core::day_of(now);
  const std::string key = "openalex:" + *source;
  auto loaded = page_state::load(store_, key);
  if (!loaded) return std::unexpected(loaded.error());
  json state = std::move(*loaded);
  HarvestReport report;

  // A budget spent earlier today: nothing to do before it resets.
  if (const std::string until = page_state::str(state, "spent_until");
      !until.empty() && core::utc_time(now) < until) {
    report.budget_spent = true;
    report.budget_left = 0;
    report.notes.push_back("OpenAlex's daily budget is spent until " + until +
                           "; nothing fetched, the next run continues");
    return report;
  }

  // The window, and the cursor to start at.
  std::string from = options_.from, until = options_.until.empty() ? today : options_.until;
  std::string cursor = "*";
  const std::string stored_cursor = page_state::str(state, "cursor");
  const bool explicit_window = !options_.from.empty();
  if (!stored_cursor.empty() && (!explicit_window || (page_state::str(state, "from") == from &&
                                                      page_state::str(state, "until") == until))) {
    from = page_state::str(state, "from");
    until = page_state::str(state, "until");
    cursor = stored_cursor;
    report.notes.push_back(
        fmt::format("resumed the window {}..{} of an interrupted run", from, until));
  } else if (!explicit_window) {
    const std::string last = page_state::str(state, "last_until");
    from = last.empty() ? core::add_days(today, -options_.first_days)
                        : core::add_days(last, -options_.lookback_days);
  }
  if (!core::valid_day(from) || !core::valid_day(until) || until < from) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("OpenAlex window {}..{}: expected two dates YYYY-MM-DD, the first "
                            "not after the second",
                            from, until));
  }

  const std::string filter =
      fmt::format("primary_location.source.id:{},from_publication_date:{},to_publication_date:{}",
                  *source, from, until);
  bool restarted = false;
  int throttled = 0;
  std::optional<openalex::Budget> budget;
  for (int page = 1;; ++page) {
    std::string url = fmt::format("{}/works?filter={}&per_page={}&cursor={}&select={}",
                                  options_.api_url, query_escape(filter), options_.per_page,
                                  query_escape(cursor), query_escape(openalex::kSelectFields));
    if (!options_.api_key.empty()) url += "&api_key=" + query_escape(options_.api_key);
    const std::string what =
        fmt::format("OpenAlex {} page {} ({})", *source, page, net::redact_url(url));
    net::Request request;
    request.url = url;
    request.return_429 = true;
    auto response = http_.get(request);
    if (!response) return std::unexpected(response.error().with_context(what));
    ++report.requests;
    const openalex::Budget answer_budget = openalex::read_budget(response->headers);
    if (answer_budget.known()) {
      budget = answer_budget;
      report.budget_left = answer_budget.requests_left();
    }

    // Until when the next run has nothing to do once this answer says the budget is spent.
    const std::string spent_until = [&] {
      std::chrono::seconds hold =
          std::chrono::duration_cast<std::chrono::seconds>(kOpenalexRetryAfterBudget);
      if (answer_budget.reset_seconds) {
        hold = std::chrono::seconds(*answer_budget.reset_seconds);
      } else if (response->retry_after) {
        hold = *response->retry_after;
      }
      return core::utc_time(now + hold);
    }();
    // The run ends for the day, its place kept (`state` is what the last stored page left).
    auto stopped_for_the_day = [&] {
      report.budget_spent = true;
      report.budget_left = 0;
      report.notes.push_back(fmt::format(
          "stopped: OpenAlex's daily budget is spent ({}); the next run continues after {}",
          answer_budget.describe(), spent_until));
      say(report.notes.back());
      return report;
    };

    if (response->status == 429) {
      const bool daily = answer_budget.spent() ||
                         (response->retry_after && *response->retry_after > kThrottleAtMost);
      if (daily) {
        json place = state;
        place["spent_until"] = spent_until;
        store::StateEntry entry{key, place.dump()};
        auto saved = store_.put_state(std::span(&entry, 1));
        if (!saved) return std::unexpected(saved.error().with_context(what));
        return stopped_for_the_day();
      }
      if (++throttled > kThrottleRetries) {
        return fail(ErrorCode::rate_limited,
                    fmt::format("{}: HTTP 429 {} times in a row", what, throttled));
      }
      report.notes.push_back(fmt::format("{}: HTTP 429 (throttled): asked again", what));
      --page;
      continue;
    }
    throttled = 0;
    if (response->status == 400 && cursor != "*" && !restarted) {
      // A stored cursor OpenAlex no longer takes: read the window again from its start.
      report.notes.push_back("OpenAlex refused the stored cursor; restarted the window " + from +
                             ".." + until);
      say(report.notes.back());
      cursor = "*";
      restarted = true;
      continue;
    }
    if (response->status == 400 || response->status == 401 || response->status == 403) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("{}: OpenAlex refused the request (HTTP {}): {}", what,
                              response->status, refusal(*response)));
    }
    if (!response->ok()) {
      return fail(ErrorCode::bad_upstream_data, fmt::format("{}: HTTP {}", what, response->status));
    }
    auto parsed = openalex::parse_works(response->body, what);
    if (!parsed) return std::unexpected(parsed.error());
    if (parsed->info.answer == sources::Answer::error) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("{}: OpenAlex answered {}: {}", what, parsed->info.error_code,
                              parsed->info.error_message));
    }
    const std::string next = parsed->info.resumption_token;
    const bool done = next.empty() || (parsed->papers.empty() && parsed->rejected.empty());
    if (!done && next == cursor) {
      return fail(
          ErrorCode::bad_upstream_data,
          fmt::format("{}: OpenAlex answered cursor '{}' with the same cursor", what, cursor));
    }
    const bool spent = !done && answer_budget.spent();
    json place = state;
    if (done) {
      place["last_until"] = until;
      place["completed_at"] = core::utc_time(now);
      place["cursor"] = "";
      place.erase("from");
      place.erase("until");
    } else {
      place["from"] = from;
      place["until"] = until;
      place["cursor"] = next;
    }
    if (spent) {
      place["spent_until"] = spent_until;
    } else {
      place.erase("spent_until");
    }
    store::StateEntry entry{key, place.dump()};
    stamp_records(parsed->papers, url, core::utc_time(now));
    auto counts = store_.upsert(parsed->papers, std::span(&entry, 1));
    if (!counts) return std::unexpected(counts.error().with_context(what));
    state = std::move(place);
    page_state::add_page(report, *counts, *parsed);
    say(fmt::format("{}: {} works ({} new, {} updated){}", what, parsed->papers.size(),
                    counts->inserted, counts->updated,
                    parsed->info.total_results ? fmt::format(" of {}", *parsed->info.total_results)
                                               : std::string()));
    if (done) {
      report.complete = true;
      break;
    }
    if (spent) return stopped_for_the_day();
    cursor = next;
  }
  report.notes.push_back(fmt::format("window {}..{} read to its end{}", from, until,
                                     budget ? "; " + budget->describe() : std::string()));
  return report;
}

}  // namespace ah::harvest
