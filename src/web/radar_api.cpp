#include "web/radar_api.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "radarsvc/people.h"
#include "radarsvc/radar_json.h"
#include "radarsvc/seeds_file.h"
#include "store/radar_store.h"
#include "web/errors.h"
#include "web/params.h"

namespace ah::web {
namespace {

using Json = nlohmann::json;

Response json_response(const Json& body, int status = 200) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  r.set_header("Cache-Control", "no-store");
  return r;
}

Error bad(std::string message) { return Error{ErrorCode::invalid_argument, std::move(message)}; }

// "{id}" or "{id}/{part}" of what follows /radars/: the part is one of the sub-resources, so a
// radar name may hold a '/' of its own.
struct Target {
  std::string id;
  std::string part;  // "", "feed", "votes", "seen", "seeds"
};
Target target(std::string_view rest) {
  const auto slash = rest.rfind('/');
  if (slash != std::string_view::npos) {
    const std::string_view part = rest.substr(slash + 1);
    if (part == "feed" || part == "votes" || part == "seen" || part == "seeds") {
      return {std::string(rest.substr(0, slash)), std::string(part)};
    }
  }
  return {std::string(rest), ""};
}

Result<Json> body_object(const Request& r) {
  Json body = Json::parse(r.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return std::unexpected(bad("body: expected a JSON object"));
  }
  return body;
}

Result<std::vector<std::string>> strings(const Json& body, const char* key) {
  const Json& v = body[key];
  if (!v.is_array())
    return std::unexpected(bad(fmt::format("{}: expected an array of strings", key)));
  std::vector<std::string> out;
  for (const Json& s : v) {
    if (!s.is_string()) {
      return std::unexpected(bad(fmt::format("{}: expected an array of strings", key)));
    }
    out.push_back(s.get<std::string>());
  }
  return out;
}

constexpr const char* kListKeys[] = {"authors",    "author_ids", "keywords", "excludes",
                                     "categories", "venues",     "sources"};

std::vector<std::string>& list_of(radar::RadarProfile& p, std::string_view key) {
  if (key == "authors") return p.authors;
  if (key == "author_ids") return p.author_ids;
  if (key == "keywords") return p.keywords;
  if (key == "excludes") return p.excludes;
  if (key == "categories") return p.categories;
  if (key == "venues") return p.venues;
  return p.sources;
}

// Applies the keys of `body` to `profile` (and `name`): each key given replaces its field.
// Errors: invalid_argument naming an unknown key, a value of the wrong type, or unknown seeds.
Result<void> apply(const Json& body, store::PaperStore& store, radar::RadarProfile& profile,
                   std::optional<std::string>& name) {
  for (const auto& [key, value] : body.items()) {
    if (key == "name") {
      if (!value.is_string()) return std::unexpected(bad("name: expected a string"));
      name = value.get<std::string>();
    } else if (key == "description") {
      if (!value.is_string()) return std::unexpected(bad("description: expected a string"));
      profile.description = value.get<std::string>();
    } else if (key == "seeds") {
      auto ids = strings(body, "seeds");
      if (!ids) return std::unexpected(ids.error());
      auto seeds = radarsvc::resolve_papers(store, *ids, "seeds");
      if (!seeds) return std::unexpected(seeds.error());
      profile.seeds = std::move(*seeds);
    } else if (std::find(std::begin(kListKeys), std::end(kListKeys), key) != std::end(kListKeys)) {
      auto values = strings(body, key.c_str());
      if (!values) return std::unexpected(values.error());
      list_of(profile, key) = std::move(*values);
    } else {
      return std::unexpected(bad(fmt::format(
          "{}: not a radar field (name, description, seeds, authors, author_ids, keywords, "
          "excludes, categories, venues, sources)",
          key)));
    }
  }
  return {};
}

Result<store::StoredRadar> find(store::PaperStore& store, const std::string& id) {
  auto r = store.radars()->find_radar(store::kLocalUser, id);
  if (!r) return std::unexpected(r.error());
  if (!*r) return fail(ErrorCode::not_found, fmt::format("no radar '{}'", id));
  return std::move(**r);
}

}  // namespace

RadarApi::RadarApi(StorePool& writers, StorePool& readers, radarsvc::RadarService& service,
                   RadarApiOptions options)
    : writers_(writers), readers_(readers), service_(service), options_(std::move(options)) {}

Response RadarApi::fail(const Error& error) {
  if (http_status(error.code) >= 500 && options_.log_error) options_.log_error(error.message);
  return error_response(error);
}

Response RadarApi::list(const Request&) {
  auto store = writers_.acquire(options_.store_wait);
  if (!store) return fail(store.error());
  auto radars = (*store)->radars()->list_radars(store::kLocalUser);
  if (!radars) return fail(radars.error());
  Json out = Json::array();
  for (const auto& r : *radars) {
    auto j = radarsvc::radar_json(**store, r);
    if (!j) return fail(j.error());
    out.push_back(std::move(*j));
  }
  return json_response(Json{{"radars", std::move(out)}});
}

Response RadarApi::create(const Request& r) {
  auto body = body_object(r);
  if (!body) return fail(body.error());
  auto store = writers_.acquire(options_.store_wait);
  if (!store) return fail(store.error());
  radar::RadarProfile profile;
  std::optional<std::string> name;
  if (auto ok = apply(*body, **store, profile, name); !ok) return fail(ok.error());
  if (!name) return fail(bad("name: a radar needs a name"));
  if (options_.on_description && !profile.description.empty()) {
    options_.on_description(profile.description);
  }
  auto made = (*store)->radars()->create_radar(store::kLocalUser, *name, profile);
  if (!made) return fail(made.error());
  auto j = radarsvc::radar_json(**store, *made);
  if (!j) return fail(j.error());
  return json_response(Json{{"radar", std::move(*j)}}, 201);
}

Response RadarApi::get(const Request& r, std::string_view rest) {
  const Target t = target(rest);
  if (t.id.empty()) return error_response(404, "not_found", "give a radar: /api/v1/radars/{id}");
  if (t.part == "seen" || t.part == "seeds") {
    Response res = error_response(405, "method_not_allowed", t.part + " takes POST, not GET");
    res.set_header("Allow", "POST");
    return res;
  }
  auto store = writers_.acquire(options_.store_wait);
  if (!store) return fail(store.error());
  auto radar = find(**store, t.id);
  if (!radar) return fail(radar.error());
  if (t.part == "feed") {
    radarsvc::FeedRequest request;
    const std::string view = r.first("view").value_or("all");
    auto v = radarsvc::parse_view(view);
    if (!v) return fail(bad(fmt::format("view: expected today, week or all, got '{}'", view)));
    request.view = *v;
    auto limit = int_param(r, "limit", 20, 1, radarsvc::kMaxFeedLimit);
    if (!limit) return fail(limit.error());
    request.limit = *limit;
    request.since = r.first("since").value_or("");
    request.until = r.first("until").value_or("");
    request.cursor = r.first("cursor").value_or("");
    auto feed = service_.feed(**store, *radar, request);
    if (!feed) return fail(feed.error());
    return json_response(radarsvc::feed_json(*feed, radarsvc::weights(service_.options())));
  }
  auto j = radarsvc::radar_json(**store, *radar);
  if (!j) return fail(j.error());
  if (t.part == "votes") return json_response(Json{{"votes", (*j)["votes"]}});
  return json_response(Json{{"radar", std::move(*j)}});
}

Response RadarApi::update(const Request& r, std::string_view rest) {
  const Target t = target(rest);
  if (!t.part.empty() || t.id.empty()) {
    return error_response(404, "not_found", "PATCH takes a radar: /api/v1/radars/{id}");
  }
  auto body = body_object(r);
  if (!body) return fail(body.error());
  auto store = writers_.acquire(options_.store_wait);
  if (!store) return fail(store.error());
  auto radar = find(**store, t.id);
  if (!radar) return fail(radar.error());
  radar::RadarProfile profile = radar->profile;
  std::optional<std::string> name;
  if (auto ok = apply(*body, **store, profile, name); !ok) return fail(ok.error());
  std::optional<std::string_view> rename;
  if (name) rename = *name;
  if (options_.on_description && !profile.description.empty() &&
      profile.description != radar->profile.description) {
    options_.on_description(profile.description);
  }
  auto updated = (*store)->radars()->update_radar(store::kLocalUser, radar->id, rename, profile);
  if (!updated) return fail(updated.error());
  // Learned now, so the next feed finds the edit trained in (when the index is built).
  if (auto ok = service_.retrain(*updated); !ok) return fail(ok.error());
  auto j = radarsvc::radar_json(**store, *updated);
  if (!j) return fail(j.error());
  return json_response(Json{{"radar", std::move(*j)}});
}

Response RadarApi::remove(const Request&, std::string_view rest) {
  const Target t = target(rest);
  if (!t.part.empty() || t.id.empty()) {
    return error_response(404, "not_found", "DELETE takes a radar: /api/v1/radars/{id}");
  }
  auto store = writers_.acquire(options_.store_wait);
  if (!store) return fail(store.error());
  auto radar = find(**store, t.id);
  if (!radar) return fail(radar.error());
  auto gone = (*store)->radars()->delete_radar(store::kLocalUser, radar->id);
  if (!gone) return fail(gone.error());
  return json_response(Json{{"deleted", radar->name}, {"id", radar->id}});
}

Response RadarApi::post(const Request& r, std::string_view rest) {
  const Target t = target(rest);
  if (t.part != "votes" && t.part != "seen") {
    Response res = error_response(
        405, "method_not_allowed",
        "POST goes to /api/v1/radars (a new radar), .../{id}/votes or .../{id}/seen");
    res.set_header("Allow", "GET, HEAD, PATCH, DELETE");
    return res;
  }
  auto body = body_object(r);
  if (!body) return fail(body.error());
  auto store = writers_.acquire(options_.store_wait);
  if (!store) return fail(store.error());
  auto radar = find(**store, t.id);
  if (!radar) return fail(radar.error());
  if (t.part == "votes") {
    const Json& paper = (*body)["paper"];
    const Json& vote = (*body)["vote"];
    if (!paper.is_string()) return fail(bad("paper: expected a paper identifier"));
    if (!vote.is_string() || (vote != "up" && vote != "down" && vote != "clear")) {
      return fail(bad("vote: expected up, down or clear"));
    }
    std::optional<radar::Vote> v;
    if (vote == "up") v = radar::Vote::up;
    if (vote == "down") v = radar::Vote::down;
    auto voted = service_.vote(**store, *radar, paper.get<std::string>(), v);
    if (!voted) return fail(voted.error());
    auto j = radarsvc::radar_json(**store, voted->radar);
    if (!j) return fail(j.error());
    Json retrain = voted->retrain ? Json(static_cast<double>(voted->retrain->count()) / 1000.0)
                                  : Json(nullptr);
    return json_response(Json{{"radar", std::move(*j)},
                              {"paper_id", voted->paper},
                              {"vote", v ? vote : Json(nullptr)},
                              {"retrain_ms", std::move(retrain)}});
  }
  const Json& papers = (*body)["papers"];
  const Json& state = (*body)["state"];
  if (!state.is_string() || (state != "dismissed" && state != "read")) {
    return fail(bad("state: expected dismissed or read"));
  }
  if (!papers.is_array() || papers.empty() || papers.size() > 1000) {
    return fail(bad("papers: expected an array of 1 to 1000 paper identifiers"));
  }
  auto ids = strings(*body, "papers");
  if (!ids) return fail(ids.error());
  auto resolved = radarsvc::resolve_papers(**store, *ids, "papers");
  if (!resolved) return fail(resolved.error());
  const auto seen = *store::parse_seen_state(state.get<std::string>());
  if (auto ok = (*store)->radars()->mark_seen(radar->id, *resolved, seen); !ok) {
    return fail(ok.error());
  }
  return json_response(Json{{"marked", resolved->size()}, {"state", state}});
}

Response RadarApi::import_seeds(const Request& r, std::string_view rest) {
  const Target t = target(rest);
  if (t.part != "seeds" || t.id.empty()) {
    return error_response(404, "not_found", "give a radar: /api/v1/radars/{id}/seeds");
  }
  // JSON, as every write (web/access.h): {"file": its name, "text": its contents}. The name
  // names it in messages (and tells BibTeX from RIS when the text could be both).
  auto body = body_object(r);
  if (!body) return fail(body.error());
  const Json& name = (*body)["file"];
  const Json& text = (*body)["text"];
  if (!name.is_string() || name.get<std::string>().empty() || name.get<std::string>().size() > 255) {
    return fail(bad("file: expected the file's name (1 to 255 bytes)"));
  }
  const std::string file = name.get<std::string>();
  if (!text.is_string()) return fail(bad("text: expected the file's contents as a string"));
  if (text.get<std::string>().empty()) return fail(bad(fmt::format("{}: the file is empty", file)));
  auto store = writers_.acquire(options_.store_wait);
  if (!store) return fail(store.error());
  auto radar = find(**store, t.id);
  if (!radar) return fail(radar.error());
  auto matched = radarsvc::seeds_from_text(**store, text.get<std::string>(), file);
  if (!matched) return fail(matched.error());
  radar::RadarProfile profile = radar->profile;
  std::size_t added = 0;
  for (const auto id : matched->papers) {
    if (std::ranges::find(profile.seeds, id) != profile.seeds.end()) continue;
    profile.seeds.push_back(id);
    ++added;
  }
  store::StoredRadar result = *radar;
  if (added > 0) {
    auto updated =
        (*store)->radars()->update_radar(store::kLocalUser, radar->id, std::nullopt, profile);
    if (!updated) return fail(updated.error());
    if (auto ok = service_.retrain(*updated); !ok) return fail(ok.error());
    result = std::move(*updated);
  }
  auto j = radarsvc::radar_json(**store, result);
  if (!j) return fail(j.error());
  return json_response(Json{{"radar", std::move(*j)},
                            {"file", file},
                            {"references", matched->references},
                            {"matched", matched->papers.size()},
                            {"added", added},
                            {"unmatched", matched->unmatched},
                            {"warnings", matched->warnings}});
}

Response RadarApi::authors(const Request& r) {
  const std::string name = r.first("name").value_or("");
  if (name.empty()) return fail(bad("name: give an author's name"));
  auto limit = int_param(r, "limit", 10, 1, 50);
  if (!limit) return fail(limit.error());
  auto store = readers_.acquire(options_.store_wait);
  if (!store) return fail(store.error());
  auto people = radarsvc::find_people(**store, name, *limit);
  if (!people) return fail(people.error());
  Json out = Json::array();
  for (const auto& p : *people) out.push_back(radarsvc::person_json(p));
  return json_response(Json{{"people", std::move(out)}});
}

}  // namespace ah::web
