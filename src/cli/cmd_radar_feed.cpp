// academichub radar feed NAME [--since] [--until] [--view] [--limit] [--cursor] [--json]: the
// next batch of a radar's feed, best first, each paper with its score and why. The batch is
// remembered as shown in the cursor's session (a new one without --cursor), so following
// next_cursor never shows a paper twice.
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cmd_radar.h"
#include "cli/format.h"
#include "cli/llm.h"
#include "cli/radar_service.h"
#include "cli/radar_terms.h"
#include "json/paper_json.h"
#include "radarsvc/explain_text.h"
#include "radarsvc/radar_json.h"
#include "radarsvc/service.h"

namespace ah::cli {
namespace {

struct FeedArgs {
  std::string name, since, until, view = "all", cursor;
  int limit = 20;
  bool json = false;
};

std::string authors_of(const core::Paper& p) {
  std::string out;
  for (std::size_t i = 0; i < p.authors.size() && i < 4; ++i) {
    out += (i ? ", " : "") + p.authors[i].name;
  }
  if (p.authors.size() > 4) out += fmt::format(" (+{})", p.authors.size() - 4);
  return out;
}

int run_feed(App& app, const FeedArgs& a) {
  auto view = radarsvc::parse_view(a.view);
  if (!view) {
    return report_error(Error{ErrorCode::invalid_argument,
                              fmt::format("--view: '{}' is not today, week or all", a.view)});
  }
  radarsvc::FeedRequest request{*view, a.since, a.until, a.limit, a.cursor};
  auto store = app.open_store(StoreUse::write);
  if (!store) return report_error(store.error());
  auto radar = (*store)->radars()->find_radar(store::kLocalUser, a.name);
  if (!radar) return report_error(radar.error());
  if (!*radar) {
    return report_error(
        Error{ErrorCode::not_found,
              fmt::format("no radar '{}' (academichub radar list shows them)", a.name)});
  }
  // A description in Chinese is ranked with its English terms when an LLM is configured.
  LlmClient llm;
  if (auto made = make_llm_client(app)) {
    llm = std::move(*made);
  } else {
    app.log(LogLevel::warn, made.error().message);
  }
  radarsvc::ServiceOptions options = radar_service_options(app);
  options.description_terms = description_terms(
      llm.model.get(), [&app] { return app.open_store(StoreUse::write); },
      [&app](std::string_view line) { app.log(LogLevel::warn, line); });
  radarsvc::RadarService service(std::move(options));
  auto feed = service.feed(**store, **radar, request);
  if (!feed) return report_error(feed.error().with_context(fmt::format("radar {}", a.name)));
  if (a.json) {
    fmt::print("{}\n", radarsvc::feed_json(*feed, radarsvc::weights(service.options())).dump());
    return kExitOk;
  }
  if (feed->papers.empty()) fmt::print("no papers for radar {} in this window\n", a.name);
  int n = 0;
  for (const auto& item : feed->papers) {
    const core::Paper& p = item.paper;
    const std::string id = p.arxiv_id.empty() ? json::display_id(p)
                                              : core::ArxivId{p.arxiv_id, p.version}.with_version();
    const std::string& day = !p.announced.empty() ? p.announced : p.published;
    fmt::print("\n{:>3}. {}  [{}]  score {:.2f}\n", ++n, clip(p.title_display, 90), id, item.score);
    fmt::print("     {}\n", clip(authors_of(p), 100));
    fmt::print("     {} · {}\n", p.categories.empty() ? p.venue : p.categories.front(),
               day.substr(0, std::min<std::size_t>(day.size(), 10)));
    for (const radar::Why& why : item.why) {
      fmt::print("     - {}\n", clip(radarsvc::describe(why, feed->titles), 120));
    }
  }
  if (feed->next_cursor) {
    fmt::print("\nnext batch: academichub radar feed {} --cursor {}\n", a.name, *feed->next_cursor);
  } else if (!feed->papers.empty()) {
    fmt::print("\nno more papers in this window\n");
  }
  return kExitOk;
}

}  // namespace

void add_radar_feed(CLI::App& radar, Command& run) {
  auto args = std::make_shared<FeedArgs>();
  CLI::App* cmd = radar.add_subcommand(
      "feed",
      "the next batch of a radar's feed, best first with score and why; --cursor goes on with "
      "the session (换一批) without repeating a paper");
  cmd->add_option("name", args->name, "the radar's name or id")->required();
  cmd->add_option("--since", args->since, "first day, YYYY-MM-DD (or YYYY-MM, YYYY)");
  cmd->add_option("--until", args->until, "last day, YYYY-MM-DD (or YYYY-MM, YYYY)");
  cmd->add_option("--view", args->view,
                  "today (the newest day the store has), week (its last 7 days) or all "
                  "(default)");
  cmd->add_option("--limit", args->limit, "papers in the batch, 1 to 1000 (default 20)");
  cmd->add_option("--cursor", args->cursor, "next_cursor of the previous batch");
  cmd->add_flag("--json", args->json, "print {\"papers\": [...], \"next_cursor\": ...}");
  cmd->callback([args, &run] { run = [args](App& app) { return run_feed(app, *args); }; });
}

}  // namespace ah::cli
