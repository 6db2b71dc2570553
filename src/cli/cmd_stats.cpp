// academichub stats: what is stored.
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/format.h"

namespace ah::cli {
namespace {

int run_stats(App& app, bool as_json) {
  auto store = app.open_store(StoreUse::read);
  if (!store) return report_error(store.error());
  auto stats = (*store)->stats();
  if (!stats) return report_error(stats.error());
  const store::Stats& s = *stats;
  if (as_json) {
    nlohmann::json categories = nlohmann::json::array();
    for (const auto& [c, n] : s.top_categories) categories.push_back({{"category", c}, {"papers", n}});
    nlohmann::json out{{"papers", s.papers},
                       {"versions", s.versions},
                       {"authorships", s.authors},
                       {"by_source", s.by_source},
                       {"top_categories", std::move(categories)},
                       {"oldest_published", s.oldest_published},
                       {"newest_published", s.newest_published},
                       {"harvest_state", s.state},
                       {"database", app.config().db_path.string()},
                       {"database_bytes", s.database_bytes}};
    fmt::print("{}\n", out.dump());
    return kExitOk;
  }
  fmt::print("database     {} ({:.1f} MB)\n", app.config().db_path.string(),
             static_cast<double>(s.database_bytes) / 1e6);
  fmt::print("papers       {}\n", thousands(s.papers));
  fmt::print("versions     {}\n", thousands(s.versions));
  fmt::print("authorships  {}\n", thousands(s.authors));
  if (!s.oldest_published.empty()) {
    fmt::print("published    {} .. {}\n", s.oldest_published.substr(0, 10),
               s.newest_published.substr(0, 10));
  }
  for (const auto& [source, n] : s.by_source) fmt::print("source       {:<16}{:>12}\n", source, thousands(n));
  for (const auto& [c, n] : s.top_categories) fmt::print("category     {:<16}{:>12}\n", c, thousands(n));
  for (const auto& [key, value] : s.state) fmt::print("harvest      {} = {}\n", key, value);
  return kExitOk;
}

}  // namespace

void add_stats(CLI::App& parent, Command& run) {
  auto as_json = std::make_shared<bool>(false);
  CLI::App* cmd = parent.add_subcommand("stats", "what the database holds");
  cmd->add_flag("--json", *as_json, "print as JSON (\"papers\": distinct papers)");
  cmd->callback([as_json, &run] { run = [as_json](App& app) { return run_stats(app, *as_json); }; });
}

}  // namespace ah::cli
