// academichub harvest crossref --issn ISSN [--from DATE] [--json]: one journal's works from the
// Crossref REST API (harvest/crossref_harvester.h says what each run fetches).
#include <fmt/format.h>

#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/harvest_output.h"
#include "harvest/crossref_harvester.h"
#include "net/url.h"

namespace ah::cli {
namespace {

struct CrossrefArgs {
  std::string issn, from, api_url;  // api_url empty: the crossref.api_url setting
  int rows = 200;
  bool json = false;
};

int run_crossref(App& app, const CrossrefArgs& args) {
  auto http = app.make_http_client();
  if (!http) return report_error(http.error());
  auto store = app.open_store(StoreUse::write);
  if (!store) return report_error(store.error());
  const std::unique_ptr<net::Clock> clock = net::make_system_clock();

  harvest::CrossrefOptions options;
  options.api_url = args.api_url.empty() ? app.config().crossref_api_url : args.api_url;
  while (options.api_url.ends_with('/')) options.api_url.pop_back();
  options.mailto = app.config().contact_email;
  options.rows = args.rows;
  // The spacing the HTTP stack keeps for this host (App::make_http_client): its published rule,
  // else the spacing of hosts without one.
  options.host_spacing = app.config().arxiv_min_interval;
  if (auto host = net::parse_url_host(options.api_url)) {
    const auto rules = net::default_host_rules();
    if (auto it = rules.find(host->display()); it != rules.end()) {
      options.host_spacing = it->second.min_interval;
    }
  }
  harvest::CrossrefHarvester harvester(
      **http, **store, *clock, harvest::CrossrefJournal{args.issn, args.from}, options,
      [&](std::string_view line) { app.log(LogLevel::info, line); });
  auto report = harvester.run();
  if (!report) return report_error(report.error());
  print_harvest_report(*report, "crossref", args.issn, args.json);
  return kExitOk;
}

}  // namespace

void add_harvest_crossref(CLI::App& harvest, Command& run) {
  auto args = std::make_shared<CrossrefArgs>();
  CLI::App* cmd = harvest.add_subcommand(
      "crossref", "harvest one journal's works from Crossref (new and changed since the last run)");
  cmd->add_option("--issn", args->issn, "the journal's ISSN, e.g. 0028-0836")->required();
  cmd->add_option("--from", args->from,
                  "works registered on or after YYYY-MM-DD (first run: 30 days back; an earlier "
                  "day than before reads the works since it again)");
  cmd->add_option("--rows", args->rows, "works per page, 1..1000")->check(CLI::Range(1, 1000));
  cmd->add_option("--api-url", args->api_url, "Crossref REST API base (a mirror or a local replay)")
      ->group("");
  cmd->add_flag("--json", args->json, "print the report as JSON");
  cmd->callback([args, &run] { run = [args](App& app) { return run_crossref(app, *args); }; });
}

}  // namespace ah::cli
