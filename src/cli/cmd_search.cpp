// academichub search QUERY and academichub show ID: reading the database.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/format.h"
#include "json/paper_json.h"
#include "search/limits.h"
#include "search/query.h"

namespace ah::cli {
namespace {

struct SearchArgs {
  std::vector<std::string> words;
  std::vector<std::string> authors, categories, sources;
  std::string since, until, sort = "relevance";
  int limit = 20;
  int offset = 0;
  bool json = false;
};

std::string author_line(const core::Paper& p, size_t max_names) {
  std::string out;
  for (size_t i = 0; i < p.authors.size() && i < max_names; ++i) {
    if (i) out += ", ";
    out += p.authors[i].name;
  }
  if (p.authors.size() > max_names) out += fmt::format(" (+{})", p.authors.size() - max_names);
  return out;
}

std::string day(const core::Paper& p) {
  const std::string& d = !p.published.empty() ? p.published : p.announced;
  return d.substr(0, 10);
}

// Without a query argument, the newest papers within the filters (as the API's feed); a query
// given must have words to search for (search::parse_query, the API's rule for q).
Result<search::SearchRequest> build_request(const SearchArgs& a) {
  Result<search::SearchRequest> request = search::SearchRequest{};
  if (!a.words.empty()) {
    std::string text;
    for (const std::string& w : a.words) text += (text.empty() ? "" : " ") + w;
    request = search::parse_query(text);  // its errors start with "query: "
    if (!request) return request;
  }
  for (const auto& [name, values] :
       {std::pair{"--author", &a.authors}, std::pair{"--category", &a.categories},
        std::pair{"--source", &a.sources}}) {
    if (auto ok = search::check_filter_values(name, *values); !ok) {
      return std::unexpected(ok.error());
    }
  }
  search::Filters& f = request->filters;
  f.authors.insert(f.authors.end(), a.authors.begin(), a.authors.end());
  f.categories.insert(f.categories.end(), a.categories.begin(), a.categories.end());
  f.sources.insert(f.sources.end(), a.sources.begin(), a.sources.end());
  if (!a.since.empty()) {
    auto d = search::parse_date_bound(a.since, false);
    if (!d) return std::unexpected(d.error().with_context("--since"));
    f.since = *d;
  }
  if (!a.until.empty()) {
    auto d = search::parse_date_bound(a.until, true);
    if (!d) return std::unexpected(d.error().with_context("--until"));
    f.until = *d;
  }
  request->limit = a.limit;
  request->offset = a.offset;
  request->sort = a.sort == "newest" ? search::Sort::newest : search::Sort::relevance;
  return request;
}

int run_search(App& app, const SearchArgs& args) {
  auto request = build_request(args);
  if (!request) return report_error(request.error());
  auto store = app.open_store(StoreUse::read);
  if (!store) return report_error(store.error());
  auto result = (*store)->search(*request);
  if (!result) return report_error(result.error());

  if (args.json) {
    nlohmann::json papers = nlohmann::json::array();
    for (const store::SearchHit& h : result->hits) {
      nlohmann::json p = json::to_json(h.paper);
      p["score"] = h.score;
      papers.push_back(std::move(p));
    }
    nlohmann::json out{{"papers", std::move(papers)},
                       {"total", result->total},
                       {"total_exact", result->total_exact}};
    fmt::print("{}\n", out.dump());
    return kExitOk;
  }
  if (result->hits.empty()) {
    fmt::print("no papers match{}\n",
               result->total > 0 ? fmt::format(" on this page (total {})", result->total) : "");
    return kExitOk;
  }
  fmt::print("{}{} papers{}\n", result->total_exact ? "" : "about ", thousands(result->total),
             result->total > static_cast<std::int64_t>(result->hits.size())
                 ? fmt::format(", showing {}-{}", args.offset + 1,
                               args.offset + static_cast<int>(result->hits.size()))
                 : "");
  int n = args.offset;
  for (const store::SearchHit& h : result->hits) {
    const core::Paper& p = h.paper;
    std::string id =
        p.arxiv_id.empty() ? p.doi : core::ArxivId{p.arxiv_id, p.version}.with_version();
    fmt::print("\n{:>3}. {}  [{}]\n", ++n, clip(p.title_display, 100), id);
    fmt::print("     {}\n", clip(author_line(p, 6), 100));
    fmt::print("     {} · {}\n", p.categories.empty() ? "-" : p.categories.front(), day(p));
  }
  return kExitOk;
}

struct ShowArgs {
  std::string id;
  bool json = false;
};

int run_show(App& app, const ShowArgs& args) {
  auto store = app.open_store(StoreUse::read);
  if (!store) return report_error(store.error());
  auto paper = (*store)->get(args.id);
  if (!paper) return report_error(paper.error());
  if (!*paper) {
    fmt::print(stderr, "error: no paper {} in {}\n", args.id, app.config().db_path.string());
    return kExitFailure;
  }
  const core::Paper& p = **paper;
  if (args.json) {
    fmt::print("{}\n", json::to_json(p).dump());
    return kExitOk;
  }
  const std::string id = p.arxiv_id.empty() ? json::display_id(p)
                                            : core::ArxivId{p.arxiv_id, p.version}.with_version();
  fmt::print("{}\n{}\n\n", id, p.title_display);
  if (p.status.retracted) fmt::print("RETRACTED\n\n");
  for (const core::Author& a : p.authors) {
    fmt::print("  {}{}\n", a.name, a.affiliation.empty() ? "" : " (" + a.affiliation + ")");
  }
  fmt::print("\n{}\n\n", p.abstract_display);
  auto field = [](std::string_view name, const std::string& value) {
    if (!value.empty()) fmt::print("{:<14}{}\n", name, value);
  };
  std::string cats;
  for (const std::string& c : p.categories) cats += (cats.empty() ? "" : " ") + c;
  field("paper", p.paper_id > 0 ? "ah:" + std::to_string(p.paper_id) : "");
  field("venue", p.venue);
  std::string place = p.volume;
  if (!p.issue.empty()) place += "(" + p.issue + ")";
  if (!p.pages.empty()) place += (place.empty() ? "" : ", ") + p.pages;
  field("volume", place);
  field("publisher", p.publisher);
  field("type", p.type == core::WorkType::unknown ? "" : std::string(core::to_string(p.type)));
  field("categories", cats);
  field("published", p.published);
  field("this version", p.version_date);
  field("updated", p.updated);
  field("announced", p.announced);
  field("comment", p.comment);
  field("journal-ref", p.journal_ref);
  field("doi", p.doi);
  for (const core::Identifier& other : p.other_ids) field(other.scheme, other.value);
  field("report-no", p.report_no);
  field("license", p.license);
  field("abstract page", p.abs_url);
  field("pdf", p.pdf_url);
  field("doi link", core::doi_url(p));
  field("source", p.source);
  if (p.status.corrected) field("corrected", "yes");
  if (p.status.concern) field("concern", "an expression of concern was published");
  for (const std::string& notice : p.status.notice_dois) field("notice", notice);
  for (const core::PaperVersion& v : p.versions) {
    field(fmt::format("v{}", v.version), v.date + (v.size.empty() ? "" : " (" + v.size + ")"));
  }
  if (!p.history.empty()) {
    fmt::print("\nhistory\n");
    for (const core::HistoryEvent& e : p.history) {
      fmt::print("  {:<11}{:<12}{}{}\n", e.date.substr(0, 10), e.kind, e.label,
                 e.source.empty() ? "" : " [" + e.source + "]");
    }
  }
  if (p.records.size() > 1) {
    fmt::print("\nrecords\n");
    for (const core::RecordRef& r : p.records) {
      fmt::print("  {:<6}{:<18}{}  {}\n", r.record_id, r.source, r.source_id, r.fetched_at);
    }
  }
  return kExitOk;
}

}  // namespace

void add_search(CLI::App& parent, Command& run) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "search",
      "full-text search: words, \"phrases\", ti: abs: au: cat: fields, -exclusion, OR, prefix*");
  cmd->footer(fmt::format(
      "A query has at most {} terms ({} of them prefix*) and {} bytes; each filter at most {} "
      "values of {} bytes. "
      "A query that starts with an -exclusion goes after --, as in: search --json -- -x y.",
      search::kMaxQueryTerms, search::kMaxPrefixTerms, search::kMaxQueryBytes,
      search::kMaxFilterValues, search::kMaxFilterBytes));
  cmd->add_option("query", args->words,
                  "the query, with words to search for; without it, the newest papers within the "
                  "filters");
  cmd->add_option("--author", args->authors,
                  "only papers by this author: a whole name, or one word of names (repeatable: by "
                  "all of them)");
  cmd->add_option("--category", args->categories,
                  "only papers in this category, e.g. cs.CL or cs (repeatable)");
  cmd->add_option("--source", args->sources, "only papers from this source (repeatable)");
  cmd->add_option("--since", args->since, "published on or after YYYY-MM-DD");
  cmd->add_option("--until", args->until, "published on or before YYYY-MM-DD");
  cmd->add_option("--limit", args->limit, "results per page (1-1000, default 20)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--offset", args->offset, "results to skip")->check(CLI::NonNegativeNumber);
  cmd->add_option("--sort", args->sort, "relevance or newest")
      ->check(CLI::IsMember({"relevance", "newest"}));
  cmd->add_flag("--json", args->json, "print {\"papers\": [...], \"total\": N}");
  cmd->callback([args, &run] { run = [args](App& app) { return run_search(app, *args); }; });
}

void add_show(CLI::App& parent, Command& run) {
  auto args = std::make_shared<ShowArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "show", "show one paper by any of its identifiers (arXiv id, DOI, pmid:N, ...)");
  cmd->add_option("id", args->id,
                  "an arXiv id (with or without version), a DOI, pmid:N, pmcid:PMCN, openalex:WN, "
                  "s2:ID or ah:N (the paper's stable id)")
      ->required();
  cmd->add_flag("--json", args->json, "print the paper as JSON");
  cmd->callback([args, &run] { run = [args](App& app) { return run_show(app, *args); }; });
}

}  // namespace ah::cli
