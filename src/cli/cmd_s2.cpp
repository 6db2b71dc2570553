// academichub s2 lookup ID... [--json]: papers from Semantic Scholar by DOI, arXiv id, PMID, ...,
// stored as Semantic Scholar records; academichub s2 authors NAME... [--limit N] [--json]: author
// candidates with their stable S2 ids.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/format.h"
#include "core/identifiers.h"
#include "harvest/s2_client.h"
#include "json/paper_json.h"

namespace ah::cli {
namespace {

struct S2Args {
  std::vector<std::string> ids;
  std::vector<std::string> name;
  int limit = 10;
  bool json = false;
};

harvest::S2Options options_of(const config::Config& c) {
  harvest::S2Options o;
  o.api_url = c.s2_api_url;
  o.api_key = c.s2_api_key.reveal();
  return o;
}

int run_lookup(App& app, const S2Args& args) {
  std::vector<core::Identifier> ids;
  for (const std::string& text : args.ids) {
    auto id = core::parse_any_identifier(text);
    if (!id) return report_error(id.error());
    auto as_s2 = harvest::S2Client::batch_id(*id);
    if (!as_s2) return report_error(as_s2.error());
    ids.push_back(std::move(*id));
  }
  auto http = app.make_http_client();
  if (!http) return report_error(http.error());
  auto store = app.open_store(StoreUse::write);
  if (!store) return report_error(store.error());
  harvest::S2Client client(**http, options_of(app.config()),
                           [&](std::string_view line) { app.log(LogLevel::info, line); });
  auto report = client.lookup(ids, store->get());
  if (!report) return report_error(report.error());
  const store::UpsertCounts stored = report->stored.value_or(store::UpsertCounts{});
  if (args.json) {
    nlohmann::json found = nlohmann::json::array();
    for (const core::Paper& p : report->found) found.push_back(json::to_json(p));
    nlohmann::json out{{"found", std::move(found)},
                       {"not_found", report->not_found},
                       {"rejected", report->rejected},
                       {"stored",
                        {{"inserted", stored.inserted},
                         {"updated", stored.updated},
                         {"unchanged", stored.unchanged},
                         {"rejected", stored.rejected}}}};
    fmt::print("{}\n", out.dump());
    return kExitOk;
  }
  for (const core::Paper& p : report->found) {
    fmt::print("s2:{}  {}{}\n", p.source_id, clip(p.title_display, 90),
               p.doi.empty() ? "" : "  doi:" + p.doi);
  }
  for (const std::string& id : report->not_found) fmt::print("not found: {}\n", id);
  for (const std::string& r : report->rejected) fmt::print("  rejected: {}\n", r);
  fmt::print("stored: {}\n", counts_line(stored));
  return kExitOk;
}

int run_authors(App& app, const S2Args& args) {
  std::string name;
  for (const std::string& word : args.name) name += (name.empty() ? "" : " ") + word;
  auto http = app.make_http_client();
  if (!http) return report_error(http.error());
  harvest::S2Client client(**http, options_of(app.config()),
                           [&](std::string_view line) { app.log(LogLevel::info, line); });
  auto found = client.search_authors(name, args.limit);
  if (!found) return report_error(found.error());
  auto count = [](const std::optional<std::int64_t>& v) -> nlohmann::json {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  if (args.json) {
    nlohmann::json authors = nlohmann::json::array();
    for (const sources::s2::Author& a : found->authors) {
      authors.push_back(
          {{"author_id", a.author_id},
           {"name", a.name},
           {"affiliations", a.affiliations},
           {"paper_count", count(a.paper_count)},
           {"citation_count", count(a.citation_count)},
           {"h_index", count(a.h_index)},
           {"orcid", a.orcid.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.orcid)},
           {"dblp", a.dblp},
           {"url", a.url.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.url)}});
    }
    fmt::print("{}\n",
               nlohmann::json{{"authors", std::move(authors)}, {"total", found->total}}.dump());
    return kExitOk;
  }
  for (const sources::s2::Author& a : found->authors) {
    std::string affiliations;
    for (const std::string& aff : a.affiliations) {
      affiliations += (affiliations.empty() ? "" : "; ") + aff;
    }
    fmt::print("{:<12} {}  ({} papers{}){}\n", a.author_id, a.name,
               a.paper_count ? thousands(*a.paper_count) : "?",
               a.h_index ? fmt::format(", h-index {}", *a.h_index) : "",
               affiliations.empty() ? "" : "  " + affiliations);
  }
  fmt::print("{} of {} candidates\n", found->authors.size(), found->total);
  return kExitOk;
}

}  // namespace

void add_s2(CLI::App& parent, Command& run) {
  auto args = std::make_shared<S2Args>();
  CLI::App* s2 = parent.add_subcommand("s2", "look papers and authors up in Semantic Scholar");
  s2->require_subcommand(1);
  CLI::App* lookup = s2->add_subcommand(
      "lookup", "papers by DOI, arXiv id, pmid:N, pmcid:PMCN or s2:ID, stored as S2 records");
  lookup->add_option("ids", args->ids, "identifiers")->required();
  lookup->add_flag("--json", args->json, "print {\"found\", \"not_found\", \"stored\"} as JSON");
  lookup->callback([args, &run] { run = [args](App& app) { return run_lookup(app, *args); }; });

  CLI::App* authors =
      s2->add_subcommand("authors", "author candidates for a name, with their S2 ids");
  authors->add_option("name", args->name, "the author's name")->required();
  authors->add_option("--limit", args->limit, "at most this many candidates (1..1000)")
      ->check(CLI::Range(1, 1000));
  authors->add_flag("--json", args->json, "print {\"authors\", \"total\"} as JSON");
  authors->callback([args, &run] { run = [args](App& app) { return run_authors(app, *args); }; });
}

}  // namespace ah::cli
