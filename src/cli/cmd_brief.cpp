// academichub brief (--ids ID,... | --query Q | --radar NAME) [--since] [--until] [--lang zh|en]
// [--no-llm] [--json]: a briefing of a set of papers (brief/briefing.h), written by the
// configured OpenAI-compatible LLM, or the analysis alone.
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "brief/analysis.h"
#include "brief/briefing.h"
#include "brief/paper_set.h"
#include "brief/period.h"
#include "cli/commands.h"
#include "cli/llm.h"
#include "cli/radar_brief.h"
#include "cli/radar_service.h"
#include "cli/radar_terms.h"
#include "radarsvc/service.h"

namespace ah::cli {
namespace {

constexpr int kMaxBriefPapers = brief::kMaxSetPapers;

struct BriefArgs {
  std::vector<std::string> ids;
  std::string query, radar, since, until, lang = "en";
  int limit = 200;
  bool no_llm = false;
  bool no_cache = false;
  bool json = false;
};

// The radar's best papers, in its ranking order: its last week (counted back from the newest day
// the store has) unless --since/--until choose the window, at most --limit (1..1000) of them,
// with its context (cli/radar_brief.h). A description in Chinese is ranked with its English
// terms when `terms` is set (radar_terms.h).
Result<brief::BriefSet> radar_set(App& app, store::PaperStore& store, const BriefArgs& args,
                                 DescriptionTerms terms) {
  if (store.radars() == nullptr) return fail(ErrorCode::unavailable, "this store keeps no radars");
  auto radar = store.radars()->find_radar(store::kLocalUser, args.radar);
  if (!radar) return std::unexpected(radar.error());
  if (!*radar) {
    return fail(ErrorCode::not_found,
                fmt::format("--radar: no radar '{}' (academichub radar list shows them)",
                            args.radar));
  }
  radarsvc::FeedRequest request;
  request.view = args.since.empty() && args.until.empty() ? radarsvc::View::week
                                                          : radarsvc::View::all;
  request.since = args.since;
  request.until = args.until;
  request.limit = std::clamp(args.limit, 1, radarsvc::kMaxFeedLimit);
  radarsvc::ServiceOptions options = radar_service_options(app);
  options.description_terms = std::move(terms);
  radarsvc::RadarService service(std::move(options));
  auto set = radar_brief_set(service, store, **radar, request);
  if (!set) return std::unexpected(set.error().with_context("--radar " + args.radar));
  return set;
}

// A list of ids or a search, and its previous period (brief/period.h).
Result<brief::BriefSet> listed_set(store::PaperStore& store, const BriefArgs& args) {
  const brief::PaperSetRequest request{args.ids,   args.query, args.since,
                                       args.until, args.limit, "--"};
  brief::BriefSet set;
  auto papers = brief::gather(store, request);
  if (!papers) return std::unexpected(papers.error());
  set.papers = std::move(*papers);
  if (set.papers.empty()) return set;
  auto previous = brief::gather_previous(store, request, set.papers);
  if (!previous) return std::unexpected(previous.error());
  set.context.previous = std::move(*previous);
  return set;
}

int run_brief(App& app, const BriefArgs& args) {
  const int sets = !args.ids.empty() + !args.query.empty() + !args.radar.empty();
  if (sets != 1) {
    fmt::print(stderr, "error: give exactly one of --ids, --query and --radar\n");
    return kExitBadInput;
  }
  if (!args.ids.empty() && (!args.since.empty() || !args.until.empty())) {
    fmt::print(stderr, "error: --since and --until choose papers of a --query; --ids names them\n");
    return kExitBadInput;
  }
  const auto lang = brief::parse_lang(args.lang);
  if (!lang) {
    fmt::print(stderr, "error: --lang: expected zh or en, got '{}'\n", args.lang);
    return kExitBadInput;
  }
  brief::BriefingOptions options;
  options.lang = *lang;
  options.use_llm = !args.no_llm;
  LlmClient llm;
  if (options.use_llm) {
    auto made = make_llm_client(app);
    if (!made) return report_error(made.error());
    llm = std::move(*made);
  }
  brief::ChatModel* model = llm.model.get();

  // A radar's feed remembers what it showed, so a radar's briefing needs a writable store.
  auto store = app.open_store(args.radar.empty() ? StoreUse::read : StoreUse::write);
  if (!store) return report_error(store.error());
  auto set =
      args.radar.empty()
          ? listed_set(**store, args)
          : radar_set(app, **store, args,
                      description_terms(
                          model, [&app] { return app.open_store(StoreUse::write); },
                          [&app](std::string_view line) { app.log(LogLevel::warn, line); }));
  if (!set) return report_error(set.error());
  const std::vector<core::Paper>& papers = set->papers;
  if (papers.empty()) {
    fmt::print(stderr, "error: the set is empty: nothing to brief\n");
    return kExitFailure;
  }
  const std::string key =
      brief::cache_key(papers, set->context.previous, set->context.notable, options,
                       model ? model->model() : std::string());
  auto warn = [&](std::string_view line) { app.log(LogLevel::warn, line); };
  std::optional<brief::ServedBriefing> served;
  if (!args.no_cache) served = brief::find_cached(**store, key, warn);
  if (!served) {
    const brief::Analysis analysis =
        brief::analyse(papers, set->context.previous, {}, set->context.notable);
    const brief::Briefing b = brief::write_briefing(analysis, papers, model, options);
    // A writer only now, for the cache (which --no-cache neither reads nor writes).
    std::unique_ptr<store::PaperStore> writer;
    if (!args.no_cache && !b.llm_failed && !b.cancelled) {
      auto opened = app.open_store(StoreUse::write);
      if (opened) {
        writer = std::move(*opened);
      } else {
        warn("the briefing could not be cached: " + opened.error().message);
      }
    }
    served = brief::serve_fresh(b, key, writer.get(), warn);
  }
  const nlohmann::json& b = served->json;
  if (args.json) {
    fmt::print("{}\n", b.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    fmt::print("{}\n", b.value("text", ""));
    for (const auto& w : b.value("warnings", nlohmann::json::array())) {
      if (w.is_string()) fmt::print(stderr, "warning: {}\n", w.get<std::string>());
    }
    const nlohmann::json llm_use = b.value("llm", nlohmann::json::object());
    if (llm_use.value("used", false)) {
      fmt::print(stderr, "{}: {} prompt + {} completion tokens{}{}\n",
                 llm_use.value("model", ""), llm_use.value("prompt_tokens", 0),
                 llm_use.value("completion_tokens", 0),
                 llm_use.value("tokens_estimated", false) ? " (estimated)" : "",
                 served->cached ? " (cached)" : "");
    }
  }
  return served->llm_failed ? kExitLlmFailed : kExitOk;
}

}  // namespace

void add_brief(CLI::App& parent, Command& run) {
  auto args = std::make_shared<BriefArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "brief",
      "a cross-disciplinary briefing of a set of papers: themes, bridges and notable papers, "
      "written by the configured LLM ([llm] settings) with every [n] citation checked");
  cmd->add_option("--ids", args->ids, "the papers, comma-separated (any identifier `show` reads)")
      ->delimiter(',');
  cmd->add_option("--query", args->query, "the best papers of this search (the query language)");
  cmd->add_option("--radar", args->radar,
                  "a radar's best papers: its last week, or --since/--until, up to --limit");
  cmd->add_option("--since", args->since, "with --query: published on or after YYYY-MM-DD");
  cmd->add_option("--until", args->until, "with --query: published on or before YYYY-MM-DD");
  cmd->add_option("--limit", args->limit, "with --query or --radar: how many papers (1-1000, default 200)")
      ->check(CLI::Range(1, kMaxBriefPapers));
  cmd->add_option("--lang", args->lang, "zh or en (default en)");
  cmd->add_flag("--no-llm", args->no_llm, "the analysis alone, without asking the LLM");
  cmd->add_flag("--no-cache", args->no_cache,
                "write the briefing afresh and keep it out of the cache (briefings are cached "
                "by their papers, options and model)");
  cmd->add_flag("--json", args->json,
                "print {\"lang\", \"papers\", \"themes\", \"text\", \"llm\", \"warnings\", "
                "\"id\", \"cached\"}");
  cmd->footer("Exit status 3: the LLM failed after its retries; the analysis was printed instead.");
  cmd->callback([args, &run] { run = [args](App& app) { return run_brief(app, *args); }; });
}

}  // namespace ah::cli
