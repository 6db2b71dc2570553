#include "radarsvc/radar_json.h"

#include <fmt/format.h>

#include "json/paper_json.h"
#include "radarsvc/explain_text.h"

namespace ah::radarsvc {
namespace {

using nlohmann::json;

// {"paper_id", "id", "title"} of a stable id; id and title null when the store has no such paper.
Result<json> paper_ref(store::PaperStore& store, std::int64_t paper_id) {
  auto p = store.get(fmt::format("ah:{}", paper_id));
  if (!p) return std::unexpected(p.error());
  json out{{"paper_id", paper_id}, {"id", nullptr}, {"title", nullptr}};
  if (*p) {
    out["paper_id"] = (*p)->paper_id;
    out["id"] = ah::json::display_id(**p);
    out["title"] = (*p)->title_display.empty() ? (*p)->title : (*p)->title_display;
  }
  return out;
}

}  // namespace

Result<json> radar_json(store::PaperStore& store, const store::StoredRadar& r) {
  const auto& p = r.profile;
  json out{{"id", r.id},
           {"name", r.name},
           {"user", r.user},
           {"authors", p.authors},
           {"author_ids", p.author_ids},
           {"keywords", p.keywords},
           {"excludes", p.excludes},
           {"categories", p.categories},
           {"venues", p.venues},
           {"sources", p.sources},
           {"description", p.description},
           {"revision", r.revision},
           {"created", r.created},
           {"updated", r.updated}};
  json seeds = json::array();
  for (std::int64_t id : p.seeds) {
    auto ref = paper_ref(store, id);
    if (!ref) return std::unexpected(ref.error());
    seeds.push_back(std::move(*ref));
  }
  json votes = json::array();
  for (const auto& [id, vote] : p.votes) {
    auto ref = paper_ref(store, id);
    if (!ref) return std::unexpected(ref.error());
    (*ref)["vote"] = vote == radar::Vote::up ? "up" : "down";
    votes.push_back(std::move(*ref));
  }
  out["seeds"] = std::move(seeds);
  out["votes"] = std::move(votes);
  return out;
}

json signals_json(const radar::SignalScores& s) {
  return json{{"taste", s.taste},     {"semantic", s.semantic}, {"bm25", s.bm25},
              {"authors", s.authors}, {"priors", s.priors},     {"recency", s.recency}};
}

json contributions_json(const radar::SignalScores& s, const radar::SignalWeights& w) {
  return json{{"taste", w.taste * s.taste},    {"semantic", w.semantic * s.semantic},
              {"bm25", w.bm25 * s.bm25},       {"authors", w.authors * s.authors},
              {"priors", w.priors * s.priors}, {"recency", w.recency * s.recency}};
}

json why_json(const radar::Why& why, const std::map<std::int64_t, std::string>& titles) {
  json t = json::array();
  for (std::int64_t id : why.papers) {
    auto it = titles.find(id);
    t.push_back(it != titles.end() ? json(it->second) : json(nullptr));
  }
  return json{{"kind", radar::to_string(why.kind)},
              {"values", why.values},
              {"papers", why.papers},
              {"counts", why.counts},
              {"weights", why.weights},
              {"titles", std::move(t)},
              {"text", describe(why, titles)}};
}

json feed_json(const Feed& feed, const radar::SignalWeights& weights) {
  json papers = json::array();
  for (const FeedItem& item : feed.papers) {
    json p = ah::json::to_json(item.paper);
    p["score"] = item.score;
    p["signals"] = signals_json(item.signals);
    p["contributions"] = contributions_json(item.signals, weights);
    json why = json::array();
    for (const radar::Why& w : item.why) why.push_back(why_json(w, feed.titles));
    p["why"] = std::move(why);
    papers.push_back(std::move(p));
  }
  return json{{"papers", std::move(papers)},
              {"next_cursor", feed.next_cursor ? json(*feed.next_cursor) : json(nullptr)}};
}

json person_json(const Person& person) {
  json recent = json::array();
  for (const RecentPaper& r : person.recent) {
    recent.push_back(
        {{"paper_id", r.paper_id}, {"id", r.id}, {"title", r.title}, {"date", r.date}});
  }
  return json{{"name", person.name},
              {"ids", person.ids},
              {"affiliations", person.affiliations},
              {"papers", person.papers},
              {"recent", std::move(recent)}};
}

}  // namespace ah::radarsvc
