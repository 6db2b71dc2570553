// Harvests the works of one OpenAlex source (a journal: "S125754415") by publication-date
// window, with cursor paging, into a PaperStore. Every page is stored in one transaction with
// the state needed to continue after it (the window and the next cursor), so a killed run
// resumes where it stopped. OpenAlex meters use per day: the harvester reads the budget each
// answer reports (sources/openalex/budget.h) and stops for the day when it is spent, keeping its
// place for the next run. One harvester per thread; the HttpClient and PaperStore are borrowed
// and must outlive it.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/calendar.h"
#include "core/error.h"
#include "harvest/harvester.h"
#include "net/http_client.h"
#include "store/paper_store.h"

namespace ah::harvest {

struct OpenalexOptions {
  std::string api_url = "https://api.openalex.org";
  // The source whose works are harvested: "S125754415" (or "https://openalex.org/S125754415").
  std::string source_id;
  // An explicit publication-date window (YYYY-MM-DD, both ends included). Empty `from`: the
  // incremental window (see OpenalexHarvester::run). Empty `until`: today (UTC).
  std::string from, until;
  // OpenAlex's API key (the setting openalex_api_key): sent as the api_key parameter when not
  // empty, never otherwise; logs and stored URLs show it as "***".
  std::string api_key;
  int per_page = 100;  // results per page, 1..100 (OpenAlex's advice for list queries)
  // An incremental run starts this many days before the end of the last complete window:
  // OpenAlex adds works days after their publication date, and a work dated inside a window
  // already read would otherwise never be fetched. The overlap costs a page or two; the store
  // keeps what it already has unchanged. 0..365.
  int lookback_days = 7;
  // The first run of a source without a window reads the works published in the last
  // `first_days` days. 1..36500.
  int first_days = 30;
  // The current time (tests fix it); default: the system clock.
  core::WallClock now;
};

// A spent daily budget that gives no reset time holds the next run back this long at most.
inline constexpr std::chrono::minutes kOpenalexRetryAfterBudget{60};

class OpenalexHarvester final : public Harvester {
 public:
  OpenalexHarvester(net::HttpClient& http, store::PaperStore& store, OpenalexOptions options,
                    Log log = {});

  // One run over one publication-date window, read with `cursor` paging (`per_page` works a
  // page, only the fields the parser reads: `select`):
  //  - "new" means published in the window: an explicit window (options.from/until); else the
  //    window of an interrupted run, resumed at its stored cursor; else from `lookback_days`
  //    before the end of the last complete window to today; else the last `first_days` days.
  //    (OpenAlex's from_created_date would say exactly what is new, but it has been a filter of
  //    its paid plans; a publication-date window with a look-back works with every key.)
  //  - the state under "openalex:<source id>" holds the window in progress and its next cursor,
  //    or the end of the last complete window ("last_until"); a stored cursor OpenAlex refuses
  //    (400) restarts the window from its first page, once.
  //  - budget: each answer's rate-limit headers give HarvestReport::budget_left (requests of
  //    this cost left today). When they say nothing is left, or OpenAlex answers 429 with
  //    headers that say so (or a Retry-After of more than 10 minutes: the wait until the daily
  //    reset), the run stops: budget_spent = true, complete = false, the place kept, and the
  //    next run before the budget resets (X-RateLimit-Reset, else Retry-After, else at most
  //    kOpenalexRetryAfterBudget) returns at once without a request. Other 429s are retried
  //    three times after the wait the politeness layer keeps (their Retry-After), then
  //    rate_limited.
  // Errors: invalid_argument for a source id that is not "S" + digits, a window whose end is
  // before its start, per_page out of range, or a request OpenAlex refuses (400, 401, 403: its
  // message is quoted); bad_upstream_data for an answer that is not a works list (naming the
  // page) or another HTTP status; rate_limited as above; those of the client (unavailable) and
  // the store (internal). Pages stored before an error stay stored.
  Result<HarvestReport> run() override;

 private:
  net::HttpClient& http_;
  store::PaperStore& store_;
  OpenalexOptions options_;
  Log log_;
};

// "S125754415" from "S125754415", "s125754415" or "https://openalex.org/S125754415"; nullopt
// for anything else.
std::optional<std::string> openalex_source_id(std::string_view text);

}  // namespace ah::harvest
