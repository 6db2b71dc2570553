// A small validator for the subset of OpenAPI 3.1 / JSON Schema that api/openapi.json uses, so
// the API tests can check real responses against the document. Test support; thread-compatible.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ah::testing {

class OpenApiDocument {
 public:
  // Reads and parses the document; throws (a test failure) when it cannot.
  explicit OpenApiDocument(const std::filesystem::path& file);

  const nlohmann::json& raw() const { return doc_; }

  // The path template of the document that a concrete path matches ("/api/v1/papers/{id}" for
  // "/api/v1/papers/2403.00011"), or "" when none does. A parameter matches one or more
  // characters, slashes included (old-style arXiv ids and DOIs hold slashes); of several
  // templates that match, the one with the most literal characters.
  std::string match_path(std::string_view path) const;

  // The JSON schema of `method` `path`'s answer with `status` (references resolved), or nullptr
  // when the document does not describe that answer as application/json. `method` is lower-case
  // as in the document ("get", "post", "patch", "delete").
  const nlohmann::json* response_schema(std::string_view path, int status,
                                        std::string_view method = "get") const;

  // What is wrong with `value` under `schema`, one message per problem, each starting with the
  // JSON path ("$.papers[0].version: expected integer|null, got string"); empty when valid.
  // Supported: $ref, type (a name or a list), enum, properties, required, additionalProperties
  // (false or a schema), items, minimum, maximum, maxLength; description, default, examples
  // and format are ignored; any other keyword is reported as unsupported.
  std::vector<std::string> validate(const nlohmann::json& value,
                                    const nlohmann::json& schema) const;

 private:
  const nlohmann::json& resolve(const nlohmann::json& node) const;
  void check(const nlohmann::json& value, const nlohmann::json& schema, const std::string& where,
             std::vector<std::string>& problems) const;

  nlohmann::json doc_;
};

}  // namespace ah::testing
