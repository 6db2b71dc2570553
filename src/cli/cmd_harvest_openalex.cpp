// academichub harvest openalex --source S123 [--from DATE] [--until DATE] [--json]: the works of
// one OpenAlex source (a journal) by publication-date window.
#include <fmt/format.h>

#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/harvest_output.h"
#include "core/calendar.h"
#include "harvest/openalex_harvester.h"

namespace ah::cli {
namespace {

struct OpenalexArgs {
  std::string source, from, until;
  bool json = false;
};

int run_openalex(App& app, const OpenalexArgs& args) {
  auto source = harvest::openalex_source_id(args.source);
  if (!source) {
    fmt::print(stderr,
               "error: --source: expected an OpenAlex source id such as S125754415, got "
               "'{}'\n",
               args.source);
    return kExitBadInput;
  }
  for (auto [flag, value] : {std::pair{"--from", &args.from}, std::pair{"--until", &args.until}}) {
    if (!value->empty() && !core::valid_day(*value)) {
      fmt::print(stderr, "error: {}: expected a date YYYY-MM-DD, got '{}'\n", flag, *value);
      return kExitBadInput;
    }
  }
  const config::Config& c = app.config();
  if (c.openalex_api_key.empty()) {
    app.log(LogLevel::warn,
            "no OpenAlex API key is set (openalex_api_key, ACADEMICHUB_OPENALEX_API_KEY): "
            "OpenAlex answers only a few requests a day without one");
  }
  auto http = app.make_http_client();
  if (!http) return report_error(http.error());
  auto store = app.open_store(StoreUse::write);
  if (!store) return report_error(store.error());
  harvest::OpenalexOptions options;
  options.api_url = c.openalex_api_url;
  options.source_id = *source;
  options.from = args.from;
  options.until = args.until;
  options.api_key = c.openalex_api_key.reveal();
  harvest::OpenalexHarvester harvester(
      **http, **store, std::move(options),
      [&](std::string_view line) { app.log(LogLevel::info, line); });
  auto report = harvester.run();
  if (!report) return report_error(report.error());
  print_harvest_report(*report, "openalex", *source, args.json);
  return kExitOk;
}

}  // namespace

void add_harvest_openalex(CLI::App& harvest, Command& run) {
  auto args = std::make_shared<OpenalexArgs>();
  CLI::App* cmd = harvest.add_subcommand(
      "openalex", "harvest the works of one OpenAlex source (a journal) by publication date");
  cmd->add_option("--source", args->source, "OpenAlex source id, e.g. S125754415 (PNAS)")
      ->required();
  cmd->add_option("--from", args->from,
                  "works published on or after YYYY-MM-DD (default: where the last run ended, "
                  "a week back)");
  cmd->add_option("--until", args->until,
                  "works published on or before YYYY-MM-DD (default: today)");
  cmd->add_flag("--json", args->json, "print the report as JSON");
  cmd->callback([args, &run] { run = [args](App& app) { return run_openalex(app, *args); }; });
}

}  // namespace ah::cli
