// academichub radar create|list|show|edit|delete|vote|people: the research radars (issue 9).
// `radar feed` is cmd_radar_feed.cpp. Radars live in the database beside the papers, for the
// local user (store/radar_store.h); seeds and votes name papers by any identifier `show` reads.
#include "cli/cmd_radar.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/format.h"
#include "radarsvc/people.h"
#include "radarsvc/radar_json.h"
#include "radarsvc/seeds_file.h"
#include "radarsvc/service.h"

namespace ah::cli {
namespace {

using nlohmann::json;

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::ranges::equal(a, b, [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

void add_unique(std::vector<std::string>& list, const std::vector<std::string>& more) {
  for (const std::string& v : more) {
    if (std::ranges::none_of(list, [&](const std::string& x) { return same_text(x, v); })) {
      list.push_back(v);
    }
  }
}

Result<void> remove_each(std::vector<std::string>& list, const std::vector<std::string>& gone,
                         std::string_view flag) {
  for (const std::string& v : gone) {
    const auto n = std::erase_if(list, [&](const std::string& x) { return same_text(x, v); });
    if (n == 0) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("{} '{}': the radar has no such entry", flag, v));
    }
  }
  return {};
}

// The radar NAME of the local user. Errors: not_found naming it; the store's.
Result<store::StoredRadar> find(store::PaperStore& store, const std::string& name) {
  auto r = store.radars()->find_radar(store::kLocalUser, name);
  if (!r) return std::unexpected(r.error());
  if (!*r) {
    return fail(ErrorCode::not_found,
                fmt::format("no radar '{}' (academichub radar list shows them)", name));
  }
  return std::move(**r);
}

// The seeds of --seed and --seeds-file as stable ids; reports the file's matches on stderr.
Result<std::vector<std::int64_t>> seeds_of(store::PaperStore& store, const ProfileArgs& a) {
  auto ids = radarsvc::resolve_papers(store, a.seeds, "--seed");
  if (!ids) return ids;
  for (const std::string& file : a.seeds_files) {
    auto matched = radarsvc::seeds_from_file(store, file);
    if (!matched) return std::unexpected(matched.error().with_context("--seeds-file " + file));
    fmt::print(stderr, "{}: {} references, {} matched to papers in the store, {} not\n", file,
               matched->references, matched->papers.size(), matched->unmatched.size());
    for (const std::string& warning : matched->warnings) fmt::print(stderr, "  {}\n", warning);
    for (const std::string& title : matched->unmatched) {
      fmt::print(stderr, "  not in the store: {}\n", clip(title, 100));
    }
    for (std::int64_t id : matched->papers) {
      if (std::ranges::find(*ids, id) == ids->end()) ids->push_back(id);
    }
  }
  return ids;
}

void print_list(std::string_view label, const std::vector<std::string>& values) {
  std::string text;
  for (const auto& v : values) text += (text.empty() ? "" : "; ") + v;
  fmt::print("  {:<13}{}\n", label, text.empty() ? "-" : text);
}

int print_radar(store::PaperStore& store, const store::StoredRadar& r, bool as_json) {
  auto j = radarsvc::radar_json(store, r);
  if (!j) return report_error(j.error());
  if (as_json) {
    fmt::print("{}\n", j->dump());
    return kExitOk;
  }
  fmt::print("radar {} (id {}, revision {}, updated {})\n", r.name, r.id, r.revision, r.updated);
  const auto& p = r.profile;
  print_list("authors", p.authors);
  print_list("author ids", p.author_ids);
  print_list("keywords", p.keywords);
  print_list("excludes", p.excludes);
  print_list("categories", p.categories);
  print_list("venues", p.venues);
  print_list("sources", p.sources);
  fmt::print("  {:<13}{}\n", "description", p.description.empty() ? "-" : p.description);
  fmt::print("  seeds ({})\n", (*j)["seeds"].size());
  for (const json& s : (*j)["seeds"]) {
    fmt::print("    {:<22}{}\n",
               s["id"].is_null() ? "ah:" + s["paper_id"].dump() : s["id"].get<std::string>(),
               s["title"].is_null() ? "(no longer in the store)"
                                    : clip(s["title"].get<std::string>(), 80));
  }
  fmt::print("  votes ({})\n", (*j)["votes"].size());
  for (const json& v : (*j)["votes"]) {
    fmt::print("    {:<5}{:<22}{}\n", v["vote"].get<std::string>(),
               v["id"].is_null() ? "ah:" + v["paper_id"].dump() : v["id"].get<std::string>(),
               v["title"].is_null() ? "" : clip(v["title"].get<std::string>(), 80));
  }
  return kExitOk;
}

int run_create(App& app, const ProfileArgs& a) {
  auto store = app.open_store(StoreUse::write);
  if (!store) return report_error(store.error());
  radar::RadarProfile p;
  add_unique(p.authors, a.authors);
  add_unique(p.author_ids, a.author_ids);
  add_unique(p.keywords, a.keywords);
  add_unique(p.excludes, a.excludes);
  add_unique(p.categories, a.categories);
  add_unique(p.venues, a.venues);
  add_unique(p.sources, a.sources);
  p.description = a.description;
  auto seeds = seeds_of(**store, a);
  if (!seeds) return report_error(seeds.error());
  p.seeds = std::move(*seeds);
  auto made = (*store)->radars()->create_radar(store::kLocalUser, a.name, p);
  if (!made) return report_error(made.error());
  if (!a.json) fmt::print("created ");
  return print_radar(**store, *made, a.json);
}

int run_edit(App& app, const ProfileArgs& a) {
  auto store = app.open_store(StoreUse::write);
  if (!store) return report_error(store.error());
  auto current = find(**store, a.name);
  if (!current) return report_error(current.error());
  radar::RadarProfile p = current->profile;
  const std::pair<std::vector<std::string>*, const std::vector<std::string>*> adds[] = {
      {&p.authors, &a.authors},   {&p.author_ids, &a.author_ids}, {&p.keywords, &a.keywords},
      {&p.excludes, &a.excludes}, {&p.categories, &a.categories}, {&p.venues, &a.venues},
      {&p.sources, &a.sources}};
  for (const auto& [list, more] : adds) add_unique(*list, *more);
  const std::tuple<std::vector<std::string>*, const std::vector<std::string>*, const char*>
      removes[] = {{&p.authors, &a.remove_authors, "--remove-author"},
                   {&p.author_ids, &a.remove_author_ids, "--remove-author-id"},
                   {&p.keywords, &a.remove_keywords, "--remove-keyword"},
                   {&p.excludes, &a.remove_excludes, "--remove-exclude"},
                   {&p.categories, &a.remove_categories, "--remove-category"},
                   {&p.venues, &a.remove_venues, "--remove-venue"},
                   {&p.sources, &a.remove_sources, "--remove-source"}};
  for (const auto& [list, gone, flag] : removes) {
    if (auto ok = remove_each(*list, *gone, flag); !ok) return report_error(ok.error());
  }
  if (a.description_given) p.description = a.description;
  auto seeds = seeds_of(**store, a);
  if (!seeds) return report_error(seeds.error());
  for (std::int64_t id : *seeds) {
    if (std::ranges::find(p.seeds, id) == p.seeds.end()) p.seeds.push_back(id);
  }
  auto removed = radarsvc::resolve_papers(**store, a.remove_seeds, "--remove-seed");
  if (!removed) return report_error(removed.error());
  for (std::int64_t id : *removed) {
    if (std::erase(p.seeds, id) == 0) {
      return report_error(
          Error{ErrorCode::invalid_argument,
                fmt::format("--remove-seed: ah:{} is not a seed of the radar", id)});
    }
  }
  std::optional<std::string_view> rename;
  if (!a.rename.empty()) rename = a.rename;
  auto updated = (*store)->radars()->update_radar(store::kLocalUser, current->id, rename, p);
  if (!updated) return report_error(updated.error());
  if (!a.json) fmt::print("updated ");
  return print_radar(**store, *updated, a.json);
}

struct NameArgs {
  std::string name;
  bool json = false;
};

int run_list(App& app, const NameArgs& a) {
  auto store = app.open_store(StoreUse::read);
  if (!store) return report_error(store.error());
  auto list = (*store)->radars()->list_radars(store::kLocalUser);
  if (!list) return report_error(list.error());
  if (a.json) {
    json out = json::array();
    for (const auto& r : *list) {
      auto j = radarsvc::radar_json(**store, r);
      if (!j) return report_error(j.error());
      out.push_back(std::move(*j));
    }
    fmt::print("{}\n", json{{"radars", std::move(out)}}.dump());
    return kExitOk;
  }
  if (list->empty()) fmt::print("no radars yet (academichub radar create NAME ...)\n");
  for (const auto& r : *list) {
    const auto& p = r.profile;
    fmt::print("{:<24} {} seeds, {} votes, {} authors, {} keywords{}\n", r.name, p.seeds.size(),
               p.votes.size(), p.authors.size() + p.author_ids.size(), p.keywords.size(),
               p.description.empty() ? "" : ": " + clip(p.description, 40));
  }
  return kExitOk;
}

int run_show(App& app, const NameArgs& a) {
  auto store = app.open_store(StoreUse::read);
  if (!store) return report_error(store.error());
  auto r = find(**store, a.name);
  if (!r) return report_error(r.error());
  return print_radar(**store, *r, a.json);
}

int run_delete(App& app, const NameArgs& a) {
  auto store = app.open_store(StoreUse::write);
  if (!store) return report_error(store.error());
  auto r = find(**store, a.name);
  if (!r) return report_error(r.error());
  auto gone = (*store)->radars()->delete_radar(store::kLocalUser, r->id);
  if (!gone) return report_error(gone.error());
  if (a.json) {
    fmt::print("{}\n", json{{"deleted", r->name}, {"id", r->id}}.dump());
  } else {
    fmt::print("deleted radar {}\n", r->name);
  }
  return kExitOk;
}

struct VoteArgs {
  std::string name, paper, vote;
  bool json = false;
};

int run_vote(App& app, const VoteArgs& a) {
  std::optional<radar::Vote> vote;
  if (a.vote == "up") {
    vote = radar::Vote::up;
  } else if (a.vote == "down") {
    vote = radar::Vote::down;
  } else if (a.vote != "clear") {
    return report_error(Error{ErrorCode::invalid_argument,
                              fmt::format("vote: '{}' is not up, down or clear", a.vote)});
  }
  auto store = app.open_store(StoreUse::write);
  if (!store) return report_error(store.error());
  auto r = find(**store, a.name);
  if (!r) return report_error(r.error());
  // A fresh process has no index to retrain over: the next feed learns the vote.
  radarsvc::RadarService service;
  auto voted = service.vote(**store, *r, a.paper, vote);
  if (!voted) return report_error(voted.error());
  if (a.json) {
    fmt::print("{}\n", json{{"radar", voted->radar.name},
                            {"paper_id", voted->paper},
                            {"vote", vote ? json(a.vote) : json(nullptr)},
                            {"revision", voted->radar.revision}}
                           .dump());
  } else {
    fmt::print("{} {} on ah:{} ({}) in radar {}\n", vote ? "voted" : "cleared the vote",
               vote ? a.vote : "", voted->paper, a.paper, voted->radar.name);
  }
  return kExitOk;
}

int run_people(App& app, const NameArgs& a) {
  auto store = app.open_store(StoreUse::read);
  if (!store) return report_error(store.error());
  auto people = radarsvc::find_people(**store, a.name);
  if (!people) return report_error(people.error());
  if (a.json) {
    json out = json::array();
    for (const auto& p : *people) out.push_back(radarsvc::person_json(p));
    fmt::print("{}\n", json{{"people", std::move(out)}}.dump());
    return kExitOk;
  }
  if (people->empty()) fmt::print("nobody named {} in the store\n", a.name);
  for (const auto& p : *people) {
    std::string ids;
    for (const auto& id : p.ids) ids += (ids.empty() ? "" : " ") + id;
    fmt::print("{} — {} papers{}{}\n", p.name, p.papers, ids.empty() ? "" : ", " + ids,
               p.affiliations.empty() ? "" : " (" + p.affiliations.front() + ")");
    for (const auto& r : p.recent) fmt::print("    {}  {}\n", r.date, clip(r.title, 90));
  }
  return kExitOk;
}

}  // namespace

void add_profile_options(CLI::App* cmd, ProfileArgs& a, bool edit) {
  const std::string how = edit ? "add " : "";
  cmd->add_option("--author", a.authors, how + "a followed author by name (repeatable)");
  cmd->add_option("--author-id", a.author_ids,
                  how +
                      "a followed author by stable id: orcid:..., openalex:A..., s2:... "
                      "(repeatable)");
  cmd->add_option("--keyword", a.keywords, how + "a word or phrase of interest (repeatable)");
  cmd->add_option("--exclude", a.excludes,
                  how + "a word or phrase no paper of the radar may contain (repeatable)");
  cmd->add_option("--category", a.categories, how + "a category bounding the pool (repeatable)");
  cmd->add_option("--venue", a.venues, how + "a venue bounding the pool (repeatable)");
  cmd->add_option("--source", a.sources, how + "a source bounding the pool (repeatable)");
  a.description_option = cmd->add_option("--description", a.description,
                                         edit ? "replace the written description (\"\" clears it)"
                                              : "the interest in your words, English or Chinese");
  cmd->add_option("--seed", a.seeds,
                  how + "a seed paper: any identifier `show` reads (repeatable)");
  cmd->add_option("--seeds-file", a.seeds_files,
                  how +
                      "seed papers from a BibTeX, RIS, CSL-JSON or Zotero export (matched to "
                      "stored papers by DOI, arXiv id or title)");
  cmd->add_flag("--json", a.json, "print the radar as JSON");
}

void add_radar(CLI::App& parent, Command& run) {
  CLI::App* radar = parent.add_subcommand(
      "radar", "research radars: profiles of authors, keywords, seeds and votes, ranked feeds");
  radar->require_subcommand(1);

  auto create = std::make_shared<ProfileArgs>();
  CLI::App* c = radar->add_subcommand("create", "create a radar");
  c->add_option("name", create->name, "the radar's name")->required();
  add_profile_options(c, *create, false);
  c->callback([create, &run] { run = [create](App& app) { return run_create(app, *create); }; });

  auto edit = std::make_shared<ProfileArgs>();
  CLI::App* e = radar->add_subcommand(
      "edit",
      "change a radar: the flags of create add entries, --remove-author, --remove-author-id, "
      "--remove-keyword, --remove-exclude, --remove-category, --remove-venue, --remove-source "
      "and --remove-seed take them out, --description replaces, --rename renames");
  e->add_option("name", edit->name, "the radar's name or id")->required();
  add_profile_options(e, *edit, true);
  e->add_option("--remove-author", edit->remove_authors, "stop following an author by name");
  e->add_option("--remove-author-id", edit->remove_author_ids, "stop following an author id");
  e->add_option("--remove-keyword", edit->remove_keywords, "drop a keyword");
  e->add_option("--remove-exclude", edit->remove_excludes, "drop an exclusion");
  e->add_option("--remove-category", edit->remove_categories, "drop a category");
  e->add_option("--remove-venue", edit->remove_venues, "drop a venue");
  e->add_option("--remove-source", edit->remove_sources, "drop a source");
  e->add_option("--remove-seed", edit->remove_seeds, "drop a seed paper (any identifier)");
  e->add_option("--rename", edit->rename, "give the radar a new name");
  e->callback([edit, &run] {
    edit->description_given = edit->description_option->count() > 0;
    run = [edit](App& app) { return run_edit(app, *edit); };
  });

  auto list = std::make_shared<NameArgs>();
  CLI::App* l = radar->add_subcommand("list", "list the radars");
  l->add_flag("--json", list->json, "print {\"radars\": [...]}");
  l->callback([list, &run] { run = [list](App& app) { return run_list(app, *list); }; });

  auto show = std::make_shared<NameArgs>();
  CLI::App* s = radar->add_subcommand("show", "show a radar's profile, seeds and votes");
  s->add_option("name", show->name, "the radar's name or id")->required();
  s->add_flag("--json", show->json, "print the radar as JSON");
  s->callback([show, &run] { run = [show](App& app) { return run_show(app, *show); }; });

  auto del = std::make_shared<NameArgs>();
  CLI::App* d = radar->add_subcommand("delete", "delete a radar with its votes and history");
  d->add_option("name", del->name, "the radar's name or id")->required();
  d->add_flag("--json", del->json, "print {\"deleted\": NAME, \"id\": N}");
  d->callback([del, &run] { run = [del](App& app) { return run_delete(app, *del); }; });

  auto vote = std::make_shared<VoteArgs>();
  CLI::App* v = radar->add_subcommand("vote", "vote a paper up or down in a radar, or clear it");
  v->add_option("name", vote->name, "the radar's name or id")->required();
  v->add_option("id", vote->paper, "the paper: any identifier `show` reads")->required();
  v->add_option("vote", vote->vote, "up, down or clear")->required();
  v->add_flag("--json", vote->json, "print the result as JSON");
  v->callback([vote, &run] { run = [vote](App& app) { return run_vote(app, *vote); }; });

  auto people = std::make_shared<NameArgs>();
  CLI::App* p = radar->add_subcommand(
      "people",
      "the people the store knows by an author's name, with ids, affiliations and "
      "recent papers (to follow one by --author-id)");
  p->add_option("name", people->name, "the author's name")->required();
  p->add_flag("--json", people->json, "print {\"people\": [...]}");
  p->callback([people, &run] { run = [people](App& app) { return run_people(app, *people); }; });

  add_radar_feed(*radar, run);
}

}  // namespace ah::cli
