// academichub status [--json]: how each source of the catalogue is doing, from the coverage the
// harvest scheduler keeps in the database (last success, records, failures, staleness, budget,
// suspect). --json prints the document GET /api/v1/sources answers, with failure messages whole.
// Reads only: writes neither the database nor the catalogue file.
#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <vector>

#include "catalogue/catalogue_file.h"
#include "cli/commands.h"
#include "cli/format.h"
#include "coverage/status.h"
#include "sched/harvester_factory.h"

namespace ah::cli {
namespace {

using std::chrono::seconds;

// "5m ago", "3h ago", "2d ago"; "in 4h" for times ahead.
std::string relative(coverage::Time t, coverage::Time now) {
  const auto d = now - t;
  const bool ahead = d < seconds(0);
  const auto s = ahead ? -d.count() : d.count();
  std::string amount = s < 3600    ? fmt::format("{}m", s / 60)
                       : s < 86400 ? fmt::format("{}h", s / 3600)
                                   : fmt::format("{}d", s / 86400);
  return ahead ? "in " + amount : amount + " ago";
}

int run_status(App& app, bool as_json) {
  catalogue::CatalogueFile file(app.config().sources_file);
  auto loaded = file.read();
  if (!loaded) return report_error(loaded.error());
  // A database that does not exist yet: every source is pending.
  std::unique_ptr<store::PaperStore> store;
  if (auto opened = app.open_store(StoreUse::read)) {
    store = std::move(*opened);
  } else if (opened.error().code != ErrorCode::not_found) {
    return report_error(opened.error());
  }
  const sched::HarvesterFactory factory = sched::builtin_harvesters();
  const auto now = std::chrono::floor<seconds>(std::chrono::system_clock::now());
  std::vector<coverage::SourceStatus> list;
  for (const catalogue::SourceEntry& e : loaded->catalogue.sources) {
    std::optional<coverage::Coverage> c;
    if (store) {
      auto got = coverage::load(*store, e.name);
      if (!got) return report_error(got.error());
      c = std::move(*got);
    }
    coverage::Live live;
    live.unavailable = factory.unavailable(e.kind);
    list.push_back(coverage::status_of(e, std::move(c), live, now));
  }
  if (as_json) {
    coverage::DocumentOptions options;
    options.public_view = false;
    fmt::print("{}\n", coverage::sources_document(list, now, options));
    return kExitOk;
  }
  if (!loaded->exists) {
    fmt::print(
        "catalogue  the built-in default ({} is not written yet: `academichub sources "
        "list` writes it)\n",
        file.path().string());
  } else {
    fmt::print("catalogue  {}\n", file.path().string());
  }
  fmt::print("database   {}{}\n\n", app.config().db_path.string(), store ? "" : " (none yet)");
  std::size_t name_width = 4;
  for (const auto& s : list) name_width = std::max(name_width, s.entry.name.size());
  fmt::print("{:<{}}  {:<11}  {:<12}  {:<24}  {:<10}  {}\n", "name", name_width, "health",
             "last success", "last run", "next", "why");
  std::map<coverage::Health, int> counts;
  for (const coverage::SourceStatus& s : list) {
    ++counts[s.health];
    const auto& c = s.coverage;
    std::string last_run = "-";
    if (c && c->last_run) {
      const coverage::LastRun& r = *c->last_run;
      last_run = r.stopped ? "stopped"
                 : r.ok    ? fmt::format("{} rec, {} new", r.records, r.counts.inserted)
                           : "failed";
    }
    std::string health(coverage::to_string(s.health));
    if (s.running || (c && c->running_since)) health += "*";
    fmt::print("{:<{}}  {:<11}  {:<12}  {:<24}  {:<10}  {}\n", s.entry.name, name_width, health,
               c && c->last_success ? relative(*c->last_success, now) : "never", last_run,
               s.next_due ? relative(*s.next_due, now) : "-", clip(s.reason, 80));
  }
  std::string summary;
  for (const auto& [health, n] : counts) {
    summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", n, coverage::to_string(health));
  }
  fmt::print(
      "\n{} sources: {}  (* a run started and has not finished: running now in `serve "
      "--harvest`, or interrupted and resumed at its next start)\n",
      list.size(), summary);
  return kExitOk;
}

}  // namespace

void add_status(CLI::App& parent, Command& run) {
  auto as_json = std::make_shared<bool>(false);
  CLI::App* cmd =
      parent.add_subcommand("status", "how each source is doing: its coverage and health");
  cmd->add_flag("--json", *as_json, "print the document GET /api/v1/sources answers");
  cmd->callback(
      [as_json, &run] { run = [as_json](App& app) { return run_status(app, *as_json); }; });
}

}  // namespace ah::cli
