#include "harvest/pubmed_harvester.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/calendar.h"
#include "harvest/arxiv_harvester.h"  // query_escape
#include "harvest/page_state.h"
#include "net/url.h"
#include "sources/pubmed/efetch_parser.h"
#include "sources/pubmed/esearch_parser.h"

namespace ah::harvest {
namespace pubmed = ah::sources::pubmed;
using nlohmann::json;

// The part of the run's window being fetched, and where in it.
struct PubmedHarvester::Window {
  std::string from, until;            // the run's window
  std::string part_from, part_until;  // the part searched (the window, or a piece of it)
  std::string webenv, query_key;      // its search on the history server; empty: search again
  std::int64_t retstart = 0;          // the next record to fetch
  std::int64_t count = 0;             // records the search matched

  json to_json() const {
    return {{"from", from},           {"until", until},
            {"part_from", part_from}, {"part_until", part_until},
            {"webenv", webenv},       {"query_key", query_key},
            {"retstart", retstart},   {"count", count}};
  }
};

namespace {

// "2024-01-31" -> "2024/01/31": E-utilities' date form.
std::string eutils_day(std::string day) {
  std::replace(day.begin(), day.end(), '-', '/');
  return day;
}

// The message of an E-utilities error body (JSON {"error": ...} or XML <ERROR>), or a short
// snippet of the body.
std::string body_message(const std::string& body) {
  auto e = pubmed::parse_esearch(body, "");
  if (e && !e->error.empty()) return e->error;
  auto f = pubmed::parse_efetch(body, "");
  if (f && !f->parsed.info.error_message.empty()) return f->parsed.info.error_message;
  std::string snippet = body.substr(0, 160);
  std::replace(snippet.begin(), snippet.end(), '\n', ' ');
  return snippet;
}

}  // namespace

PubmedHarvester::PubmedHarvester(net::HttpClient& http, store::PaperStore& store,
                                 PubmedOptions options, Log log)
    : http_(http), store_(store), options_(std::move(options)), log_(std::move(log)) {}

void PubmedHarvester::log(std::string_view line) const {
  if (log_) log_(line);
}

std::string PubmedHarvester::mask(std::string message) const {
  if (options_.api_key.empty()) return message;
  for (size_t at = message.find(options_.api_key); at != std::string::npos;
       at = message.find(options_.api_key, at + 3)) {
    message.replace(at, options_.api_key.size(), "***");
  }
  return message;
}

Error PubmedHarvester::masked(Error error) const {
  error.message = mask(std::move(error.message));
  return error;
}

std::string PubmedHarvester::common_params() const {
  std::string q = "&tool=" + query_escape(options_.tool) + "&email=" + query_escape(options_.email);
  if (!options_.api_key.empty()) q += "&api_key=" + query_escape(options_.api_key);
  return q;
}

Result<net::Response> PubmedHarvester::fetch(const std::string& url, std::string_view what) {
  net::Request request;
  request.url = url;
  auto response = http_.get(request);
  if (!response) {
    return std::unexpected(masked(response.error().with_context(what)));
  }
  if (!response->ok()) {
    // 400 is NCBI refusing the request itself (a bad key, a malformed parameter).
    const ErrorCode code = response->status >= 400 && response->status < 500
                               ? ErrorCode::invalid_argument
                               : ErrorCode::bad_upstream_data;
    return std::unexpected(masked(Error{code, fmt::format("{}: HTTP {}: {}", what, response->status,
                                                          body_message(response->body))}));
  }
  return response;
}

Result<HarvestReport> PubmedHarvester::run() {
  if (options_.term.empty()) return fail(ErrorCode::invalid_argument, "pubmed: no search term");
  if (options_.email.empty()) {
    return fail(ErrorCode::invalid_argument,
                "pubmed: NCBI asks for a contact e-mail with every request: set contact_email");
  }
  if (options_.batch_size < 1 || options_.batch_size > 10'000) {
    return fail(ErrorCode::invalid_argument, "pubmed: batch size must be 1..10000");
  }
  for (const std::string* d : {&options_.from, &options_.until}) {
    if (!d->empty() && !core::parse_day(*d)) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("pubmed: expected a date YYYY-MM-DD, got '{}'", *d));
    }
  }
  const std::string today = core::day_of(core::now(options_.now));
  const std::string key = "pubmed:" + options_.term;
  HarvestReport report;
  auto loaded = page_state::load(store_, key);
  if (!loaded) return std::unexpected(loaded.error());
  json state = std::move(*loaded);

  Window w;
  const json* run = state.contains("run") && state["run"].is_object() ? &state["run"] : nullptr;
  if (run && (options_.from.empty() || options_.from == page_state::str(*run, "from")) &&
      (options_.until.empty() || options_.until == page_state::str(*run, "until")) &&
      core::parse_day(page_state::str(*run, "part_from")) &&
      core::parse_day(page_state::str(*run, "part_until"))) {
    w = Window{page_state::str(*run, "from"),      page_state::str(*run, "until"),
               page_state::str(*run, "part_from"), page_state::str(*run, "part_until"),
               page_state::str(*run, "webenv"),    page_state::str(*run, "query_key"),
               page_state::num(*run, "retstart"),  page_state::num(*run, "count")};
    report.notes.push_back(
        fmt::format("resumed an interrupted harvest of {}..{} at {} of {} ({}..{})", w.from,
                    w.until, w.retstart, w.count, w.part_from, w.part_until));
  } else {
    w.from = options_.from;
    if (w.from.empty()) w.from = page_state::str(state, "next_from");
    if (w.from.empty()) w.from = core::add_days(today, -options_.initial_lookback_days);
    w.until = options_.until.empty() ? today : options_.until;
    const auto from = core::parse_day(w.from), until = core::parse_day(w.until);
    if (!from || !until) {  // a bad --from/--until, or a state file edited by hand
      return fail(ErrorCode::invalid_argument,
                  fmt::format("pubmed: the window {}..{} is not two days YYYY-MM-DD (--from, "
                              "--until or the harvest state's next_from)",
                              w.from, w.until));
    }
    if (*from > *until) {
      report.complete = true;
      report.notes.push_back(fmt::format("nothing to harvest: {} is after {}", w.from, w.until));
      return report;
    }
    w.part_from = w.from;
    w.part_until = w.until;
  }

  // The state committed with a batch: where the run goes on after it.
  auto after = [&](const Window& next, bool part_done) {
    json s = state;
    if (!part_done) {
      s["run"] = next.to_json();
    } else if (next.part_until == next.until) {
      s.erase("run");
      // The next run starts the day after; a window ending today is read again from today,
      // since entries of today may still come.
      s["next_from"] = next.until >= today ? next.until : core::add_days(next.until, 1);
      s["last_run"] = {
          {"from", next.from}, {"until", next.until}, {"at", core::utc_now(options_.now)}};
    } else {
      Window rest = next;
      rest.part_from = core::add_days(next.part_until, 1);
      rest.part_until = next.until;
      rest.webenv.clear();
      rest.query_key.clear();
      rest.retstart = rest.count = 0;
      s["run"] = rest.to_json();
    }
    return store::StateEntry{key, s.dump()};
  };

  int restarts = 0;
  bool reported_not_found = false;
  while (true) {
    if (w.webenv.empty()) {
      const std::string url = fmt::format(
          "{}esearch.fcgi?db=pubmed&term={}&datetype=edat&mindate={}&maxdate={}&usehistory=y"
          "&retmax=0&retmode=xml{}",
          options_.eutils_url, query_escape(options_.term), eutils_day(w.part_from),
          eutils_day(w.part_until), common_params());
      const std::string what = fmt::format("PubMed esearch {} entered {}..{} ({})", options_.term,
                                           w.part_from, w.part_until, net::redact_url(url));
      auto response = fetch(url, what);
      if (!response) return std::unexpected(response.error());
      ++report.requests;
      auto search = pubmed::parse_esearch(response->body, what);
      if (!search) return std::unexpected(masked(search.error()));
      if (!search->error.empty()) {
        return std::unexpected(masked(Error{
            ErrorCode::invalid_argument,
            fmt::format("PubMed rejected the search '{}': {}", options_.term, search->error)}));
      }
      if (!search->not_found.empty()) {
        std::string parts;
        for (const std::string& n : search->not_found) parts += (parts.empty() ? "" : "; ") + n;
        if (search->count == 0) {
          return fail(ErrorCode::invalid_argument,
                      fmt::format("PubMed matched nothing for part of the term '{}' ({}): is the "
                                  "journal or ISSN right?",
                                  options_.term, parts));
        }
        if (!reported_not_found)
          report.notes.push_back("PubMed ignored part of the term: " + parts);
        reported_not_found = true;
      }
      if (search->count > kPubmedMaxPerSearch && w.part_from < w.part_until) {
        // E-utilities serves at most 9,999 records of one search: halve the part and search again.
        const auto a = *core::parse_day(w.part_from), b = *core::parse_day(w.part_until);
        w.part_until = core::day_text(a + (b - a) / 2);
        log(fmt::format("{}: {} entries, more than one search can give: searching {}..{} first",
                        what, search->count, w.part_from, w.part_until));
        continue;
      }
      if (search->count > 0 && (search->webenv.empty() || search->query_key.empty())) {
        return fail(ErrorCode::bad_upstream_data,
                    what + ": the answer has no WebEnv/QueryKey (usehistory=y was asked)");
      }
      if (search->count > kPubmedMaxPerSearch) {
        report.notes.push_back(
            fmt::format("{} has {} entries for '{}': E-utilities gives the first {} of one search",
                        w.part_from, search->count, options_.term, kPubmedMaxPerSearch));
      }
      w.webenv = search->webenv;
      w.query_key = search->query_key;
      w.count = search->count;
      w.retstart = 0;
      log(fmt::format("{}: {} entries", what, w.count));
      if (w.count == 0) {
        store::StateEntry entry = after(w, true);
        if (auto saved = store_.put_state(std::span(&entry, 1)); !saved) {
          return std::unexpected(saved.error());
        }
      } else {
        // Kept at once: a run killed before its first batch resumes with this search.
        store::StateEntry entry = after(w, false);
        if (auto saved = store_.put_state(std::span(&entry, 1)); !saved) {
          return std::unexpected(saved.error());
        }
      }
    }

    const std::int64_t limit = std::min(w.count, kPubmedMaxPerSearch);
    bool lost_history = false;
    while (w.retstart < limit) {
      const std::int64_t size = std::min<std::int64_t>(options_.batch_size, limit - w.retstart);
      const std::string url = fmt::format(
          "{}efetch.fcgi?db=pubmed&query_key={}&WebEnv={}&retstart={}&retmax={}&retmode=xml{}",
          options_.eutils_url, query_escape(w.query_key), query_escape(w.webenv), w.retstart, size,
          common_params());
      const std::string what =
          fmt::format("PubMed efetch {}-{} of {} ({}..{}) ({})", w.retstart + 1, w.retstart + size,
                      w.count, w.part_from, w.part_until, net::redact_url(url));
      auto response = fetch(url, what);
      if (!response) return std::unexpected(response.error());
      ++report.requests;
      auto fetched = pubmed::parse_efetch(response->body, what);
      if (!fetched) return std::unexpected(masked(fetched.error()));
      sources::ParseResult& parsed = fetched->parsed;
      if (parsed.truncated) return std::unexpected(*parsed.truncated);
      const bool empty =
          parsed.papers.empty() && parsed.rejected.empty() && fetched->deleted.empty();
      if (parsed.info.answer == sources::Answer::error || empty) {
        const bool history = empty || parsed.info.error_code == "history";
        if (history && restarts < 2) {
          ++restarts;
          report.notes.push_back(fmt::format(
              "the history server lost the search of {}..{} ({}): searched again and restarted "
              "that part",
              w.part_from, w.part_until,
              empty ? "an empty batch" : mask(parsed.info.error_message)));
          log(report.notes.back());
          w.webenv.clear();
          lost_history = true;
          break;
        }
        return std::unexpected(
            masked(Error{ErrorCode::bad_upstream_data,
                         fmt::format("{}: {}", what,
                                     empty ? "no records before the end of the search"
                                           : parsed.info.error_message)}));
      }
      Window next = w;
      next.retstart = w.retstart + size;
      store::StateEntry entry = after(next, next.retstart >= limit);
      stamp_records(parsed.papers, url, core::utc_now(options_.now));
      auto counts = store_.upsert(parsed.papers, std::span(&entry, 1));
      if (!counts) return std::unexpected(counts.error().with_context(what));
      page_state::add_page(report, *counts, parsed);
      if (!fetched->deleted.empty()) {
        std::string ids;
        for (const std::string& id : fetched->deleted) ids += (ids.empty() ? "" : ", ") + id;
        report.notes.push_back("PubMed deleted PMIDs " + ids +
                               " (their records stay in the store: records are never deleted)");
      }
      log(fmt::format("{}: {} records ({} new, {} updated)", what, parsed.papers.size(),
                      counts->inserted, counts->updated));
      w.retstart = next.retstart;
    }
    if (lost_history) continue;
    if (w.part_until == w.until) break;
    w.part_from = core::add_days(w.part_until, 1);
    w.part_until = w.until;
    w.webenv.clear();
    w.query_key.clear();
    w.retstart = w.count = 0;
  }
  report.complete = true;
  return report;
}

}  // namespace ah::harvest
