#include "json/record_json.h"

#include <nlohmann/json.hpp>

namespace ah::json {
namespace {

using Json = nlohmann::json;

// The string fields of a record with their keys (one table for both directions).
struct StringField {
  const char* key;
  std::string core::Paper::*field;
};
constexpr StringField kStrings[] = {
    {"arxiv", &core::Paper::arxiv_id},
    {"doi", &core::Paper::doi},
    {"title", &core::Paper::title},
    {"abstract", &core::Paper::abstract},
    {"title_d", &core::Paper::title_display},
    {"abstract_d", &core::Paper::abstract_display},
    {"comment", &core::Paper::comment},
    {"journal_ref", &core::Paper::journal_ref},
    {"report_no", &core::Paper::report_no},
    {"license", &core::Paper::license},
    {"submitter", &core::Paper::submitter},
    {"published", &core::Paper::published},
    {"version_date", &core::Paper::version_date},
    {"updated", &core::Paper::updated},
    {"announced", &core::Paper::announced},
    {"abs_url", &core::Paper::abs_url},
    {"pdf_url", &core::Paper::pdf_url},
    {"venue", &core::Paper::venue},
    {"venue_short", &core::Paper::venue_short},
    {"volume", &core::Paper::volume},
    {"issue", &core::Paper::issue},
    {"pages", &core::Paper::pages},
    {"publisher", &core::Paper::publisher},
    {"language", &core::Paper::language},
    {"source", &core::Paper::source},
    {"announce_type", &core::Paper::announce_type},
    {"source_id", &core::Paper::source_id},
    {"fetched_at", &core::Paper::fetched_at},
    {"fetched_from", &core::Paper::fetched_from},
};

Json ids_json(const std::vector<core::Identifier>& ids) {
  Json out = Json::array();
  for (const core::Identifier& id : ids) out.push_back(Json::array({id.scheme, id.value}));
  return out;
}

std::vector<core::Identifier> ids_from(const Json& j) {
  std::vector<core::Identifier> out;
  for (const Json& pair : j)
    out.push_back({pair.at(0).get<std::string>(), pair.at(1).get<std::string>()});
  return out;
}

}  // namespace

std::string record_to_json(const core::Paper& p) {
  Json j = Json::object();
  for (const StringField& f : kStrings) {
    if (!(p.*f.field).empty()) j[f.key] = p.*f.field;
  }
  if (p.version > 0) j["version"] = p.version;
  if (!p.other_ids.empty()) j["ids"] = ids_json(p.other_ids);
  if (!p.authors.empty()) {
    Json authors = Json::array();
    for (const core::Author& a : p.authors) {
      Json o{{"n", a.name}};
      if (!a.affiliation.empty()) o["a"] = a.affiliation;
      if (!a.orcid.empty()) o["o"] = a.orcid;
      if (!a.ids.empty()) o["ids"] = ids_json(a.ids);
      authors.push_back(std::move(o));
    }
    j["authors"] = std::move(authors);
  }
  if (!p.categories.empty()) j["categories"] = p.categories;
  if (!p.versions.empty()) {
    Json versions = Json::array();
    for (const core::PaperVersion& v : p.versions)
      versions.push_back(Json::array({v.version, v.date, v.size}));
    j["versions"] = std::move(versions);
  }
  if (!p.issns.empty()) j["issns"] = p.issns;
  if (p.type != core::WorkType::unknown) j["type"] = std::string(core::to_string(p.type));
  if (!p.relations.empty()) {
    Json relations = Json::array();
    for (const core::Relation& r : p.relations) {
      Json o{{"t", std::string(core::to_string(r.type))},
             {"s", r.target.scheme},
             {"v", r.target.value}};
      if (r.notice != core::NoticeKind::none) o["n"] = std::string(core::to_string(r.notice));
      if (!r.date.empty()) o["d"] = r.date;
      relations.push_back(std::move(o));
    }
    j["relations"] = std::move(relations);
  }
  if (p.retracted) j["retracted"] = true;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<core::Paper> record_from_json(std::string_view text) {
  try {
    const Json j = Json::parse(text);
    if (!j.is_object())
      return fail(ErrorCode::bad_upstream_data, "a record body that is not an object");
    core::Paper p;
    for (const StringField& f : kStrings) {
      if (auto it = j.find(f.key); it != j.end()) p.*f.field = it->get<std::string>();
    }
    if (auto it = j.find("version"); it != j.end()) p.version = it->get<int>();
    if (auto it = j.find("ids"); it != j.end()) p.other_ids = ids_from(*it);
    if (auto it = j.find("authors"); it != j.end()) {
      for (const Json& o : *it) {
        core::Author a;
        a.name = o.at("n").get<std::string>();
        if (auto f = o.find("a"); f != o.end()) a.affiliation = f->get<std::string>();
        if (auto f = o.find("o"); f != o.end()) a.orcid = f->get<std::string>();
        if (auto f = o.find("ids"); f != o.end()) a.ids = ids_from(*f);
        p.authors.push_back(std::move(a));
      }
    }
    if (auto it = j.find("categories"); it != j.end())
      p.categories = it->get<std::vector<std::string>>();
    if (auto it = j.find("versions"); it != j.end()) {
      for (const Json& v : *it) {
        p.versions.push_back(
            {v.at(0).get<int>(), v.at(1).get<std::string>(), v.at(2).get<std::string>()});
      }
    }
    if (auto it = j.find("issns"); it != j.end()) p.issns = it->get<std::vector<std::string>>();
    if (auto it = j.find("type"); it != j.end())
      p.type = core::parse_work_type(it->get<std::string>());
    if (auto it = j.find("relations"); it != j.end()) {
      for (const Json& o : *it) {
        auto type = core::parse_relation_type(o.at("t").get<std::string>());
        if (!type)
          return fail(ErrorCode::bad_upstream_data, "a record body with an unknown relation");
        core::Relation r;
        r.type = *type;
        r.target = {o.at("s").get<std::string>(), o.at("v").get<std::string>()};
        if (auto f = o.find("n"); f != o.end())
          r.notice = core::parse_notice_kind(f->get<std::string>());
        if (auto f = o.find("d"); f != o.end()) r.date = f->get<std::string>();
        p.relations.push_back(std::move(r));
      }
    }
    if (auto it = j.find("retracted"); it != j.end()) p.retracted = it->get<bool>();
    return p;
  } catch (const Json::exception& e) {
    return fail(ErrorCode::bad_upstream_data, std::string("a damaged record body: ") + e.what());
  }
}

}  // namespace ah::json
