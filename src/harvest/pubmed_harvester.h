// Harvests PubMed over NCBI E-utilities into a PaperStore: esearch by Entrez date (the day a
// record entered PubMed) for one configured term, with the result kept on NCBI's history server,
// then efetch in batches from it. Every batch is stored in one transaction together with the
// position after it, so a killed harvest resumes at the next batch, and a complete run records the
// day the next run starts from. One harvester per thread; the HttpClient and PaperStore are
// borrowed and must outlive it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/calendar.h"
#include "core/error.h"
#include "harvest/harvester.h"
#include "net/http_client.h"
#include "store/paper_store.h"

namespace ah::harvest {

struct PubmedOptions {
  // What to follow, in PubMed's query syntax: a journal ('"Nature"[ta]'), an ISSN
  // ('0028-0836[is]'), or any search. Required.
  std::string term;
  // The E-utilities base; esearch.fcgi and efetch.fcgi are appended.
  std::string eutils_url = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/";
  // NCBI asks every client to name itself (`tool`) and give a contact (`email`); both are sent
  // with every request. email is required (the config's contact_email).
  std::string tool = "academichub";
  std::string email;
  // Optional NCBI API key: sent as api_key only when not empty, and never logged (URLs in logs
  // and errors are redacted, and the key is masked in any upstream message quoted). With a key
  // NCBI allows 10 requests a second instead of 3: the caller raises the host's rule (see
  // cli/app.cpp).
  std::string api_key;
  int batch_size = 200;  // records per efetch, 1..10000
  // The Entrez-date window, "YYYY-MM-DD". Empty `from`: where the last complete run stopped (or
  // `initial_lookback_days` before today on a first run). Empty `until`: today.
  std::string from, until;
  int initial_lookback_days = 30;
  // The current time (tests fix it): its UTC day is "today" above, and records and runs are
  // stamped with it. Default: the system clock.
  core::WallClock now;
};

// The most records E-utilities gives from one search: efetch refuses a retstart past 9,998, so a
// window that matches more is split in halves until each part fits (a single day with more
// is fetched up to this many, and the report says so).
inline constexpr std::int64_t kPubmedMaxPerSearch = 9'999;

class PubmedHarvester : public Harvester {
 public:
  PubmedHarvester(net::HttpClient& http, store::PaperStore& store, PubmedOptions options,
                  Log log = {});

  // Harvests the window (see PubmedOptions::from/until). State under "pubmed:<term>": while a
  // run is under way, the window, the part being fetched, its WebEnv/query_key and the next
  // retstart; after a complete run, `next_from`: the day after `until`, or `until` itself when
  // that is today (entries of today may still come). A run given no dates resumes an interrupted
  // one; a run whose dates differ from the interrupted one starts afresh. A WebEnv the history
  // server no longer knows (efetch answers its ERROR, or an empty batch before the count is
  // reached) is searched again and the part restarts from its first record (at most twice per
  // run). Records PubMed deleted (DeleteCitation) are reported in notes; nothing is deleted.
  // Errors: invalid_argument (no term or email, bad dates, a search NCBI rejects: its ERROR, or
  // HTTP 400 such as a bad API key), unavailable, rate_limited (429s past the politeness
  // layer's retries), bad_upstream_data (an answer that is neither, naming the request), internal
  // (store). Batches committed before an error stay committed.
  Result<HarvestReport> run() override;

 private:
  struct Window;
  Result<net::Response> fetch(const std::string& url, std::string_view what);
  // `message` / `error` with the API key, wherever an upstream message quotes it, as "***".
  std::string mask(std::string message) const;
  Error masked(Error error) const;
  std::string common_params() const;
  void log(std::string_view line) const;

  net::HttpClient& http_;
  store::PaperStore& store_;
  PubmedOptions options_;
  Log log_;
};

}  // namespace ah::harvest
