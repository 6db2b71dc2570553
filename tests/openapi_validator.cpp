#include "tests/openapi_validator.h"

#include <fstream>
#include <regex>
#include <stdexcept>

namespace ah::testing {
namespace {

using nlohmann::json;

std::string type_of(const json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "boolean";
  if (v.is_number_integer()) return "integer";
  if (v.is_number()) return "number";
  if (v.is_string()) return "string";
  if (v.is_array()) return "array";
  return "object";
}

bool has_type(const json& v, const std::string& type) {
  if (type == "number") return v.is_number();
  return type_of(v) == type;
}

}  // namespace

OpenApiDocument::OpenApiDocument(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  doc_ = json::parse(in);
}

const json& OpenApiDocument::resolve(const json& node) const {
  const json* n = &node;
  for (int depth = 0; n->is_object() && n->contains("$ref") && depth < 16; ++depth) {
    const std::string ref = (*n)["$ref"].get<std::string>();
    if (!ref.starts_with("#/")) throw std::runtime_error("unsupported $ref " + ref);
    n = &doc_.at(json::json_pointer(ref.substr(1)));
  }
  return *n;
}

std::string OpenApiDocument::match_path(std::string_view path) const {
  // Of the templates that match, the one with the most literal characters: the path
  // "/api/v1/radars/x/feed" is "/api/v1/radars/{id}/feed", not "/api/v1/radars/{id}".
  std::string best;
  std::size_t best_literals = 0;
  for (const auto& [tmpl, item] : doc_.at("paths").items()) {
    std::string pattern;
    std::size_t literals = 0;
    for (size_t i = 0; i < tmpl.size(); ++i) {
      const char c = tmpl[i];
      if (c == '{') {
        i = tmpl.find('}', i);
        pattern += "(.+)";
        continue;
      }
      ++literals;
      if (std::string_view(".+*?^$()[]|\\").find(c) != std::string_view::npos) {
        pattern += std::string("\\") + c;
      } else {
        pattern += c;
      }
    }
    if (std::regex_match(std::string(path), std::regex(pattern)) &&
        (best.empty() || literals > best_literals)) {
      best = tmpl;
      best_literals = literals;
    }
  }
  return best;
}

const json* OpenApiDocument::response_schema(std::string_view path, int status,
                                             std::string_view method) const {
  const std::string tmpl = match_path(path);
  if (tmpl.empty()) return nullptr;
  const json& op = doc_["paths"][tmpl];
  const std::string m(method);
  if (!op.contains(m) || !op[m].contains("responses")) return nullptr;
  const json& responses = op[m]["responses"];
  const std::string code = std::to_string(status);
  if (!responses.contains(code)) return nullptr;
  const json& response = resolve(responses[code]);
  if (!response.contains("content") || !response["content"].contains("application/json")) {
    return nullptr;
  }
  return &resolve(response["content"]["application/json"]["schema"]);
}

std::vector<std::string> OpenApiDocument::validate(const json& value, const json& schema) const {
  std::vector<std::string> problems;
  check(value, schema, "$", problems);
  return problems;
}

void OpenApiDocument::check(const json& value, const json& node, const std::string& where,
                            std::vector<std::string>& problems) const {
  const json& schema = resolve(node);
  auto problem = [&](const std::string& what) { problems.push_back(where + ": " + what); };
  for (const auto& [keyword, _] : schema.items()) {
    static const char* known[] = {
        "type",    "enum",     "properties", "required",  "additionalProperties",
        "items",   "minimum",  "maximum",    "maxLength", "description",
        "default", "examples", "format",     "$ref"};
    if (std::find(std::begin(known), std::end(known), keyword) == std::end(known)) {
      problem("unsupported schema keyword '" + keyword + "'");
    }
  }
  if (schema.contains("type")) {
    std::vector<std::string> types;
    if (schema["type"].is_array()) {
      for (const json& t : schema["type"]) types.push_back(t.get<std::string>());
    } else {
      types.push_back(schema["type"].get<std::string>());
    }
    bool ok = false;
    std::string names;
    for (const std::string& t : types) {
      ok = ok || has_type(value, t);
      names += (names.empty() ? "" : "|") + t;
    }
    if (!ok) {
      problem("expected " + names + ", got " + type_of(value));
      return;
    }
  }
  if (schema.contains("enum") &&
      std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
    problem("value " + value.dump() + " is not one of " + schema["enum"].dump());
  }
  if (value.is_number()) {
    if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) {
      problem("below the minimum " + schema["minimum"].dump());
    }
    if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) {
      problem("above the maximum " + schema["maximum"].dump());
    }
  }
  if (value.is_string() && schema.contains("maxLength") &&
      value.get<std::string>().size() > schema["maxLength"].get<size_t>()) {
    problem("longer than " + schema["maxLength"].dump());
  }
  if (value.is_object()) {
    const json empty = json::object();
    const json& properties = schema.contains("properties") ? schema["properties"] : empty;
    if (schema.contains("required")) {
      for (const json& name : schema["required"]) {
        if (!value.contains(name.get<std::string>())) problem("missing " + name.dump());
      }
    }
    for (const auto& [name, member] : value.items()) {
      if (properties.contains(name)) {
        check(member, properties[name], where + "." + name, problems);
      } else if (schema.contains("additionalProperties")) {
        const json& extra = schema["additionalProperties"];
        if (extra.is_boolean()) {
          if (!extra.get<bool>()) problem("unexpected member '" + name + "'");
        } else {
          check(member, extra, where + "." + name, problems);
        }
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < value.size(); ++i) {
      check(value[i], schema["items"], where + "[" + std::to_string(i) + "]", problems);
    }
  }
}

}  // namespace ah::testing
