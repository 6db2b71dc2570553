#include "sources/pubmed/esearch_parser.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "sources/common/xml_util.h"

namespace ah::sources::pubmed {
namespace {

using nlohmann::json;

std::string trimmed(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

bool read_count(std::string_view text, std::int64_t& out) {
  text = std::string_view(trimmed(text));
  if (text.empty()) return true;  // absent: 0
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < 0) return false;
  out = v;
  return true;
}

// A label for an ErrorList/WarningList entry: "PhraseNotFound" -> "phrase not found".
std::string words_of(std::string_view camel) {
  std::string out;
  for (char c : camel) {
    if (c >= 'A' && c <= 'Z') {
      if (!out.empty()) out.push_back(' ');
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<EsearchResult> parse_xml(std::string_view bytes, std::string_view origin) {
  std::string buffer(bytes);
  pugi::xml_document doc;
  auto document = xml::load(buffer, doc, origin, "eSearchResult");
  if (!document) return std::unexpected(document.error());
  if (document->broken()) {
    return fail(ErrorCode::bad_upstream_data,
                std::string(origin) + ": the esearch answer breaks off at byte " +
                    std::to_string(*document->break_offset) + ": " + document->break_reason);
  }
  const pugi::xml_node root = document->root;
  EsearchResult out;
  for (auto [name, field] : {std::pair{"Count", &out.count}, std::pair{"RetMax", &out.retmax},
                             std::pair{"RetStart", &out.retstart}}) {
    if (!read_count(root.child(name).text().get(), *field)) {
      return fail(ErrorCode::bad_upstream_data, std::string(origin) + ": <" + name +
                                                    "> is not a number: '" +
                                                    root.child(name).text().get() + "'");
    }
  }
  out.query_key = trimmed(root.child("QueryKey").text().get());
  out.webenv = trimmed(root.child("WebEnv").text().get());
  for (pugi::xml_node id : root.child("IdList").children("Id")) {
    out.ids.push_back(trimmed(id.text().get()));
  }
  for (pugi::xml_node e : root.children("ERROR")) {
    if (!out.error.empty()) out.error += "; ";
    out.error += trimmed(e.text().get());
  }
  for (pugi::xml_node e = root.child("ErrorList").first_child(); e; e = e.next_sibling()) {
    if (e.type() != pugi::node_element) continue;
    out.not_found.push_back(words_of(e.name()) + ": " + trimmed(e.text().get()));
  }
  for (pugi::xml_node w = root.child("WarningList").first_child(); w; w = w.next_sibling()) {
    if (w.type() != pugi::node_element) continue;
    out.warnings.push_back(words_of(w.name()) + ": " + trimmed(w.text().get()));
  }
  out.query_translation = trimmed(root.child("QueryTranslation").text().get());
  return out;
}

// JSON values that E-utilities writes as strings ("count": "1834") or, elsewhere, numbers.
bool json_count(const json& object, const char* key, std::int64_t& out) {
  auto it = object.find(key);
  if (it == object.end()) return true;
  if (it->is_number_integer()) {
    out = it->get<std::int64_t>();
    return out >= 0;
  }
  return it->is_string() && read_count(it->get_ref<const std::string&>(), out);
}

std::string json_string(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? trimmed(it->get_ref<const std::string&>())
                                               : std::string();
}

// {"phrasesnotfound": ["xyz"], "fieldsnotfound": []} -> "phrasesnotfound: xyz".
void json_list(const json& object, const char* key, std::vector<std::string>& out) {
  auto list = object.find(key);
  if (list == object.end() || !list->is_object()) return;
  for (const auto& [name, values] : list->items()) {
    if (!values.is_array()) continue;
    for (const json& v : values) {
      if (v.is_string()) out.push_back(name + ": " + v.get<std::string>());
    }
  }
}

Result<EsearchResult> parse_json(std::string_view bytes, std::string_view origin) {
  json j = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) {
    return fail(ErrorCode::bad_upstream_data,
                std::string(origin) + ": not a JSON object (an esearch answer was expected)");
  }
  EsearchResult out;
  auto r = j.find("esearchresult");
  if (r == j.end() || !r->is_object()) {
    // {"error": "API rate limit exceeded", "api-key": ...}: only the message is kept.
    out.error = json_string(j, "error");
    if (!out.error.empty()) return out;
    return fail(ErrorCode::bad_upstream_data,
                std::string(origin) + ": a JSON object without \"esearchresult\"");
  }
  const json& e = *r;
  for (auto [key, field] : {std::pair{"count", &out.count}, std::pair{"retmax", &out.retmax},
                            std::pair{"retstart", &out.retstart}}) {
    if (!json_count(e, key, *field)) {
      return fail(ErrorCode::bad_upstream_data,
                  std::string(origin) + ": \"" + key + "\" is not a number");
    }
  }
  out.query_key = json_string(e, "querykey");
  out.webenv = json_string(e, "webenv");
  if (auto ids = e.find("idlist"); ids != e.end() && ids->is_array()) {
    for (const json& id : *ids) {
      if (id.is_string()) out.ids.push_back(id.get<std::string>());
    }
  }
  out.error = json_string(e, "ERROR");
  json_list(e, "errorlist", out.not_found);
  json_list(e, "warninglist", out.warnings);
  out.query_translation = json_string(e, "querytranslation");
  return out;
}

}  // namespace

Result<EsearchResult> parse_esearch(std::string_view bytes, std::string_view origin) {
  size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && bytes[first] == '{') return parse_json(bytes, origin);
  return parse_xml(bytes, origin);
}

}  // namespace ah::sources::pubmed
