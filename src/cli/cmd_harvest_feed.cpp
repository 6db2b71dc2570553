// academichub harvest feed --url URL [--venue NAME] [--json]: one journal's table of contents
// (RSS 1.0/RDF, RSS 2.0 or Atom), fetched with a conditional GET.
#include <fmt/format.h>

#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/harvest_output.h"
#include "harvest/feed_harvester.h"
#include "net/url.h"

namespace ah::cli {
namespace {

struct FeedArgs {
  std::string url, venue;
  bool json = false;
};

int run_feed(App& app, const FeedArgs& args) {
  auto http = app.make_http_client();
  if (!http) return report_error(http.error());
  auto store = app.open_store(StoreUse::write);
  if (!store) return report_error(store.error());
  harvest::FeedHarvester harvester(**http, **store, harvest::FeedSource{args.url, args.venue},
                                   [&](std::string_view line) { app.log(LogLevel::info, line); });
  auto report = harvester.run();
  if (!report) return report_error(report.error());
  print_harvest_report(*report, "feed", net::redact_url(args.url), args.json);
  return kExitOk;
}

}  // namespace

void add_harvest_feed(CLI::App& harvest, Command& run) {
  auto args = std::make_shared<FeedArgs>();
  CLI::App* cmd = harvest.add_subcommand(
      "feed", "harvest a journal's table of contents (RSS/RDF/Atom feed) when it changed");
  cmd->add_option("--url", args->url, "the feed's URL")->required();
  cmd->add_option("--venue", args->venue,
                  "the journal's name, for items that name none (else the feed's title)");
  cmd->add_flag("--json", args->json, "print the report as JSON");
  cmd->callback([args, &run] { run = [args](App& app) { return run_feed(app, *args); }; });
}

}  // namespace ah::cli
