// academichub unmerge PAPER RECORD: undo an automatic merge that was wrong, and
// academichub merges PAPER: why a paper's records were joined (and split).
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"

namespace ah::cli {
namespace {

struct UnmergeArgs {
  std::string paper, record;
  bool json = false;
};

int run_unmerge(App& app, const UnmergeArgs& args) {
  auto store = app.open_store(StoreUse::write);
  if (!store) return report_error(store.error());
  auto result = (*store)->unmerge(args.paper, args.record);
  if (!result) return report_error(result.error());
  if (args.json) {
    fmt::print("{}\n", nlohmann::json{{"paper_id", result->paper_id},
                                      {"new_paper_id", result->new_paper_id},
                                      {"moved", result->moved},
                                      {"kept", result->kept}}
                           .dump());
    return kExitOk;
  }
  fmt::print("split ah:{} -> new paper ah:{}\n", result->paper_id, result->new_paper_id);
  for (const std::string& key : result->moved) fmt::print("  moved  {}\n", key);
  for (const std::string& key : result->kept) fmt::print("  kept   {}\n", key);
  fmt::print("the two are kept apart on later imports and harvests\n");
  return kExitOk;
}

struct MergesArgs {
  std::string paper;
  bool json = false;
};

int run_merges(App& app, const MergesArgs& args) {
  auto store = app.open_store(StoreUse::read);
  if (!store) return report_error(store.error());
  auto paper = (*store)->get(args.paper);
  if (!paper) return report_error(paper.error());
  if (!*paper) {
    fmt::print(stderr, "error: no paper {} in {}\n", args.paper, app.config().db_path.string());
    return kExitFailure;
  }
  auto events = (*store)->merges((*paper)->paper_id);
  if (!events) return report_error(events.error());
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const store::MergeEvent& e : *events) {
      out.push_back({{"record_id", e.record_id},
                     {"record", e.record_key},
                     {"kind", e.kind},
                     {"reason", e.reason},
                     {"at", e.at}});
    }
    fmt::print("{}\n", nlohmann::json{{"paper_id", (*paper)->paper_id}, {"merges", out}}.dump());
    return kExitOk;
  }
  if (events->empty()) fmt::print("ah:{}: no merges\n", (*paper)->paper_id);
  for (const store::MergeEvent& e : *events) {
    fmt::print("{}  {:<8}{:<6}{}  ({})\n", e.at, e.kind, e.record_id, e.record_key, e.reason);
  }
  return kExitOk;
}

}  // namespace

void add_unmerge(CLI::App& parent, Command& run) {
  auto args = std::make_shared<UnmergeArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "unmerge",
      "split a record out of a paper it was wrongly merged into; it becomes a paper of its own "
      "and the two are never merged again (no record is lost)");
  cmd->add_option("paper", args->paper, "the paper: any identifier `show` reads")->required();
  cmd->add_option("record", args->record,
                  "the record to split off: its id or key as `show` lists them "
                  "(\"crossref:10.1/x\", \"12\")")
      ->required();
  cmd->add_flag("--json", args->json, "print the result as JSON");
  cmd->callback([args, &run] { run = [args](App& app) { return run_unmerge(app, *args); }; });

  auto margs = std::make_shared<MergesArgs>();
  CLI::App* merges = parent.add_subcommand(
      "merges", "why a paper's records were joined into it (and split from it)");
  merges->add_option("paper", margs->paper, "the paper: any identifier `show` reads")->required();
  merges->add_flag("--json", margs->json, "print the merge log as JSON");
  merges->callback([margs, &run] { run = [margs](App& app) { return run_merges(app, *margs); }; });
}

}  // namespace ah::cli
