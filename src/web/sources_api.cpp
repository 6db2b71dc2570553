#include "web/sources_api.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "web/errors.h"

namespace ah::web {
namespace {

using nlohmann::json;

coverage::Time now_seconds() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

Response json_response(std::string body, int status = 200) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set_header("Cache-Control", "no-store");
  return r;
}

// A message that may name the catalogue's path, with the path cut to the file's name: the
// directory is nobody's business but the operator's.
std::string without_directory(std::string message, const std::filesystem::path& path) {
  const std::string full = path.string();
  const std::string name = path.filename().string();
  for (std::size_t at = message.find(full); !full.empty() && at != std::string::npos;
       at = message.find(full, at + name.size())) {
    message.replace(at, full.size(), name);
  }
  return message;
}

}  // namespace

SourcesApi::SourcesApi(const catalogue::CatalogueFile& file, StorePool& stores,
                       SourcesApiOptions options)
    : file_(file), stores_(stores), options_(std::move(options)) {}

Response SourcesApi::fail(const Error& error) {
  if (http_status(error.code) >= 500 && options_.log_error) options_.log_error(error.message);
  Error shown = error;
  shown.message = without_directory(error.message, file_.path());
  return error_response(shown);
}

Result<std::vector<coverage::SourceStatus>> SourcesApi::statuses(
    const std::vector<catalogue::SourceEntry>& entries) {
  std::map<std::string, coverage::Live> live;
  if (options_.live) live = options_.live();
  auto lease = stores_.acquire(options_.store_wait);
  if (!lease) return std::unexpected(lease.error());
  const coverage::Time now = now_seconds();
  std::vector<coverage::SourceStatus> out;
  out.reserve(entries.size());
  for (const catalogue::SourceEntry& e : entries) {
    auto c = coverage::load(**lease, e.name);
    if (!c) return std::unexpected(c.error());
    coverage::Live l;
    if (auto it = live.find(e.name); it != live.end()) {
      l = it->second;
    } else if (options_.unavailable) {
      l.unavailable = options_.unavailable(e.kind);
    }
    out.push_back(coverage::status_of(e, std::move(*c), l, now));
  }
  return out;
}

Response SourcesApi::list(const Request& r) {
  coverage::DocumentOptions doc;
  doc.writable = !refuse_unless_local_operator(r, options_.edits).has_value();
  doc.harvesting = static_cast<bool>(options_.live);
  catalogue::Catalogue catalogue;
  auto loaded = file_.read();
  {
    std::lock_guard lock(mutex_);
    if (loaded) {
      last_good_ = loaded->catalogue;
    } else {
      doc.catalogue_error = without_directory(loaded.error().message, file_.path());
    }
    catalogue = last_good_;
  }
  if (!loaded && loaded.error().code != ErrorCode::invalid_argument) return fail(loaded.error());
  auto list = statuses(catalogue.sources);
  if (!list) return fail(list.error());
  return json_response(coverage::sources_document(*list, now_seconds(), doc));
}

Response SourcesApi::one(const Request&, std::string_view name) {
  auto loaded = file_.read();
  if (!loaded) return fail(loaded.error());
  const catalogue::SourceEntry* entry = loaded->catalogue.find(name);
  if (!entry) {
    return error_response(404, "not_found", fmt::format("no source named '{}'", name));
  }
  auto list = statuses({*entry});
  if (!list) return fail(list.error());
  return json_response(coverage::source_document(list->front(), {}));
}

Response SourcesApi::edited(Result<catalogue::CatalogueFile::Edited> result, std::string_view name,
                            int status) {
  if (!result) return fail(result.error());
  if (options_.changed) options_.changed();
  if (result->rewritten && options_.log_error) {
    options_.log_error(
        fmt::format("{} was written anew (its layout could not be edited in "
                    "place): its comments are gone; the previous file is {}.bak",
                    file_.path().string(), file_.path().string()));
  }
  const catalogue::SourceEntry* entry = result->catalogue.find(name);
  if (!entry) return fail(Error{ErrorCode::internal, "the edited source is not in the file"});
  auto list = statuses({*entry});
  if (!list) return fail(list.error());
  json body = json::parse(coverage::source_document(list->front(), {}));
  body["file_rewritten"] = result->rewritten;
  return json_response(body.dump(-1, ' ', false, json::error_handler_t::replace), status);
}

Response SourcesApi::add(const Request& r) {
  auto entry = catalogue::entry_from_json(r.body);
  if (!entry) return fail(entry.error());
  const std::string name = entry->name;
  return edited(file_.add(*entry), name, 201);
}

Response SourcesApi::update(const Request& r, std::string_view name) {
  json body = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return fail(Error{ErrorCode::invalid_argument, "the body is not a JSON object"});
  }
  for (const auto& [key, value] : body.items()) {
    if (key != "enabled") {
      return fail(Error{ErrorCode::invalid_argument,
                        fmt::format("key '{}': only 'enabled' can be changed here; remove the "
                                    "source and add it again to change the rest",
                                    key)});
    }
  }
  auto enabled = body.find("enabled");
  if (enabled == body.end() || !enabled->is_boolean()) {
    return fail(Error{ErrorCode::invalid_argument, "key 'enabled': expected true or false"});
  }
  return edited(file_.set_enabled(name, enabled->get<bool>()), name, 200);
}

Response SourcesApi::remove(const Request&, std::string_view name) {
  auto result = file_.remove(name);
  if (!result) return fail(result.error());
  if (options_.changed) options_.changed();
  return json_response(
      json{{"removed", name}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace ah::web
