// academichub harvest arxiv (--set SET --from DATE | --rss CATS | --query Q): fetch over HTTP.
#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/format.h"
#include "core/calendar.h"
#include "harvest/arxiv_harvester.h"

namespace ah::cli {
namespace {

struct HarvestArgs {
  std::string set, from, until, rss, query;
  std::int64_t max = 0;
  bool set_given = false;
};

int run_harvest(App& app, const HarvestArgs& args) {
  const int modes = (!args.from.empty() || args.set_given ? 1 : 0) + (!args.rss.empty() ? 1 : 0) +
                    (!args.query.empty() ? 1 : 0);
  if (modes != 1) {
    fmt::print(stderr,
               "error: harvest arxiv takes exactly one of: --set SET --from DATE, --rss CATS, "
               "--query Q\n");
    return kExitBadInput;
  }
  if ((args.set_given || !args.until.empty()) && args.from.empty()) {
    fmt::print(stderr, "error: --set needs --from DATE (YYYY-MM-DD)\n");
    return kExitBadInput;
  }
  if (!args.from.empty()) {
    for (auto [flag, value] :
         {std::pair{"--from", &args.from}, std::pair{"--until", &args.until}}) {
      if (value->empty()) continue;
      if (!core::valid_day(*value)) {
        fmt::print(stderr, "error: {}: expected a date YYYY-MM-DD, got '{}'\n", flag, *value);
        return kExitBadInput;
      }
    }
  }

  auto http = app.make_http_client();
  if (!http) return report_error(http.error());
  auto store = app.open_store(StoreUse::write);
  if (!store) return report_error(store.error());
  const config::Config& c = app.config();
  harvest::ArxivEndpoints endpoints{c.arxiv_api_url, c.arxiv_oai_url, c.arxiv_rss_url,
                                    c.arxiv_oai_prefix, c.api_page_size};
  harvest::ArxivHarvester harvester(**http, **store, endpoints,
                                    [&](std::string_view line) { app.log(LogLevel::info, line); });

  Result<harvest::HarvestReport> report =
      !args.rss.empty() ? harvester.rss(args.rss)
      : !args.query.empty()
          ? harvester.query(args.query, args.max > 0 ? std::optional(args.max) : std::nullopt)
          : harvester.oai(args.set, args.from,
                          args.until.empty() ? std::nullopt : std::optional(args.until));
  if (!report) return report_error(report.error());
  for (const std::string& note : report->notes) fmt::print("note: {}\n", note);
  for (const std::string& r : report->rejected) fmt::print("  rejected: {}\n", r);
  fmt::print("harvested: {} ({} requests{})\n", counts_line(report->counts), report->requests,
             report->complete ? "" : ", stopped before the end");
  return kExitOk;
}

}  // namespace

void add_harvest(CLI::App& parent, Command& run) {
  auto args = std::make_shared<HarvestArgs>();
  CLI::App* harvest = parent.add_subcommand("harvest", "fetch new papers from a source over HTTP");
  harvest->require_subcommand(1);
  add_harvest_crossref(*harvest, run);
  add_harvest_feed(*harvest, run);
  add_harvest_pubmed(*harvest, run);
  CLI::App* cmd = harvest->add_subcommand("arxiv", "harvest arXiv (OAI-PMH, RSS or API query)");
  auto* set = cmd->add_option("--set", args->set, "OAI-PMH set, e.g. cs, math, physics:hep-th");
  cmd->add_option("--from", args->from, "OAI-PMH: records changed on or after YYYY-MM-DD");
  cmd->add_option("--until", args->until, "OAI-PMH: records changed on or before YYYY-MM-DD");
  cmd->add_option("--rss", args->rss, "RSS categories joined with +, e.g. cs.CL+cs.AI");
  cmd->add_option("--query", args->query,
                  "arXiv API search_query, e.g. 'ti:transformer AND cat:cs.CL'");
  cmd->add_option("--max", args->max, "API query: at most this many papers")
      ->check(CLI::PositiveNumber);
  cmd->callback([args, set, &run] {
    args->set_given = set->count() > 0;
    run = [args](App& app) { return run_harvest(app, *args); };
  });
  add_harvest_openalex(*harvest, run);
  add_harvest_biorxiv(*harvest, run);
}

}  // namespace ah::cli
