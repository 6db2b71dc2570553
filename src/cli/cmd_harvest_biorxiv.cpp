// academichub harvest biorxiv --server biorxiv|medrxiv [--from DATE] [--until DATE] [--json]:
// the preprints posted to bioRxiv or medRxiv by posting-date interval.
#include <fmt/format.h>

#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/harvest_output.h"
#include "core/calendar.h"
#include "harvest/biorxiv_harvester.h"

namespace ah::cli {
namespace {

struct BiorxivArgs {
  std::string server = "biorxiv", from, until;
  bool json = false;
};

int run_biorxiv(App& app, const BiorxivArgs& args) {
  for (auto [flag, value] : {std::pair{"--from", &args.from}, std::pair{"--until", &args.until}}) {
    if (!value->empty() && !core::valid_day(*value)) {
      fmt::print(stderr, "error: {}: expected a date YYYY-MM-DD, got '{}'\n", flag, *value);
      return kExitBadInput;
    }
  }
  auto http = app.make_http_client();
  if (!http) return report_error(http.error());
  auto store = app.open_store(StoreUse::write);
  if (!store) return report_error(store.error());
  harvest::BiorxivOptions options;
  options.api_url = app.config().biorxiv_api_url;
  options.server = args.server;
  options.from = args.from;
  options.until = args.until;
  harvest::BiorxivHarvester harvester(
      **http, **store, std::move(options),
      [&](std::string_view line) { app.log(LogLevel::info, line); });
  auto report = harvester.run();
  if (!report) return report_error(report.error());
  print_harvest_report(*report, args.server, args.server, args.json);
  return kExitOk;
}

}  // namespace

void add_harvest_biorxiv(CLI::App& harvest, Command& run) {
  auto args = std::make_shared<BiorxivArgs>();
  CLI::App* cmd = harvest.add_subcommand(
      "biorxiv", "harvest the preprints posted to bioRxiv or medRxiv by posting date");
  cmd->add_option("--server", args->server, "biorxiv or medrxiv (default: biorxiv)")
      ->check(CLI::IsMember({"biorxiv", "medrxiv"}));
  cmd->add_option("--from", args->from,
                  "preprints posted on or after YYYY-MM-DD (default: the day after the last "
                  "complete day, or a week back)");
  cmd->add_option("--until", args->until,
                  "preprints posted on or before YYYY-MM-DD (default: today)");
  cmd->add_flag("--json", args->json, "print the report as JSON");
  cmd->callback([args, &run] { run = [args](App& app) { return run_biorxiv(app, *args); }; });
}

}  // namespace ah::cli
