#include "json/record_json.h"

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

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

// True when `s` is well-formed UTF-8 (Unicode's table 3-7: no overlong forms, surrogates or
// code points above U+10FFFF), which is what nlohmann's dump writes through unchanged.
bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (static_cast<size_t>(end - p) <= n) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (size_t i = 2; i <= n; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += n + 1;
  }
  return true;
}

// Writes a record's JSON text directly, byte for byte as nlohmann's compact dump of the object
// record_to_json_nlohmann builds (keys in std::map order, its escapes), which is what stored
// bodies hold; about 5x faster. Returns false, having written part of `out`, when a string is
// not valid UTF-8 (nlohmann replaces such bytes; the caller leaves that to it).
class DirectWriter {
 public:
  explicit DirectWriter(std::string& out) : out_(out) {}

  bool string(std::string_view s) {
    if (!valid_utf8(s)) return false;
    out_.push_back('"');
    for (char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\b':
          out_ += "\\b";
          break;
        case '\f':
          out_ += "\\f";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default:
          if (c < 0x20) {
            static constexpr char kHex[] = "0123456789abcdef";
            out_ += "\\u00";
            out_.push_back(kHex[c >> 4]);
            out_.push_back(kHex[c & 0xF]);
          } else {
            out_.push_back(ch);
          }
      }
    }
    out_.push_back('"');
    return true;
  }
  void integer(std::int64_t v) { out_ += std::to_string(v); }
  void raw(std::string_view s) { out_ += s; }
  void key(std::string_view k) {  // keys are ASCII without escapes
    out_.push_back('"');
    out_ += k;
    out_ += "\":";
  }

 private:
  std::string& out_;
};

bool write_ids(DirectWriter& w, const std::vector<core::Identifier>& ids) {
  w.raw("[");
  for (size_t i = 0; i < ids.size(); ++i) {
    w.raw(i ? ",[" : "[");
    if (!w.string(ids[i].scheme)) return false;
    w.raw(",");
    if (!w.string(ids[i].value)) return false;
    w.raw("]");
  }
  w.raw("]");
  return true;
}

bool write_strings(DirectWriter& w, const std::vector<std::string>& list) {
  w.raw("[");
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) w.raw(",");
    if (!w.string(list[i])) return false;
  }
  w.raw("]");
  return true;
}

// The top-level members as record_to_json_nlohmann gives them, each written by `write` into the
// text in key order.
bool write_direct(const core::Paper& p, std::string& out) {
  DirectWriter w(out);
  using Member = std::pair<std::string_view, std::function<bool()>>;
  std::vector<Member> members;
  members.reserve(std::size(kStrings) + 10);
  for (const StringField& f : kStrings) {
    const std::string& v = p.*f.field;
    if (!v.empty()) members.emplace_back(f.key, [&w, &v] { return w.string(v); });
  }
  if (p.version > 0) {
    members.emplace_back("version", [&] {
      w.integer(p.version);
      return true;
    });
  }
  if (!p.other_ids.empty()) members.emplace_back("ids", [&] { return write_ids(w, p.other_ids); });
  if (!p.authors.empty()) {
    members.emplace_back("authors", [&] {
      w.raw("[");
      for (size_t i = 0; i < p.authors.size(); ++i) {
        const core::Author& a = p.authors[i];
        w.raw(i ? ",{" : "{");  // keys in order: a, ids, n, o
        if (!a.affiliation.empty()) {
          w.key("a");
          if (!w.string(a.affiliation)) return false;
          w.raw(",");
        }
        if (!a.ids.empty()) {
          w.key("ids");
          if (!write_ids(w, a.ids)) return false;
          w.raw(",");
        }
        w.key("n");
        if (!w.string(a.name)) return false;
        if (!a.orcid.empty()) {
          w.raw(",");
          w.key("o");
          if (!w.string(a.orcid)) return false;
        }
        w.raw("}");
      }
      w.raw("]");
      return true;
    });
  }
  if (!p.categories.empty()) {
    members.emplace_back("categories", [&] { return write_strings(w, p.categories); });
  }
  if (!p.versions.empty()) {
    members.emplace_back("versions", [&] {
      w.raw("[");
      for (size_t i = 0; i < p.versions.size(); ++i) {
        const core::PaperVersion& v = p.versions[i];
        w.raw(i ? ",[" : "[");
        w.integer(v.version);
        w.raw(",");
        if (!w.string(v.date)) return false;
        w.raw(",");
        if (!w.string(v.size)) return false;
        w.raw("]");
      }
      w.raw("]");
      return true;
    });
  }
  if (!p.issns.empty()) members.emplace_back("issns", [&] { return write_strings(w, p.issns); });
  if (p.type != core::WorkType::unknown) {
    members.emplace_back("type", [&] { return w.string(core::to_string(p.type)); });
  }
  if (!p.relations.empty()) {
    members.emplace_back("relations", [&] {
      w.raw("[");
      for (size_t i = 0; i < p.relations.size(); ++i) {
        const core::Relation& r = p.relations[i];
        w.raw(i ? ",{" : "{");  // keys in order: d, n, s, t, v
        if (!r.date.empty()) {
          w.key("d");
          if (!w.string(r.date)) return false;
          w.raw(",");
        }
        if (r.notice != core::NoticeKind::none) {
          w.key("n");
          if (!w.string(core::to_string(r.notice))) return false;
          w.raw(",");
        }
        w.key("s");
        if (!w.string(r.target.scheme)) return false;
        w.raw(",");
        w.key("t");
        if (!w.string(core::to_string(r.type))) return false;
        w.raw(",");
        w.key("v");
        if (!w.string(r.target.value)) return false;
        w.raw("}");
      }
      w.raw("]");
      return true;
    });
  }
  if (p.retracted) {
    members.emplace_back("retracted", [&] {
      w.raw("true");
      return true;
    });
  }
  std::sort(members.begin(), members.end(),
            [](const Member& a, const Member& b) { return a.first < b.first; });
  out.push_back('{');
  for (size_t i = 0; i < members.size(); ++i) {
    if (i) out.push_back(',');
    w.key(members[i].first);
    if (!members[i].second()) return false;
  }
  out.push_back('}');
  return true;
}

}  // namespace

std::string record_to_json(const core::Paper& p) {
  std::string out;
  out.reserve(256 + p.abstract.size() + p.abstract_display.size());
  if (write_direct(p, out)) return out;
  return record_to_json_nlohmann(p);
}

std::string record_to_json_nlohmann(const core::Paper& p) {
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
