// academichub brief (--ids ID,... | --query Q | --radar NAME) [--since] [--until] [--lang zh|en]
// [--no-llm] [--json]: a briefing of a set of papers (brief/briefing.h), written by the
// configured OpenAI-compatible LLM, or the analysis alone.
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "brief/analysis.h"
#include "brief/briefing.h"
#include "brief/openai_client.h"
#include "cli/commands.h"
#include "search/query.h"

namespace ah::cli {
namespace {

// The exit status when the LLM failed after its retries and the analysis was printed instead.
constexpr int kExitLlmFailed = 3;
// The most papers one briefing reads (a search's best, or the ids given).
constexpr int kMaxBriefPapers = 1000;

struct BriefArgs {
  std::vector<std::string> ids;
  std::string query, radar, since, until, lang = "en";
  int limit = 200;
  bool no_llm = false;
  bool json = false;
};

// The papers of `args`' set, in the order their [n] follow. Errors: invalid_argument naming the
// id that is unknown or unreadable, the query's errors, the store's.
Result<std::vector<core::Paper>> gather(store::PaperStore& store, const BriefArgs& args) {
  std::vector<core::Paper> papers;
  if (!args.ids.empty()) {
    if (args.ids.size() > static_cast<size_t>(kMaxBriefPapers)) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("--ids: at most {} papers", kMaxBriefPapers));
    }
    for (const std::string& id : args.ids) {
      auto paper = store.get(id);
      if (!paper) return std::unexpected(paper.error().with_context("--ids " + id));
      if (!*paper) return fail(ErrorCode::not_found, fmt::format("--ids: no paper {}", id));
      // Two names of one paper ("2401.01234", its DOI) brief it once.
      const bool seen = std::ranges::any_of(
          papers, [&](const core::Paper& p) { return p.paper_id == (*paper)->paper_id; });
      if (!seen) papers.push_back(std::move(**paper));
    }
    return papers;
  }
  auto request = search::parse_query(args.query);
  if (!request) return std::unexpected(request.error().with_context("--query"));
  if (!args.since.empty()) {
    auto d = search::parse_date_bound(args.since, false);
    if (!d) return std::unexpected(d.error().with_context("--since"));
    request->filters.since = *d;
  }
  if (!args.until.empty()) {
    auto d = search::parse_date_bound(args.until, true);
    if (!d) return std::unexpected(d.error().with_context("--until"));
    request->filters.until = *d;
  }
  request->limit = args.limit;
  request->count_total = false;
  auto result = store.search(*request);
  if (!result) return std::unexpected(result.error());
  for (store::SearchHit& hit : result->hits) papers.push_back(std::move(hit.paper));
  return papers;
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
  if (!args.radar.empty()) {
    fmt::print(stderr,
               "error: --radar {}: radars are not in this version yet (briefing a search or "
               "a list of ids works: --query, --ids)\n",
               args.radar);
    return kExitBadInput;
  }
  const auto lang = brief::parse_lang(args.lang);
  if (!lang) {
    fmt::print(stderr, "error: --lang: expected zh or en, got '{}'\n", args.lang);
    return kExitBadInput;
  }
  auto store = app.open_store(StoreUse::read);
  if (!store) return report_error(store.error());
  auto papers = gather(**store, args);
  if (!papers) return report_error(papers.error());
  if (papers->empty()) {
    fmt::print(stderr, "error: the set is empty: nothing to brief\n");
    return kExitFailure;
  }

  brief::BriefingOptions options;
  options.lang = *lang;
  options.use_llm = !args.no_llm;
  const brief::LlmSettings llm = brief::llm_settings(app.config());
  // The LLM's own HTTP client: no politeness wrapper (the client retries itself, and the
  // wrapper would buffer a streamed answer).
  std::unique_ptr<net::HttpClient> http;
  std::unique_ptr<net::Clock> clock = net::make_system_clock();
  std::unique_ptr<brief::ChatModel> model;
  if (options.use_llm && llm.configured()) {
    auto ua = config::user_agent(app.config());
    http = net::make_curl_client(brief::llm_curl_options(ua ? *ua : "AcademicHub/0.1"));
    brief::ClientOptions client;
    client.log = [&](std::string_view line) { app.log(LogLevel::info, line); };
    auto made = brief::make_openai_client(llm, *http, *clock, std::move(client));
    if (!made) return report_error(made.error().with_context("[llm]"));
    model = std::move(*made);
  }
  const brief::Analysis analysis = brief::analyse(*papers, {});
  const brief::Briefing b = brief::write_briefing(analysis, *papers, model.get(), options);
  if (args.json) {
    fmt::print("{}\n", brief::to_json(b).dump());
  } else {
    fmt::print("{}\n", b.text);
    for (const brief::Warning& w : b.warnings) fmt::print(stderr, "warning: {}\n", w.message);
    if (b.llm.used) {
      fmt::print(stderr, "{}: {} prompt + {} completion tokens{}\n", b.llm.model,
                 b.llm.prompt_tokens, b.llm.completion_tokens,
                 b.llm.estimated ? " (estimated)" : "");
    }
  }
  return b.llm_failed ? kExitLlmFailed : kExitOk;
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
  cmd->add_option("--radar", args->radar, "a radar's papers (not in this version yet)");
  cmd->add_option("--since", args->since, "with --query: published on or after YYYY-MM-DD");
  cmd->add_option("--until", args->until, "with --query: published on or before YYYY-MM-DD");
  cmd->add_option("--limit", args->limit, "with --query: how many papers (1-1000, default 200)")
      ->check(CLI::Range(1, kMaxBriefPapers));
  cmd->add_option("--lang", args->lang, "zh or en (default en)");
  cmd->add_flag("--no-llm", args->no_llm, "the analysis alone, without asking the LLM");
  cmd->add_flag("--json", args->json,
                "print {\"lang\", \"papers\", \"themes\", \"text\", \"llm\", \"warnings\"}");
  cmd->footer("Exit status 3: the LLM failed after its retries; the analysis was printed instead.");
  cmd->callback([args, &run] { run = [args](App& app) { return run_brief(app, *args); }; });
}

}  // namespace ah::cli
