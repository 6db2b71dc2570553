// Harvests arXiv over HTTP into a PaperStore: OAI-PMH ListRecords by set and date, the RSS
// announcement feeds, and API search queries. Every page is stored in one transaction together
// with the harvest state (resumption token, paging offset, feed validators), so a harvest killed at
// any point resumes where it stopped and a re-run never duplicates a paper.
// One harvester per thread; the HttpClient and PaperStore are borrowed and must outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/error.h"
#include "harvest/harvester.h"
#include "net/http_client.h"
#include "store/paper_store.h"

namespace ah::harvest {

struct ArxivEndpoints {
  std::string api_url = "https://export.arxiv.org/api/query";
  std::string oai_url = "https://oaipmh.arxiv.org/oai";
  std::string rss_url = "https://rss.arxiv.org/rss/";
  std::string oai_prefix = "arXivRaw";  // or "arXiv"
  int api_page_size = 100;              // 1..2000
};

class ArxivHarvester {
 public:
  using Log = std::function<void(std::string_view)>;
  // `now` stamps the records' fetched_at (tests fix it); empty: the system clock.
  ArxivHarvester(net::HttpClient& http, store::PaperStore& store, ArxivEndpoints endpoints,
                 Log log = {}, core::WallClock now = {});

  // OAI-PMH ListRecords for `set` ("cs", "physics:hep-th", or "" for all) from `from` (YYYY-MM-DD)
  // to `until` (optional). Resumes a stored resumption token of the same (set, from, until);
  // restarts from `from` when the server says badResumptionToken. noRecordsMatch is a complete,
  // empty harvest. Errors: unavailable (host unreachable: the message says to use `academichub
  // import` instead), rate_limited, bad_upstream_data (a page that is not OAI-PMH XML, naming
  // the page), internal (store).
  Result<HarvestReport> oai(std::string_view set, std::string_view from,
                            std::optional<std::string> until = std::nullopt);

  // The `from` an incremental OAI-PMH harvest of `set` goes on with: the interrupted harvest's
  // own `from` when one stopped before the end of its list (so oai() resumes its token), else the
  // day the last complete harvest's answer was dated, else `fallback`. Errors: the store's.
  Result<std::string> oai_next_from(std::string_view set, std::string_view fallback);

  // The RSS feed of `categories` ("cs.CL+cs.AI"). Conditional GET with the stored ETag and
  // Last-Modified; an unchanged lastBuildDate stores nothing. Errors as for oai().
  Result<HarvestReport> rss(std::string_view categories);

  // An arXiv API search_query ("ti:transformer AND cat:cs.CL"), newest first, paged by
  // api_page_size up to `max_results` papers (all when nullopt). A stored paging offset of the same
  // query is resumed. Errors: invalid_argument when arXiv rejects the query (its 400 error feed),
  // and as for oai().
  Result<HarvestReport> query(std::string_view search_query,
                              std::optional<std::int64_t> max_results = std::nullopt);

 private:
  Result<net::Response> fetch(const net::Request& request, std::string_view what);
  std::string oai_key(std::string_view set) const;  // its harvest_state key
  void log(std::string_view line) const;

  net::HttpClient& http_;
  store::PaperStore& store_;
  ArxivEndpoints endpoints_;
  Log log_;
  core::WallClock now_;
};

// Percent-encodes a query-string value (RFC 3986 unreserved characters kept).
std::string query_escape(std::string_view value);

}  // namespace ah::harvest
