// academichub sources list [--json] | add NAME --kind K ... | remove NAME | enable NAME |
// disable NAME: the catalogue of sources (the sources_file setting). The first use writes the
// built-in default there; edits change only the entry's lines and keep the file's comments
// (catalogue/catalogue_edit.h). A running `serve --harvest` picks the change up by itself.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalogue/catalogue_file.h"
#include "cli/commands.h"
#include "cli/format.h"

namespace ah::cli {
namespace {

struct AddArgs {
  std::string name, kind, title, every, at, since, method, term, source_id, server, url, venue;
  std::vector<std::string> sets, issns;
  bool disabled = false;
};

struct SourcesArgs {
  bool as_json = false;
  std::string name;
  AddArgs add;
};

// Writes the default catalogue when there is none yet, saying where.
Result<void> first_use(App& app, const catalogue::CatalogueFile& file) {
  auto wrote = file.ensure_exists();
  if (!wrote) return std::unexpected(wrote.error());
  if (*wrote) {
    app.log(LogLevel::info,
            fmt::format("wrote the default catalogue of sources to {} (edit it, or use "
                        "`academichub sources add|remove|enable|disable`)",
                        file.path().string()));
  }
  return {};
}

// What an entry harvests, in a few words: its sets, ISSNs, term, source, server or feed.
std::string what(const catalogue::SourceEntry& e) {
  auto join = [](const std::vector<std::string>& v, std::string_view sep) {
    std::string out;
    for (const std::string& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
    return out;
  };
  if (const auto* p = e.arxiv()) {
    return fmt::format("{} {}", catalogue::to_string(p->method), join(p->sets, "+"));
  }
  if (const auto* p = e.crossref()) return "ISSN " + join(p->issns, ", ");
  if (const auto* p = e.pubmed()) return p->term;
  if (const auto* p = e.openalex()) return p->source_id;
  if (const auto* p = e.biorxiv()) return p->server;
  if (const auto* p = e.feed()) return p->url;
  return "";
}

int run_list(App& app, const SourcesArgs& args) {
  catalogue::CatalogueFile file(app.config().sources_file);
  if (auto r = first_use(app, file); !r) return report_error(r.error());
  auto loaded = file.read();
  if (!loaded) return report_error(loaded.error());
  const auto& sources = loaded->catalogue.sources;
  if (args.as_json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const catalogue::SourceEntry& e : sources) {
      list.push_back(nlohmann::ordered_json::parse(catalogue::entry_json(e)));
    }
    nlohmann::ordered_json out{{"file", file.path().string()}, {"sources", std::move(list)}};
    fmt::print("{}\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return kExitOk;
  }
  std::size_t name_width = 4;
  for (const catalogue::SourceEntry& e : sources) name_width = std::max(name_width, e.name.size());
  int enabled = 0;
  fmt::print("catalogue  {}\n\n", file.path().string());
  fmt::print("{:<{}}  {:<8}  {:<3}  {:<22}  {}\n", "name", name_width, "kind", "on", "cadence",
             "what");
  for (const catalogue::SourceEntry& e : sources) {
    enabled += e.enabled ? 1 : 0;
    fmt::print("{:<{}}  {:<8}  {:<3}  {:<22}  {}\n", e.name, name_width,
               catalogue::to_string(e.kind), e.enabled ? "yes" : "no",
               catalogue::describe(e.cadence), clip(what(e), 60));
  }
  fmt::print("\n{} sources, {} enabled\n", sources.size(), enabled);
  return kExitOk;
}

// Says what an edit did to the file when it had to write it anew.
void report_edit(App& app, const catalogue::CatalogueFile& file,
                 const catalogue::CatalogueFile::Edited& edited) {
  if (edited.rewritten) {
    app.log(LogLevel::warn,
            fmt::format("{} was written anew (an entry was not a [[source]] table, so it could "
                        "not be edited in place): its comments are gone; the previous file is "
                        "{}.bak",
                        file.path().string(), file.path().string()));
  }
}

int run_add(App& app, const AddArgs& a) {
  // The flags become an entry object with the file's keys, validated like the file's entries.
  nlohmann::json entry{{"name", a.name}, {"kind", a.kind}, {"enabled", !a.disabled}};
  auto set = [&](const char* key, const std::string& value) {
    if (!value.empty()) entry[key] = value;
  };
  set("title", a.title);
  set("every", a.every);
  set("at", a.at);
  set("since", a.since);
  set("method", a.method);
  set("term", a.term);
  set("source_id", a.source_id);
  set("server", a.server);
  set("url", a.url);
  set("venue", a.venue);
  if (!a.sets.empty()) entry["sets"] = a.sets;
  if (!a.issns.empty()) entry["issns"] = a.issns;
  auto parsed = catalogue::entry_from_json(entry.dump());
  if (!parsed) return report_error(parsed.error());

  catalogue::CatalogueFile file(app.config().sources_file);
  if (auto r = first_use(app, file); !r) return report_error(r.error());
  auto edited = file.add(*parsed);
  if (!edited) return report_error(edited.error());
  report_edit(app, file, *edited);
  fmt::print("added {} ({}, {}, {}) to {}\n", parsed->name, catalogue::to_string(parsed->kind),
             catalogue::describe(parsed->cadence), parsed->enabled ? "enabled" : "disabled",
             file.path().string());
  return kExitOk;
}

int run_remove(App& app, const std::string& name) {
  catalogue::CatalogueFile file(app.config().sources_file);
  if (auto r = first_use(app, file); !r) return report_error(r.error());
  auto edited = file.remove(name);
  if (!edited) return report_error(edited.error());
  report_edit(app, file, *edited);
  fmt::print("removed {} from {} (its coverage stays in the database)\n", name,
             file.path().string());
  return kExitOk;
}

int run_enable(App& app, const std::string& name, bool enabled) {
  catalogue::CatalogueFile file(app.config().sources_file);
  if (auto r = first_use(app, file); !r) return report_error(r.error());
  auto edited = file.set_enabled(name, enabled);
  if (!edited) return report_error(edited.error());
  report_edit(app, file, *edited);
  fmt::print("{} {} in {}\n", enabled ? "enabled" : "disabled", name, file.path().string());
  return kExitOk;
}

}  // namespace

void add_sources(CLI::App& parent, Command& run) {
  auto args = std::make_shared<SourcesArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "sources", "the catalogue of sources to harvest (list, add, remove, enable, disable)");
  cmd->require_subcommand(1);

  CLI::App* list = cmd->add_subcommand("list", "every source of the catalogue");
  list->add_flag("--json", args->as_json, "print {\"file\", \"sources\": [...]} as JSON");
  list->callback([args, &run] { run = [args](App& app) { return run_list(app, *args); }; });

  AddArgs& a = args->add;
  CLI::App* add = cmd->add_subcommand(
      "add", "add a source; the kind's flags give its keys (the file's key in brackets)");
  add->add_option("name", a.name, "unique name: lower-case letters, digits, '.', '_', '-'")
      ->required();
  add->add_option("--kind", a.kind, "arxiv, crossref, pubmed, openalex, biorxiv or feed")
      ->required();
  add->add_option("--title", a.title, "for people [title]");
  add->add_option("--every", a.every, "how often: 30m, 6h, 1d, 1h30m [every]");
  add->add_option("--at", a.at, "or daily at this UTC time, HH:MM [at]");
  add->add_option("--since", a.since, "where a first harvest starts, YYYY-MM-DD [since]");
  add->add_flag("--disabled", a.disabled, "add it switched off [enabled = false]");
  add->add_option("--set", a.sets, "arxiv: an archive, category or OAI-PMH set; repeat [sets]");
  add->add_option("--method", a.method, "arxiv: rss (default) or oai [method]");
  add->add_option("--issn", a.issns, "crossref: the journal's ISSN; repeat for each [issns]");
  add->add_option("--term", a.term, "pubmed: an E-utilities search term [term]");
  add->add_option("--source-id", a.source_id, "openalex: a source id, S... [source_id]");
  add->add_option("--server", a.server, "biorxiv: biorxiv or medrxiv [server]");
  add->add_option("--url", a.url, "feed: the table-of-contents feed's URL [url]");
  add->add_option("--venue", a.venue, "feed: the journal's name [venue]");
  add->callback([args, &run] { run = [args](App& app) { return run_add(app, args->add); }; });

  CLI::App* remove = cmd->add_subcommand("remove", "remove a source from the catalogue");
  remove->add_option("name", args->name, "the source's name")->required();
  remove->callback(
      [args, &run] { run = [args](App& app) { return run_remove(app, args->name); }; });

  for (const bool on : {true, false}) {
    CLI::App* sub = cmd->add_subcommand(on ? "enable" : "disable",
                                        on ? "switch a source on" : "switch a source off");
    sub->add_option("name", args->name, "the source's name")->required();
    sub->callback([args, on, &run] {
      run = [args, on](App& app) { return run_enable(app, args->name, on); };
    });
  }
}

}  // namespace ah::cli
