// Harvests one journal's works from the Crossref REST API into a PaperStore:
// /journals/{issn}/works with cursor paging, in the polite pool (mailto), slowing down to the
// rate Crossref's headers announce. Every page is stored in one transaction with the state
// needed to continue after it, so a killed harvest resumes at the next page and a re-run fetches
// only what changed since the last complete one.
// One harvester per thread; the HttpClient, PaperStore and Clock are borrowed and must outlive it.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/calendar.h"
#include "core/error.h"
#include "harvest/harvester.h"
#include "net/http_client.h"
#include "store/paper_store.h"

namespace ah::harvest {

struct CrossrefOptions {
  std::string api_url = "https://api.crossref.org";  // no trailing slash
  // The operator's contact address, sent as mailto= (Crossref's polite pool). Required.
  std::string mailto;
  // Works per page, 1..1000. A work with its reference list is 10-20 KB, so 1000 rows can be a
  // 20 MB answer that Crossref is slow to build; 200 keeps pages near 4 MB.
  int rows = 200;
  // A first harvest without `from` fetches the works registered in the last this many days.
  int initial_days = 30;
  // An incremental harvest asks for works changed since this many days before the last complete
  // one began: index dates are days, and indexing lags deposits.
  int overlap_days = 1;
  // The spacing the politeness layer already keeps for Crossref's host (net::default_host_rules:
  // 334 ms); the harvester waits itself only when Crossref's headers announce a slower rate.
  std::chrono::milliseconds host_spacing{334};
  // Crossref forgets a cursor after 5 minutes; a stored cursor older than this restarts its window.
  std::chrono::seconds cursor_lifetime{300};
  // The current time (tests fix it); default: the system clock.
  core::WallClock now;
};

// One journal, as the catalogue names it.
struct CrossrefJournal {
  std::string issn;  // any form parse_issn accepts
  // The first day "YYYY-MM-DD" of the works (by from-created-date) to harvest. A first run starts
  // there (without it: initial_days back); a day before the one the journal was first harvested
  // from reads the works registered since it again (a backfill); otherwise the run continues
  // incrementally. Empty: continue incrementally.
  std::string from;
};

// What is fetched (the decision, documented once): every request asks for
//   filter=from-created-date:{horizon}[,from-index-date:{since}]
// where `horizon` is the first day this journal is harvested from (a first run's `from`, or
// initial_days back) and `since` is absent on a first run (everything registered since the
// horizon) and, on later runs, the day the last complete run began minus overlap_days. The two
// filters together ask for the works registered since the horizon that are new or changed since
// the last run: a new work is indexed when it is registered, so new works and changes (a
// correction's updated-by, an added abstract) come through one cursor; works registered before
// the horizon stay out even when Crossref re-indexes them.
// State, per ISSN under "crossref:journal:{ISSN}": the window in progress (horizon, since, its
// start time, the cursor of its next page and when that cursor was given) and the start time of
// the last complete window.
class CrossrefHarvester final : public Harvester {
 public:
  CrossrefHarvester(net::HttpClient& http, store::PaperStore& store, net::Clock& clock,
                    CrossrefJournal journal, CrossrefOptions options, Log log = {});

  // Runs the window in progress to its end (resuming its stored cursor; restarting the window
  // when the cursor has expired, which Crossref answers with 404 or 400), or starts the next one.
  // Errors: invalid_argument for an ISSN that is not one, an ISSN Crossref does not know (404 on
  // the first page), a request Crossref rejects (its validation message), a missing mailto or
  // rows out of range; and those of Harvester::run.
  Result<HarvestReport> run() override;

 private:
  Result<net::Response> fetch(const std::string& url, const std::string& what);
  void slow_down_to(const net::Response& response, HarvestReport& report);
  void log(std::string_view line) const;

  net::HttpClient& http_;
  store::PaperStore& store_;
  net::Clock& clock_;
  CrossrefJournal journal_;
  CrossrefOptions options_;
  Log log_;
  // The spacing Crossref's rate-limit headers ask for (interval / limit), and when the last
  // request started; a spacing above the host rule's is kept by sleeping before the next one.
  std::chrono::milliseconds announced_spacing_{0};
  std::optional<std::chrono::steady_clock::time_point> last_start_;
};

// The spacing that x-rate-limit-limit / x-rate-limit-interval ("50", "1s") announce, or nullopt
// when the headers are absent or unreadable.
std::optional<std::chrono::milliseconds> announced_spacing(const net::Response& response);

}  // namespace ah::harvest
