// Harvests bioRxiv or medRxiv (api.biorxiv.org "details" by posting-date interval, paged by the
// API's cursor) into a PaperStore. Every page is stored in one transaction with the state needed
// to continue after it (the interval and the next cursor), so a killed run resumes where it
// stopped, and a finished run remembers the last complete day, so the next one fetches only the
// days after it. One harvester per thread; the HttpClient and PaperStore are borrowed and must
// outlive it.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/calendar.h"
#include "core/error.h"
#include "harvest/harvester.h"
#include "net/http_client.h"
#include "store/paper_store.h"

namespace ah::harvest {

struct BiorxivOptions {
  std::string api_url = "https://api.biorxiv.org";
  std::string server = "biorxiv";  // "biorxiv" or "medrxiv"
  // An explicit interval of posting dates (YYYY-MM-DD, both ends included). Empty `from`: the
  // incremental interval (see BiorxivHarvester::run). Empty `until`: today (UTC).
  std::string from, until;
  // The first run of a server reads the preprints posted in the last `first_days` days and
  // today. 0..36500.
  int first_days = 7;
  // The current time (tests fix it); default: the system clock.
  core::WallClock now;
};

class BiorxivHarvester final : public Harvester {
 public:
  BiorxivHarvester(net::HttpClient& http, store::PaperStore& store, BiorxivOptions options,
                   Log log = {});

  // One run over one interval: `/details/{server}/{from}/{until}/{cursor}` from cursor 0, each
  // next cursor = this one + the items the page really holds (pages of 100, but the answer's
  // `count` is not trusted), until cursor >= the answer's total or a page holds no item.
  //  - the interval: an explicit one (options.from/until); else an interrupted run's, resumed at
  //    its stored cursor; else the day after the last complete day to today; else the first run's
  //    (`first_days`).
  //  - the state under "biorxiv:<server>" holds the interval in progress and its next cursor, or
  //    "last_day": the last day up to which every day was read after it was over (today is
  //    read, but stays incomplete: the next run reads it again; an explicit interval after a
  //    gap does not move it).
  //  - "no posts found" is an empty, complete interval.
  // Errors: invalid_argument for a server other than biorxiv/medrxiv, an interval whose end is
  // before its start, or an answer with an error status (quoted); bad_upstream_data for an answer
  // that is not a details answer (naming the page) or an HTTP error status; those of the client
  // (unavailable, rate_limited) and the store (internal). Pages stored before an error stay
  // stored.
  Result<HarvestReport> run() override;

 private:
  net::HttpClient& http_;
  store::PaperStore& store_;
  BiorxivOptions options_;
  Log log_;
};

}  // namespace ah::harvest
