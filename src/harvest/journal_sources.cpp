// Crossref, journal feeds, PubMed, OpenAlex and bioRxiv/medRxiv as catalogue sources: each kind's
// harvester built from a catalogue entry and the process's settings, behind the Harvester
// interface the scheduler runs (harvest/source_harvester.h).
#include <fmt/format.h>

#include <memory>

#include "harvest/biorxiv_harvester.h"
#include "harvest/crossref_harvester.h"
#include "harvest/feed_harvester.h"
#include "harvest/openalex_harvester.h"
#include "harvest/pubmed_harvester.h"
#include "harvest/source_harvester.h"
#include "net/url.h"

namespace ah::harvest {
namespace {

Error not_kind(const catalogue::SourceEntry& entry, std::string_view kind) {
  return Error{ErrorCode::invalid_argument,
               fmt::format("source '{}' is not a {} source", entry.name, kind)};
}

// The spacing the politeness layer keeps for `api_url`'s host: its published rule
// (net::default_host_rules), else the spacing of hosts without one.
std::chrono::milliseconds host_spacing(std::string_view api_url, const config::Config& config) {
  if (auto host = net::parse_url_host(api_url)) {
    const auto rules = net::default_host_rules();
    if (auto it = rules.find(host->display()); it != rules.end()) return it->second.min_interval;
  }
  return config.arxiv_min_interval;
}

// A Crossref harvester owns the clock it paces itself with.
class CrossrefSource final : public Harvester {
 public:
  CrossrefSource(const catalogue::SourceEntry& entry, const HarvestContext& context)
      : clock_(net::make_system_clock()) {
    CrossrefOptions options;
    options.api_url = context.config.crossref_api_url;
    while (options.api_url.ends_with('/')) options.api_url.pop_back();
    options.mailto = context.config.contact_email;
    options.host_spacing = host_spacing(options.api_url, context.config);
    options.now = context.now;
    // Crossref answers a journal's works under any of its ISSNs: the first (print) one is
    // enough, and keeps one incremental state per journal.
    harvester_ = std::make_unique<CrossrefHarvester>(
        context.http, context.store, *clock_,
        CrossrefJournal{entry.crossref()->issns.front(), entry.since}, std::move(options),
        context.log);
  }
  Result<HarvestReport> run() override { return harvester_->run(); }

 private:
  std::unique_ptr<net::Clock> clock_;
  std::unique_ptr<CrossrefHarvester> harvester_;
};

}  // namespace

Result<std::unique_ptr<Harvester>> make_crossref_harvester(const catalogue::SourceEntry& entry,
                                                           const HarvestContext& context) {
  if (!entry.crossref()) return std::unexpected(not_kind(entry, "crossref"));
  if (entry.crossref()->issns.empty()) {
    return fail(
        ErrorCode::invalid_argument,
        fmt::format("source '{}': a Crossref source needs the journal's issns", entry.name));
  }
  if (context.config.contact_email.empty()) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("source '{}': Crossref's polite pool needs contact_email", entry.name));
  }
  return std::make_unique<CrossrefSource>(entry, context);
}

Result<std::unique_ptr<Harvester>> make_feed_harvester(const catalogue::SourceEntry& entry,
                                                       const HarvestContext& context) {
  if (!entry.feed()) return std::unexpected(not_kind(entry, "feed"));
  return std::unique_ptr<Harvester>(std::make_unique<FeedHarvester>(
      context.http, context.store, FeedSource{entry.feed()->url, entry.feed()->venue},
      context.log, context.now));
}

Result<std::unique_ptr<Harvester>> make_pubmed_harvester(const catalogue::SourceEntry& entry,
                                                         const HarvestContext& context) {
  if (!entry.pubmed()) return std::unexpected(not_kind(entry, "pubmed"));
  PubmedOptions options;
  options.term = entry.pubmed()->term;
  options.eutils_url = context.config.pubmed_eutils_url;
  options.email = context.config.contact_email;
  options.api_key = context.config.pubmed_api_key.reveal();
  options.now = context.now;
  // `since` starts a first run only: a later run continues where the last complete one stopped.
  return std::unique_ptr<Harvester>(std::make_unique<PubmedHarvester>(
      context.http, context.store, std::move(options), context.log));
}

Result<std::unique_ptr<Harvester>> make_openalex_harvester(const catalogue::SourceEntry& entry,
                                                           const HarvestContext& context) {
  if (!entry.openalex()) return std::unexpected(not_kind(entry, "openalex"));
  auto source = openalex_source_id(entry.openalex()->source_id);
  if (!source) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("source '{}': '{}' is not an OpenAlex source id (S followed by digits)",
                            entry.name, entry.openalex()->source_id));
  }
  OpenalexOptions options;
  options.api_url = context.config.openalex_api_url;
  options.source_id = *source;
  options.api_key = context.config.openalex_api_key.reveal();
  options.now = context.now;
  return std::unique_ptr<Harvester>(std::make_unique<OpenalexHarvester>(
      context.http, context.store, std::move(options), context.log));
}

Result<std::unique_ptr<Harvester>> make_biorxiv_harvester(const catalogue::SourceEntry& entry,
                                                          const HarvestContext& context) {
  if (!entry.biorxiv()) return std::unexpected(not_kind(entry, "biorxiv"));
  BiorxivOptions options;
  options.api_url = context.config.biorxiv_api_url;
  options.server = entry.biorxiv()->server;
  options.now = context.now;
  return std::unique_ptr<Harvester>(std::make_unique<BiorxivHarvester>(
      context.http, context.store, std::move(options), context.log));
}

}  // namespace ah::harvest
