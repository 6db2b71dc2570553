// arXiv as a catalogue source: ArxivHarvester's RSS or OAI-PMH harvest behind the Harvester
// interface the scheduler runs.
#include <fmt/format.h>

#include <chrono>

#include "core/calendar.h"
#include "harvest/arxiv_harvester.h"
#include "harvest/source_harvester.h"

namespace ah::harvest {
namespace {

// How far back a set's first OAI-PMH harvest reaches when the entry gives no `since`: the last
// two announcement days, not arXiv's whole history.
constexpr std::chrono::days kFirstHarvestDays{2};

void add(HarvestReport& total, HarvestReport&& part, std::string_view set) {
  total.requests += part.requests;
  total.records += part.records;
  total.counts += part.counts;
  for (std::string& r : part.rejected) total.rejected.push_back(std::move(r));
  for (std::string& n : part.notes) total.notes.push_back(fmt::format("{}: {}", set, n));
  total.complete = total.complete && part.complete;
}

class ArxivSource final : public Harvester {
 public:
  ArxivSource(catalogue::SourceEntry entry, const HarvestContext& context)
      : entry_(std::move(entry)),
        stop_(context.stop),
        harvester_(context.http, context.store,
                   ArxivEndpoints{context.config.arxiv_api_url, context.config.arxiv_oai_url,
                                  context.config.arxiv_rss_url, context.config.arxiv_oai_prefix,
                                  context.config.api_page_size},
                   context.log, context.now),
        now_(context.now) {}

  Result<HarvestReport> run() override {
    const catalogue::ArxivParams& p = *entry_.arxiv();
    if (p.method == catalogue::ArxivMethod::rss) {
      std::string categories;
      for (const std::string& s : p.sets) categories += (categories.empty() ? "" : "+") + s;
      return count_records(harvester_.rss(categories));
    }
    const std::string fallback =
        !entry_.since.empty() ? entry_.since
                              : core::day_of(core::now(now_) - kFirstHarvestDays);
    HarvestReport total;
    total.complete = true;
    for (const std::string& set : p.sets) {
      if (stop_.stop_requested()) {
        total.complete = false;
        total.notes.push_back("stopped before set " + set);
        break;
      }
      auto from = harvester_.oai_next_from(set, fallback);
      if (!from) return std::unexpected(from.error());
      auto report = count_records(harvester_.oai(set, *from));
      if (!report) return std::unexpected(report.error().with_context("set " + set));
      add(total, std::move(*report), set);
    }
    return total;
  }

 private:
  // ArxivHarvester counts what the store did with the records; the scheduler also wants how many
  // the source returned.
  static Result<HarvestReport> count_records(Result<HarvestReport> report) {
    if (report && report->records == 0) {
      const store::UpsertCounts& c = report->counts;
      report->records = c.inserted + c.updated + c.unchanged + c.rejected;
    }
    return report;
  }

  catalogue::SourceEntry entry_;
  std::stop_token stop_;
  ArxivHarvester harvester_;
  core::WallClock now_;
};

}  // namespace

Result<std::unique_ptr<Harvester>> make_arxiv_harvester(const catalogue::SourceEntry& entry,
                                                        const HarvestContext& context) {
  if (!entry.arxiv()) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("source '{}' is not an arXiv source", entry.name));
  }
  return std::make_unique<ArxivSource>(entry, context);
}

}  // namespace ah::harvest
