#include "harvest/crossref_harvester.h"

#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "harvest/arxiv_harvester.h"  // query_escape
#include "harvest/page_state.h"
#include "net/url.h"
#include "sources/common/issn.h"
#include "sources/crossref/parser.h"

namespace ah::harvest {
namespace {

using nlohmann::json;
using page_state::num;
using page_state::str;
namespace chrono = std::chrono;

// The day of `instant` minus `days`.
std::string days_before(std::string_view instant, int days) {
  auto day = core::leading_day(instant);
  return day ? core::day_text(*day - chrono::days(days)) : std::string();
}

// The window a run reads: works registered since `horizon` that changed since `since` (none:
// all of them), begun at `started`.
struct Window {
  std::string horizon, since, started;
};

}  // namespace

std::optional<chrono::milliseconds> announced_spacing(const net::Response& response) {
  auto limit_it = response.headers.find("x-rate-limit-limit");
  auto interval_it = response.headers.find("x-rate-limit-interval");
  if (limit_it == response.headers.end() || interval_it == response.headers.end()) {
    return std::nullopt;
  }
  long limit = 0;
  double interval = 0;
  char unit[8] = {0};
  if (std::sscanf(limit_it->second.c_str(), "%ld", &limit) != 1 || limit <= 0) return std::nullopt;
  const int read = std::sscanf(interval_it->second.c_str(), "%lf%7s", &interval, unit);
  if (read < 1 || interval <= 0) return std::nullopt;
  const std::string_view u = read == 2 ? std::string_view(unit) : std::string_view("s");
  const double ms = u == "ms"  ? interval
                    : u == "s" ? interval * 1000
                    : u == "m" ? interval * 60'000
                               : -1;
  if (ms <= 0) return std::nullopt;
  return chrono::milliseconds(static_cast<std::int64_t>(ms / static_cast<double>(limit) + 0.5));
}

CrossrefHarvester::CrossrefHarvester(net::HttpClient& http, store::PaperStore& store,
                                     net::Clock& clock, CrossrefJournal journal,
                                     CrossrefOptions options, Log log)
    : http_(http),
      store_(store),
      clock_(clock),
      journal_(std::move(journal)),
      options_(std::move(options)),
      log_(std::move(log)) {}

void CrossrefHarvester::log(std::string_view line) const {
  if (log_) log_(line);
}

Result<net::Response> CrossrefHarvester::fetch(const std::string& url, const std::string& what) {
  if (last_start_ && announced_spacing_ > options_.host_spacing) {
    const auto elapsed = chrono::duration_cast<chrono::milliseconds>(clock_.now() - *last_start_);
    if (elapsed < announced_spacing_) clock_.sleep_for(announced_spacing_ - elapsed);
  }
  last_start_ = clock_.now();
  net::Request request;
  request.url = url;
  auto response = http_.get(request);
  if (!response) return std::unexpected(response.error().with_context(what));
  return response;
}

void CrossrefHarvester::slow_down_to(const net::Response& response, HarvestReport& report) {
  const auto spacing = announced_spacing(response);
  if (!spacing || *spacing == announced_spacing_) return;
  announced_spacing_ = *spacing;
  if (*spacing <= options_.host_spacing) return;  // the politeness layer is slower already
  report.notes.push_back(
      fmt::format("Crossref announces {} requests per {}: requests are spaced at least {} ms apart",
                  response.headers.at("x-rate-limit-limit"),
                  response.headers.at("x-rate-limit-interval"), spacing->count()));
}

Result<HarvestReport> CrossrefHarvester::run() {
  auto issn = sources::parse_issn(journal_.issn);
  if (!issn) return std::unexpected(issn.error().with_context("crossref"));
  if (options_.mailto.empty()) {
    return fail(ErrorCode::invalid_argument,
                "crossref: a contact e-mail is needed for Crossref's polite pool (contact_email)");
  }
  if (options_.rows < 1 || options_.rows > 1000) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("crossref: rows must be 1..1000, got {}", options_.rows));
  }
  if (!journal_.from.empty() && !core::valid_day(journal_.from)) {
    return fail(
        ErrorCode::invalid_argument,
        fmt::format("crossref: --from: expected a date YYYY-MM-DD, got '{}'", journal_.from));
  }
  HarvestReport report;
  const std::string key = "crossref:journal:" + *issn;
  auto loaded = page_state::load(store_, key);
  if (!loaded) return std::unexpected(loaded.error());
  const json state = std::move(*loaded);
  const std::string now = core::utc_now(options_.now);

  // Which window, and where in it.
  Window window;
  std::string cursor = "*";
  std::int64_t fetched = 0;
  const std::string horizon = str(state, "horizon");
  // An earlier `from` than the journal was harvested from asks for a backfill: a whole window.
  const bool backfill = !journal_.from.empty() && !horizon.empty() && journal_.from < horizon;
  if (backfill) {
    window = {journal_.from, "", now};
    report.notes.push_back("harvesting the works registered since " + journal_.from +
                           " (before, since " + horizon + ")");
  } else if (!str(state, "cursor").empty()) {
    window = {horizon, str(state, "since"), str(state, "started")};
    cursor = str(state, "cursor");
    fetched = num(state, "fetched");
    const auto given = core::parse_utc_time(str(state, "cursor_at"));
    const auto at = core::parse_utc_time(now);
    if (cursor != "*" && (!given || !at || *at - *given > options_.cursor_lifetime)) {
      report.notes.push_back(fmt::format(
          "the interrupted harvest's cursor (given {}) has expired: restarted its window",
          str(state, "cursor_at")));
      cursor = "*";
      fetched = 0;
    } else {
      report.notes.push_back(fmt::format("resumed an interrupted harvest after {} of {} works",
                                         fetched, num(state, "total")));
    }
  } else if (!str(state, "last_complete").empty() && !horizon.empty()) {
    window = {horizon, days_before(str(state, "last_complete"), options_.overlap_days), now};
    report.notes.push_back("harvesting the works new or changed since " + window.since);
  } else {
    window = {journal_.from.empty() ? days_before(now, options_.initial_days) : journal_.from, "",
              now};
    report.notes.push_back("first harvest: the works registered since " + window.horizon);
  }
  std::string filter = "from-created-date:" + window.horizon;
  if (!window.since.empty()) filter += ",from-index-date:" + window.since;

  bool restarted = false;
  for (int page = 1;; ++page) {
    const std::string url = fmt::format(
        "{}/journals/{}/works?filter={}&rows={}&cursor={}&mailto={}", options_.api_url, *issn,
        query_escape(filter), options_.rows, query_escape(cursor), query_escape(options_.mailto));
    const std::string what =
        fmt::format("Crossref journal {} page {} ({})", *issn, page, net::redact_url(url));
    auto response = fetch(url, what);
    if (!response) return std::unexpected(response.error());
    ++report.requests;
    slow_down_to(*response, report);

    const bool rejected = response->status == 400 || response->status == 404;
    if (rejected && cursor != "*" && !restarted) {
      // Crossref forgets cursors after 5 minutes and then answers 404 (or 400): the window is
      // read again from its start; what is already stored is unchanged and costs nothing.
      report.notes.push_back(
          fmt::format("Crossref no longer knows the stored cursor (HTTP {}): restarted the window",
                      response->status));
      log(what + ": cursor expired; restarting the window");
      cursor = "*";
      fetched = 0;
      restarted = true;
      continue;
    }
    auto parsed = sources::crossref::parse_crossref(response->body, what);
    if (!response->ok()) {
      const std::string said = parsed && parsed->info.answer == sources::Answer::error
                                   ? ": " + parsed->info.error_message
                                   : "";
      if (response->status == 404) {
        return fail(ErrorCode::invalid_argument,
                    fmt::format("crossref: Crossref knows no journal with ISSN {} (HTTP 404{})",
                                *issn, said));
      }
      if (response->status == 400) {
        return fail(ErrorCode::invalid_argument,
                    fmt::format("{}: Crossref rejected the request (HTTP 400{})", what, said));
      }
      return fail(ErrorCode::bad_upstream_data, fmt::format("{}: HTTP {}", what, response->status));
    }
    if (!parsed) return std::unexpected(parsed.error());
    if (parsed->info.answer == sources::Answer::error) {
      return fail(ErrorCode::bad_upstream_data,
                  fmt::format("{}: Crossref answered {}: {}", what, parsed->info.error_code,
                              parsed->info.error_message));
    }
    if (!parsed->info.total_results) {  // every work-list has total-results; a single work none
      return fail(ErrorCode::bad_upstream_data,
                  fmt::format("{}: not a list of works (no total-results)", what));
    }

    const auto got = static_cast<std::int64_t>(parsed->papers.size() + parsed->rejected.size());
    fetched += got;
    const std::int64_t total = parsed->info.total_results.value_or(fetched);
    const std::string& next_cursor = parsed->info.next_cursor;
    // The last page holds fewer works than asked for (none when the total is a multiple of
    // `rows`).
    const bool done = got < options_.rows || next_cursor.empty();
    json next = {{"horizon", window.horizon}, {"total", total}};
    if (done) {
      next["last_complete"] = window.started;
      next["cursor"] = "";
    } else {
      next["since"] = window.since;
      next["started"] = window.started;
      next["cursor"] = next_cursor;
      next["cursor_at"] = core::utc_now(options_.now);
      next["fetched"] = fetched;
      next["last_complete"] = str(state, "last_complete");
    }
    const store::StateEntry entry{key, next.dump()};
    stamp_records(parsed->papers, url, core::utc_now(options_.now));
    auto counts = store_.upsert(parsed->papers, std::span(&entry, 1));
    if (!counts) return std::unexpected(counts.error().with_context(what));
    page_state::add_page(report, *counts, *parsed);
    log(fmt::format("{}: {} works, {} of {} ({} new, {} updated)", what, got, fetched, total,
                    counts->inserted, counts->updated));
    if (done) break;
    if (next_cursor == cursor) {
      return fail(ErrorCode::bad_upstream_data,
                  fmt::format("{}: Crossref answered the cursor with the same cursor", what));
    }
    cursor = next_cursor;
  }
  report.complete = true;
  return report;
}

}  // namespace ah::harvest
