// The sources under /api/v1/sources: the catalogue with each source's status (its coverage, read
// from the store's harvest_state, and what the running scheduler says), and the edits a local
// operator may make (web/access.h says who; routes.cpp checks it before these handlers run).
// Edits go to the catalogue file (catalogue::CatalogueFile: in place, comments kept) and tell the
// scheduler. Thread-safe: handlers run concurrently on the server's workers.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "catalogue/catalogue_file.h"
#include "coverage/status.h"
#include "web/access.h"
#include "web/http.h"
#include "web/store_pool.h"

namespace ah::web {

struct SourcesApiOptions {
  std::chrono::milliseconds store_wait{2000};
  // The running scheduler's view by source name (serve --harvest); empty: this server does not
  // harvest, and statuses come from the stored coverage alone.
  std::function<std::map<std::string, coverage::Live>()> live;
  // Why this binary cannot harvest a kind (empty when it can): sched::HarvesterFactory's.
  std::function<std::string(catalogue::Kind)> unavailable;
  // Called after every edit of the catalogue (the scheduler reads it again).
  std::function<void()> changed;
  // Who may edit, to say so in GET's "writable" (the routes enforce it).
  SourceEdits edits = SourceEdits::loopback;
  // Where 5xx causes are logged.
  std::function<void(std::string_view)> log_error;
};

class SourcesApi {
 public:
  SourcesApi(const catalogue::CatalogueFile& file, StorePool& stores, SourcesApiOptions options);

  // GET /api/v1/sources -> coverage::sources_document (with "writable" for this client and
  // "harvesting"). A catalogue file that does not validate is reported in "catalogue_error"
  // (naming the file, not its directory) beside the sources last read from it.
  Response list(const Request& r);
  // GET /api/v1/sources/{name} -> {"source": {...}}; 404 when there is no such source.
  Response one(const Request& r, std::string_view name);
  // POST /api/v1/sources, a JSON entry with the file's keys -> 201 {"source", "file_rewritten"};
  // 400 naming the key at fault, 409 when the name is taken.
  Response add(const Request& r);
  // PATCH /api/v1/sources/{name} with {"enabled": true|false} -> 200 {"source",
  // "file_rewritten"}; 400 for any other key, 404 when there is no such source.
  Response update(const Request& r, std::string_view name);
  // DELETE /api/v1/sources/{name} -> 200 {"removed": name}; 404 when there is no such source.
  // Its coverage stays in the store (a source added again under the name goes on from it).
  Response remove(const Request& r, std::string_view name);

 private:
  // The statuses of `entries`, coverage read through one borrowed store.
  Result<std::vector<coverage::SourceStatus>> statuses(
      const std::vector<catalogue::SourceEntry>& entries);
  Response edited(Result<catalogue::CatalogueFile::Edited> result, std::string_view name,
                  int status);
  Response fail(const Error& error);

  const catalogue::CatalogueFile& file_;
  StorePool& stores_;
  SourcesApiOptions options_;

  std::mutex mutex_;
  catalogue::Catalogue last_good_;  // guarded by mutex_: shown while the file does not validate
};

}  // namespace ah::web
