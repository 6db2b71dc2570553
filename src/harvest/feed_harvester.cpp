#include "harvest/feed_harvester.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "harvest/page_state.h"
#include "net/url.h"
#include "sources/feeds/parser.h"

namespace ah::harvest {
namespace {

using nlohmann::json;
using page_state::str;

// FNV-1a, 64 bits: a stable fingerprint of a feed's bytes (not a security measure).
std::string fingerprint(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

}  // namespace

FeedHarvester::FeedHarvester(net::HttpClient& http, store::PaperStore& store, FeedSource feed,
                             Log log, core::WallClock now)
    : http_(http),
      store_(store),
      feed_(std::move(feed)),
      log_(std::move(log)),
      now_(std::move(now)) {}

Result<HarvestReport> FeedHarvester::run() {
  if (!feed_.url.starts_with("http://") && !feed_.url.starts_with("https://")) {
    return fail(ErrorCode::invalid_argument,
                "feed: expected an http(s) URL, got '" + net::redact_url(feed_.url) + "'");
  }
  const std::string shown = net::redact_url(feed_.url);
  const std::string key = "feed:" + shown;
  const std::string what = "feed " + shown;
  auto loaded = page_state::load(store_, key);
  if (!loaded) return std::unexpected(loaded.error());
  const json state = std::move(*loaded);

  net::Request request;
  request.url = feed_.url;
  request.if_none_match = str(state, "etag");
  request.if_modified_since = str(state, "last_modified");
  auto response = http_.get(request);
  if (!response) return std::unexpected(response.error().with_context(what));
  HarvestReport report;
  report.requests = 1;
  if (response->not_modified()) {
    report.complete = true;
    report.notes.push_back("the feed has not changed since the last harvest (HTTP 304)");
    return report;
  }
  if (!response->ok()) {
    // A bot check often comes with 403 or 429: say what the page is, not only the status.
    const std::string page = sources::feeds::describe_html_answer(response->body);
    return fail(ErrorCode::bad_upstream_data,
                fmt::format("{}: HTTP {}{}", what, response->status,
                            page.empty() ? "" : ": the feed answered with " + page));
  }
  const sources::feeds::FeedOptions options{feed_.venue};
  auto parsed = sources::feeds::parse_feed_with(response->body, what, options);
  if (!parsed) return std::unexpected(parsed.error());
  if (parsed->truncated) return std::unexpected(*parsed->truncated);

  const std::string hash = fingerprint(response->body);
  const json next = {{"etag", response->etag},
                     {"last_modified", response->last_modified},
                     {"hash", hash},
                     {"last_build_date", parsed->info.last_build_date}};
  const store::StateEntry entry{key, next.dump()};
  report.complete = true;
  if (hash == str(state, "hash")) {
    report.notes.push_back("the feed is the same as at the last harvest: nothing to store");
    auto saved = store_.put_state(std::span(&entry, 1));  // its validators may be new
    if (!saved) return std::unexpected(saved.error().with_context(what));
    return report;
  }
  stamp_records(parsed->papers, feed_.url, core::utc_now(now_));
  auto counts = store_.upsert(parsed->papers, std::span(&entry, 1));
  if (!counts) return std::unexpected(counts.error().with_context(what));
  page_state::add_page(report, *counts, *parsed);
  if (parsed->papers.empty() && parsed->rejected.empty()) {
    report.notes.push_back("the feed lists no items");
  }
  if (log_) {
    log_(fmt::format("{}: {} items ({} new, {} updated, {} rejected)", what,
                     parsed->papers.size() + parsed->rejected.size(), counts->inserted,
                     counts->updated, parsed->rejected.size()));
  }
  return report;
}

}  // namespace ah::harvest
