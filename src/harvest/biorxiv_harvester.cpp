#include "harvest/biorxiv_harvester.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "harvest/page_state.h"
#include "net/url.h"
#include "sources/biorxiv/details_parser.h"

namespace ah::harvest {
using nlohmann::json;

BiorxivHarvester::BiorxivHarvester(net::HttpClient& http, store::PaperStore& store,
                                   BiorxivOptions options, Log log)
    : http_(http), store_(store), options_(std::move(options)), log_(std::move(log)) {}

Result<HarvestReport> BiorxivHarvester::run() {
  const std::string& server = options_.server;
  if (server != "biorxiv" && server != "medrxiv") {
    return fail(ErrorCode::invalid_argument,
                fmt::format("bioRxiv server '{}': expected biorxiv or medrxiv", server));
  }
  const auto now = core::now(options_.now);
  const std::string today = core::day_of(now);
  const std::string key = "biorxiv:" + server;
  auto loaded = page_state::load(store_, key);
  if (!loaded) return std::unexpected(loaded.error());
  json state = std::move(*loaded);
  HarvestReport report;

  std::string from = options_.from, until = options_.until.empty() ? today : options_.until;
  std::int64_t cursor = 0;
  const bool explicit_interval = !options_.from.empty();
  const std::int64_t stored_cursor = page_state::num(state, "cursor");
  if (stored_cursor > 0 && (!explicit_interval || (page_state::str(state, "from") == from &&
                                                   page_state::str(state, "until") == until))) {
    from = page_state::str(state, "from");
    until = page_state::str(state, "until");
    cursor = stored_cursor;
    report.notes.push_back(fmt::format("resumed the interval {}..{} of an interrupted run at {}",
                                       from, until, cursor));
  } else if (!explicit_interval) {
    const std::string last = page_state::str(state, "last_day");
    from = last.empty() ? core::add_days(today, -options_.first_days) : core::add_days(last, 1);
  }
  if (!core::valid_day(from) || !core::valid_day(until) || until < from) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("bioRxiv interval {}..{}: expected two dates YYYY-MM-DD, the first "
                            "not after the second",
                            from, until));
  }

  for (int page = 1;; ++page) {
    const std::string url =
        fmt::format("{}/details/{}/{}/{}/{}", options_.api_url, server, from, until, cursor);
    const std::string what =
        fmt::format("{} details page {} ({})", server, page, net::redact_url(url));
    net::Request request;
    request.url = url;
    auto response = http_.get(request);
    if (!response) return std::unexpected(response.error().with_context(what));
    ++report.requests;
    if (!response->ok()) {
      return fail(ErrorCode::bad_upstream_data, fmt::format("{}: HTTP {}", what, response->status));
    }
    auto parsed = sources::biorxiv::parse_details(response->body, what);
    if (!parsed) return std::unexpected(parsed.error());
    const sources::FeedInfo& info = parsed->info;
    if (info.answer == sources::Answer::error) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("{}: the API answered: {}", what, info.error_code));
    }
    const std::int64_t items = info.items_per_page.value_or(0);
    const std::int64_t next = cursor + items;
    const bool done = info.answer == sources::Answer::no_records || items == 0 ||
                      next >= info.total_results.value_or(0);

    json place = state;
    if (done) {
      // A day is complete once it is over (today is read again by the next run), and the last
      // complete day moves only over days read without a gap since it.
      const std::string last = page_state::str(state, "last_day");
      const std::string complete_until = std::min(until, core::add_days(today, -1));
      if (complete_until > last && (last.empty() || from <= core::add_days(last, 1))) {
        place["last_day"] = complete_until;
      }
      place["cursor"] = 0;
      place.erase("from");
      place.erase("until");
      place.erase("total");
    } else {
      place["from"] = from;
      place["until"] = until;
      place["cursor"] = next;
      place["total"] = info.total_results.value_or(0);
    }
    store::StateEntry entry{key, place.dump()};
    stamp_records(parsed->papers, url, core::utc_time(now));
    auto counts = store_.upsert(parsed->papers, std::span(&entry, 1));
    if (!counts) return std::unexpected(counts.error().with_context(what));
    state = std::move(place);
    page_state::add_page(report, *counts, *parsed);
    if (log_) {
      log_(fmt::format("{}: {} items, {} preprints ({} new, {} updated), {} of {}", what, items,
                       parsed->papers.size(), counts->inserted, counts->updated,
                       std::min(next, info.total_results.value_or(next)),
                       info.total_results.value_or(next)));
    }
    if (done) break;
    cursor = next;
  }
  report.complete = true;
  if (report.records == 0) {
    report.notes.push_back(fmt::format("no posts in {}..{}", from, until));
  }
  return report;
}

}  // namespace ah::harvest
