// academichub harvest pubmed --term TERM [--from DATE] [--until DATE] [--json]: PubMed records
// by Entrez date over E-utilities.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "cli/format.h"
#include "harvest/pubmed_harvester.h"

namespace ah::cli {
namespace {

struct PubmedArgs {
  std::string term, from, until;
  int batch = 200;
  bool json = false;
};

nlohmann::json report_json(const harvest::HarvestReport& r) {
  return {{"complete", r.complete},
          {"requests", r.requests},
          {"records", r.records},
          {"inserted", r.counts.inserted},
          {"updated", r.counts.updated},
          {"unchanged", r.counts.unchanged},
          {"rejected", r.counts.rejected},
          {"rejected_records", r.rejected},
          {"notes", r.notes}};
}

int run_harvest_pubmed(App& app, const PubmedArgs& args) {
  const config::Config& c = app.config();
  auto http = app.make_http_client();  // refuses without a contact e-mail, which NCBI needs too
  if (!http) return report_error(http.error());
  auto store = app.open_store(StoreUse::write);
  if (!store) return report_error(store.error());

  harvest::PubmedOptions options;
  options.term = args.term;
  options.eutils_url = c.pubmed_eutils_url;
  options.email = c.contact_email;
  options.api_key = c.pubmed_api_key.reveal();
  options.batch_size = args.batch;
  options.from = args.from;
  options.until = args.until;
  harvest::PubmedHarvester harvester(**http, **store, std::move(options),
                                     [&](std::string_view line) { app.log(LogLevel::info, line); });
  auto report = harvester.run();
  if (!report) return report_error(report.error());
  if (args.json) {
    fmt::print("{}\n", report_json(*report).dump());
    return kExitOk;
  }
  for (const std::string& note : report->notes) fmt::print("note: {}\n", note);
  for (const std::string& r : report->rejected) fmt::print("  rejected: {}\n", r);
  fmt::print("harvested: {} ({} requests{})\n", counts_line(report->counts), report->requests,
             report->complete ? "" : ", stopped before the end");
  return kExitOk;
}

}  // namespace

void add_harvest_pubmed(CLI::App& harvest, Command& run) {
  auto args = std::make_shared<PubmedArgs>();
  CLI::App* cmd = harvest.add_subcommand(
      "pubmed", "harvest PubMed (E-utilities) by the date records entered PubMed");
  cmd->add_option("--term", args->term,
                  "PubMed query: a journal '\"Nature\"[ta]', an ISSN '0028-0836[is]', any search")
      ->required();
  cmd->add_option("--from", args->from,
                  "entered PubMed on or after YYYY-MM-DD (default: where the last run stopped, "
                  "or 30 days ago)");
  cmd->add_option("--until", args->until, "entered on or before YYYY-MM-DD (default: today)");
  cmd->add_option("--batch", args->batch, "records per efetch request (1..10000)")
      ->check(CLI::Range(1, 10'000));
  cmd->add_flag("--json", args->json, "print the report as JSON");
  cmd->callback(
      [args, &run] { run = [args](App& app) { return run_harvest_pubmed(app, *args); }; });
}

}  // namespace ah::cli
