// Building a harvester from a catalogue entry: the context every kind's factory function gets
// from the scheduler, and each kind's factory. Each source kind provides one function of the
// MakeHarvester shape,
//   Result<std::unique_ptr<Harvester>> make_<kind>_harvester(const catalogue::SourceEntry&,
//                                                            const HarvestContext&);
// and sched/harvester_factory.cpp lists it in one line. Thread-compatible: a harvester is made,
// run and dropped on one thread.
#pragma once

#include <memory>
#include <stop_token>

#include "catalogue/source_entry.h"
#include "config/config.h"
#include "core/calendar.h"
#include "core/error.h"
#include "harvest/harvester.h"
#include "net/http_client.h"
#include "store/paper_store.h"

namespace ah::harvest {

struct HarvestContext {
  // Shared by every run of the process and polite per host (spacing, Retry-After, back-off).
  // Once `stop` is requested it refuses new requests and its waits end early, so a harvester
  // that loops over pages ends at its next page without checking anything itself.
  net::HttpClient& http;
  // This run's own connection, a writer; commit each page with the state to continue after it.
  store::PaperStore& store;
  // Endpoints, API keys and the contact address.
  const config::Config& config;
  // One line per page or event, for the server's log; may be empty.
  Harvester::Log log;
  // Requested when the server is stopping. Long loops that make no requests check it.
  std::stop_token stop;
  // The time records and states are stamped with, and "today" of a first run: the scheduler's
  // clock. Empty: the system clock.
  core::WallClock now;
};

// Makes the harvester of `entry` (whose kind is the factory's). Errors: invalid_argument when the
// entry or the configuration lacks what the kind needs (an API key, say), naming it.
using MakeHarvester = Result<std::unique_ptr<Harvester>> (*)(const catalogue::SourceEntry& entry,
                                                             const HarvestContext& context);

// arXiv. method rss: the announcement feed of the entry's sets joined with '+' (conditional GET;
// an announcement already stored stores nothing). method oai: OAI-PMH ListRecords per set, from
// where that set's last complete harvest ended, an interrupted one resumed at its token; a set
// never harvested starts at the entry's `since`, else two days back. Errors as ArxivHarvester's.
Result<std::unique_ptr<Harvester>> make_arxiv_harvester(const catalogue::SourceEntry& entry,
                                                        const HarvestContext& context);

// The other kinds (journal_sources.cpp). Crossref: the journal's first ISSN, works registered
// from the entry's `since` on a first run (needs contact_email, Crossref's polite pool). Feed:
// the entry's URL and venue, conditional GET. PubMed: the entry's term with the tool, e-mail and
// API key of the settings. OpenAlex: the entry's source id and the settings' API key (sent only
// when set). bioRxiv: the entry's server. Each runs as its harvester's run() says; errors:
// invalid_argument for an entry of another kind or one the kind cannot use, naming the entry.
Result<std::unique_ptr<Harvester>> make_crossref_harvester(const catalogue::SourceEntry& entry,
                                                           const HarvestContext& context);
Result<std::unique_ptr<Harvester>> make_feed_harvester(const catalogue::SourceEntry& entry,
                                                       const HarvestContext& context);
Result<std::unique_ptr<Harvester>> make_pubmed_harvester(const catalogue::SourceEntry& entry,
                                                         const HarvestContext& context);
Result<std::unique_ptr<Harvester>> make_openalex_harvester(const catalogue::SourceEntry& entry,
                                                           const HarvestContext& context);
Result<std::unique_ptr<Harvester>> make_biorxiv_harvester(const catalogue::SourceEntry& entry,
                                                          const HarvestContext& context);

}  // namespace ah::harvest
