#include "store/sqlite/columns.h"

#include <nlohmann/json.hpp>

namespace ah::store::sqlite {
namespace {

using Json = nlohmann::json;

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Parses `text` and hands the value to `read`; "" and unreadable text give `fallback`.
template <typename T, typename Read>
T parse(std::string_view text, T fallback, Read read) {
  if (text.empty()) return fallback;
  try {
    return read(Json::parse(text));
  } catch (const Json::exception&) {
    return fallback;
  }
}

std::string str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string encode_relations(const std::vector<core::Relation>& relations) {
  if (relations.empty()) return {};
  Json out = Json::array();
  for (const core::Relation& r : relations) {
    Json o{{"t", std::string(core::to_string(r.type))}, {"s", r.target.scheme}, {"v", r.target.value}};
    if (r.notice != core::NoticeKind::none) o["n"] = std::string(core::to_string(r.notice));
    if (!r.date.empty()) o["d"] = r.date;
    out.push_back(std::move(o));
  }
  return dump(out);
}

std::vector<core::Relation> decode_relations(std::string_view text) {
  return parse(text, std::vector<core::Relation>{}, [](const Json& j) {
    std::vector<core::Relation> out;
    for (const Json& o : j) {
      auto type = core::parse_relation_type(str(o, "t"));
      if (!type) continue;
      out.push_back(core::Relation{*type, {str(o, "s"), str(o, "v")},
                                   core::parse_notice_kind(str(o, "n")), str(o, "d")});
    }
    return out;
  });
}

std::string encode_history(const std::vector<core::HistoryEvent>& history) {
  if (history.empty()) return {};
  Json out = Json::array();
  for (const core::HistoryEvent& e : history) out.push_back(Json::array({e.date, e.kind, e.label, e.source}));
  return dump(out);
}

std::vector<core::HistoryEvent> decode_history(std::string_view text) {
  return parse(text, std::vector<core::HistoryEvent>{}, [](const Json& j) {
    std::vector<core::HistoryEvent> out;
    for (const Json& e : j) {
      out.push_back({e.at(0).get<std::string>(), e.at(1).get<std::string>(),
                     e.at(2).get<std::string>(), e.at(3).get<std::string>()});
    }
    return out;
  });
}

std::string encode_status(const core::PaperStatus& s) {
  if (s == core::PaperStatus{}) return {};
  Json o = Json::object();
  if (s.retracted) o["r"] = true;
  if (s.corrected) o["c"] = true;
  if (s.concern) o["e"] = true;
  if (!s.notice_dois.empty()) o["n"] = s.notice_dois;
  if (!s.update_kind.empty()) o["u"] = Json::array({s.update_kind, s.update_date});
  return dump(o);
}

core::PaperStatus decode_status(std::string_view text) {
  return parse(text, core::PaperStatus{}, [](const Json& o) {
    core::PaperStatus s;
    s.retracted = o.value("r", false);
    s.corrected = o.value("c", false);
    s.concern = o.value("e", false);
    if (auto it = o.find("n"); it != o.end()) s.notice_dois = it->get<std::vector<std::string>>();
    if (auto it = o.find("u"); it != o.end()) {
      s.update_kind = it->at(0).get<std::string>();
      s.update_date = it->at(1).get<std::string>();
    }
    return s;
  });
}

std::string encode_provenance(const std::vector<std::pair<std::string, std::int64_t>>& sources) {
  if (sources.empty()) return {};
  Json out = Json::array();
  for (const auto& [field, id] : sources) out.push_back(Json::array({field, id}));
  return dump(out);
}

std::vector<std::pair<std::string, std::int64_t>> decode_provenance(std::string_view text) {
  using Out = std::vector<std::pair<std::string, std::int64_t>>;
  return parse(text, Out{}, [](const Json& j) {
    Out out;
    for (const Json& e : j) out.emplace_back(e.at(0).get<std::string>(), e.at(1).get<std::int64_t>());
    return out;
  });
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (w.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string encode_ids(const std::vector<core::Identifier>& ids) {
  std::string out;
  for (const core::Identifier& id : ids) {
    if (id.scheme.empty() || id.value.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += id.scheme + ":" + id.value;
  }
  return out;
}

std::vector<core::Identifier> decode_ids(std::string_view text) {
  std::vector<core::Identifier> out;
  for (const std::string& w : split_words(text)) {
    const size_t colon = w.find(':');
    if (colon == std::string::npos) continue;
    out.push_back({w.substr(0, colon), w.substr(colon + 1)});
  }
  return out;
}

}  // namespace ah::store::sqlite
