#include "harvest/arxiv_harvester.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "harvest/page_state.h"
#include "net/url.h"
#include "sources/arxiv/atom_parser.h"
#include "sources/arxiv/oai_parser.h"
#include "sources/arxiv/rss_parser.h"

namespace ah::harvest {
namespace arxiv = ah::sources::arxiv;
using nlohmann::json;

std::string query_escape(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3);
  for (unsigned char c : value) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

namespace {

net::Request get_request(std::string url) {
  net::Request r;
  r.url = std::move(url);
  return r;
}

std::string join_url(const std::string& base, const std::string& query) {
  return base + (base.find('?') == std::string::npos ? "?" : "&") + query;
}

// A page is stored whole or not at all: one that breaks off would lose its resumption token (and
// look like the end of the list) or its paging, so it fails the harvest, to be resumed.
Result<sources::ParseResult> whole(Result<sources::ParseResult> parsed) {
  if (parsed && parsed->truncated) return std::unexpected(*parsed->truncated);
  return parsed;
}

}  // namespace

ArxivHarvester::ArxivHarvester(net::HttpClient& http, store::PaperStore& store,
                               ArxivEndpoints endpoints, Log log, core::WallClock now)
    : http_(http),
      store_(store),
      endpoints_(std::move(endpoints)),
      log_(std::move(log)),
      now_(std::move(now)) {}

void ArxivHarvester::log(std::string_view line) const {
  if (log_) log_(line);
}

Result<net::Response> ArxivHarvester::fetch(const net::Request& request, std::string_view what) {
  auto response = http_.get(request);
  if (!response) {
    Error e = response.error();
    if (e.code == ErrorCode::unavailable) {
      e.message +=
          ". Without network, import recorded files instead: academichub import PATH "
          "(OAI-PMH pages, API or RSS feeds, or the arXiv metadata snapshot)";
    }
    return std::unexpected(e.with_context(what));
  }
  return response;
}

std::string ArxivHarvester::oai_key(std::string_view set) const {
  return fmt::format("arxiv-oai:{}:{}", endpoints_.oai_prefix, set);
}

Result<std::string> ArxivHarvester::oai_next_from(std::string_view set, std::string_view fallback) {
  auto loaded = page_state::load(store_, oai_key(set));
  if (!loaded) return std::unexpected(loaded.error());
  const json& state = *loaded;
  if (!page_state::str(state, "token").empty() && !page_state::str(state, "from").empty() &&
      page_state::str(state, "until").empty()) {
    return page_state::str(state, "from");
  }
  if (!page_state::str(state, "next_from").empty()) return page_state::str(state, "next_from");
  return std::string(fallback);
}

Result<HarvestReport> ArxivHarvester::oai(std::string_view set, std::string_view from,
                                          std::optional<std::string> until) {
  HarvestReport report;
  const std::string key = oai_key(set);
  auto loaded = page_state::load(store_, key);
  if (!loaded) return std::unexpected(loaded.error());
  json state = std::move(*loaded);
  std::string token;
  if (page_state::str(state, "from") == from &&
      page_state::str(state, "until") == until.value_or("") &&
      !page_state::str(state, "token").empty()) {
    token = page_state::str(state, "token");
    report.notes.push_back(fmt::format("resumed an interrupted harvest at cursor {} (token {})",
                                       page_state::num(state, "cursor"), token));
  }
  bool restarted = false;
  for (int page = 1;; ++page) {
    std::string url;
    if (!token.empty()) {
      url = join_url(endpoints_.oai_url, "verb=ListRecords&resumptionToken=" + query_escape(token));
    } else {
      std::string q = "verb=ListRecords&metadataPrefix=" + query_escape(endpoints_.oai_prefix);
      if (!set.empty()) q += "&set=" + query_escape(set);
      if (!from.empty()) q += "&from=" + query_escape(from);
      if (until) q += "&until=" + query_escape(*until);
      url = join_url(endpoints_.oai_url, q);
    }
    const std::string what = fmt::format("arXiv OAI-PMH page {} ({})", page, net::redact_url(url));
    auto response = fetch(get_request(url), what);
    if (!response) return std::unexpected(response.error());
    ++report.requests;
    if (!response->ok()) {
      return fail(ErrorCode::bad_upstream_data, fmt::format("{}: HTTP {}", what, response->status));
    }
    auto parsed = whole(arxiv::parse_oai(response->body, what));
    if (!parsed) return std::unexpected(parsed.error());
    const sources::FeedInfo& info = parsed->info;

    if (info.answer == sources::Answer::no_records) {
      report.notes.push_back("no records match (nothing new in this set and date range)");
    } else if (info.error_code == "badResumptionToken") {
      if (restarted || token.empty()) {
        return fail(ErrorCode::bad_upstream_data,
                    what + ": badResumptionToken without a token to blame");
      }
      report.notes.push_back("the stored resumption token expired; restarted from " +
                             std::string(from));
      log("resumption token expired; restarting from " + std::string(from));
      token.clear();
      restarted = true;
      continue;
    } else if (info.answer == sources::Answer::error) {
      return fail(ErrorCode::invalid_argument, fmt::format("{}: the server answered {}: {}", what,
                                                           info.error_code, info.error_message));
    }

    // The page and the position after it are committed together.
    json next = {{"from", from},
                 {"until", until.value_or("")},
                 {"token", info.resumption_token},
                 {"cursor", info.cursor.value_or(0)},
                 {"complete_list_size", info.complete_list_size.value_or(0)}};
    if (info.resumption_token.empty()) {
      next["completed_at"] = info.response_date;
      // An incremental harvest may start at the day of this response next time.
      next["next_from"] = info.response_date.substr(0, 10);
    }
    store::StateEntry entry{key, next.dump()};
    stamp_records(parsed->papers, url, core::utc_now(now_));
    auto counts = store_.upsert(parsed->papers, std::span(&entry, 1));
    if (!counts) return std::unexpected(counts.error().with_context(what));
    page_state::add_page(report, *counts, *parsed);
    log(fmt::format("{}: {} records ({} new, {} updated){}", what, parsed->papers.size(),
                    counts->inserted, counts->updated,
                    info.complete_list_size
                        ? fmt::format(", {} of {}",
                                      info.cursor.value_or(0) +
                                          static_cast<std::int64_t>(parsed->papers.size()),
                                      *info.complete_list_size)
                        : ""));
    if (info.resumption_token.empty()) break;
    if (info.resumption_token == token) {
      // A server that hands back the token it was given would make us loop forever.
      return fail(ErrorCode::bad_upstream_data,
                  fmt::format("{}: the server answered resumption token '{}' with the same token",
                              what, token));
    }
    token = info.resumption_token;
  }
  report.complete = true;
  return report;
}

Result<HarvestReport> ArxivHarvester::rss(std::string_view categories) {
  HarvestReport report;
  const std::string key = "arxiv-rss:" + std::string(categories);
  auto loaded = page_state::load(store_, key);
  if (!loaded) return std::unexpected(loaded.error());
  json state = std::move(*loaded);
  net::Request request = get_request(endpoints_.rss_url + std::string(categories));
  request.if_none_match = page_state::str(state, "etag");
  request.if_modified_since = page_state::str(state, "last_modified");
  const std::string what = "arXiv RSS " + net::redact_url(request.url);
  auto response = fetch(request, what);
  if (!response) return std::unexpected(response.error());
  ++report.requests;
  report.complete = true;
  if (response->not_modified()) {
    report.notes.push_back("feed not modified since the last harvest");
    return report;
  }
  if (!response->ok()) {
    return fail(ErrorCode::bad_upstream_data, fmt::format("{}: HTTP {}", what, response->status));
  }
  auto parsed = whole(arxiv::parse_rss(response->body, what));
  if (!parsed) return std::unexpected(parsed.error());
  const std::string build_date = parsed->info.last_build_date;
  json next = {{"etag", response->etag},
               {"last_modified", response->last_modified},
               {"last_build_date", build_date}};
  store::StateEntry entry{key, next.dump()};
  if (!build_date.empty() && build_date == page_state::str(state, "last_build_date")) {
    report.notes.push_back("announcement of " + build_date + " was already harvested");
    auto saved = store_.put_state(std::span(&entry, 1));
    if (!saved) return std::unexpected(saved.error());
    return report;
  }
  stamp_records(parsed->papers, request.url, core::utc_now(now_));
  auto counts = store_.upsert(parsed->papers, std::span(&entry, 1));
  if (!counts) return std::unexpected(counts.error().with_context(what));
  page_state::add_page(report, *counts, *parsed);
  if (parsed->papers.empty())
    report.notes.push_back("the feed lists no papers (no announcement today)");
  log(fmt::format("{}: {} items ({} new, {} updated)", what, parsed->papers.size(),
                  counts->inserted, counts->updated));
  return report;
}

Result<HarvestReport> ArxivHarvester::query(std::string_view search_query,
                                            std::optional<std::int64_t> max_results) {
  HarvestReport report;
  const std::string key = "arxiv-api:" + std::string(search_query);
  auto loaded = page_state::load(store_, key);
  if (!loaded) return std::unexpected(loaded.error());
  json state = std::move(*loaded);
  std::int64_t start = 0;
  if (page_state::num(state, "next_start") > 0) {
    start = page_state::num(state, "next_start");
    report.notes.push_back(fmt::format("resumed an interrupted query at result {}", start));
  }
  const std::int64_t limit = max_results.value_or(INT64_MAX);
  std::int64_t fetched = 0;
  int empty_retries = 0;
  while (fetched < limit) {
    const std::int64_t page_size =
        std::min<std::int64_t>(endpoints_.api_page_size, limit - fetched);
    const std::string url = join_url(
        endpoints_.api_url,
        fmt::format("search_query={}&start={}&max_results={}&sortBy=submittedDate&sortOrder="
                    "descending",
                    query_escape(search_query), start, page_size));
    const std::string what =
        fmt::format("arXiv API results {}.. ({})", start, net::redact_url(url));
    auto response = fetch(get_request(url), what);
    if (!response) return std::unexpected(response.error());
    ++report.requests;
    // arXiv answers a bad query with HTTP 400 and an Atom error feed: parse it for the message.
    auto parsed = whole(arxiv::parse_atom(response->body, what));
    if (!parsed) {
      if (!response->ok()) {
        return fail(ErrorCode::bad_upstream_data,
                    fmt::format("{}: HTTP {}", what, response->status));
      }
      return std::unexpected(parsed.error());
    }
    if (parsed->info.answer == sources::Answer::error) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("arXiv rejected the query '{}': {} ({})", search_query,
                              parsed->info.error_message, parsed->info.error_code));
    }
    if (!response->ok()) {
      return fail(ErrorCode::bad_upstream_data, fmt::format("{}: HTTP {}", what, response->status));
    }
    const std::int64_t total = parsed->info.total_results.value_or(0);
    const std::int64_t got = static_cast<std::int64_t>(parsed->papers.size());
    if (got == 0 && start < total && empty_retries < 3) {
      // The API is known to return an empty page now and then in the middle of a result list.
      ++empty_retries;
      report.notes.push_back(fmt::format("empty page at {} of {}: asked again", start, total));
      continue;
    }
    empty_retries = 0;
    fetched += got;
    const std::int64_t next_start = start + got;
    const bool done = got == 0 || next_start >= total || fetched >= limit;
    json next = {{"next_start", done ? 0 : next_start}, {"total", total}};
    store::StateEntry entry{key, next.dump()};
    stamp_records(parsed->papers, url, core::utc_now(now_));
    auto counts = store_.upsert(parsed->papers, std::span(&entry, 1));
    if (!counts) return std::unexpected(counts.error().with_context(what));
    page_state::add_page(report, *counts, *parsed);
    log(fmt::format("{}: {} entries of {} ({} new, {} updated)", what, got, total, counts->inserted,
                    counts->updated));
    if (done) {
      report.complete = got == 0 || next_start >= total;
      break;
    }
    start = next_start;
  }
  return report;
}

}  // namespace ah::harvest
