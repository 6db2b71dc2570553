// The research radars under /api/v1/radars and the people behind an author's name under
// /api/v1/authors (issue 9): the same radars, feeds and JSON as `academichub radar`
// (radarsvc/radar_json.h), for the local user until accounts exist. Radar routes write (a feed
// remembers what it showed), so they borrow from a pool of writable connections; /authors reads.
// Who may write: web/access.h's refuse_cross_site, checked by routes.cpp.
// Thread-safe: handlers run concurrently on the server's workers (the service is thread-safe,
// each request has its own connection).
#pragma once

#include <chrono>
#include <functional>
#include <string_view>

#include "radarsvc/service.h"
#include "web/http.h"
#include "web/store_pool.h"

namespace ah::web {

struct RadarApiOptions {
  std::chrono::milliseconds store_wait{2000};
  // Where 5xx causes are logged (the response carries only a generic message).
  std::function<void(std::string_view)> log_error;
  // Called with a radar's description when a radar is created with one or its description is
  // edited, before the radar is learned: serve asks the LLM for its English terms here (a
  // request that edits may wait for it; feeds never do). Unset: nothing.
  std::function<void(std::string_view description)> on_description;
};

class RadarApi {
 public:
  // `writers`: writable connections (radars); `readers`: any connections (/authors).
  // `service` keeps the index and learned radars; it outlives this object.
  RadarApi(StorePool& writers, StorePool& readers, radarsvc::RadarService& service,
           RadarApiOptions options);

  // GET /api/v1/radars -> {"radars": [radar]}
  Response list(const Request& r);
  // POST /api/v1/radars with {"name", and any of "authors", "author_ids", "keywords", "excludes",
  // "categories", "venues", "sources" (arrays of strings), "description", "seeds" (paper
  // identifiers)} -> 201 {"radar"}; 400 naming the key at fault or the unknown seeds, 409 when
  // the name is taken.
  Response create(const Request& r);
  // GET /api/v1/radars/{id}, .../{id}/feed, .../{id}/votes (`rest` is what follows "/radars/").
  Response get(const Request& r, std::string_view rest);
  // PATCH /api/v1/radars/{id}: the keys of create, each replacing its field ("name" renames)
  // -> {"radar"}.
  Response update(const Request& r, std::string_view rest);
  // DELETE /api/v1/radars/{id} -> {"deleted": name, "id"}.
  Response remove(const Request& r, std::string_view rest);
  // POST /api/v1/radars/{id}/votes ({"paper", "vote": "up"|"down"|"clear"}) and
  // POST /api/v1/radars/{id}/seen ({"papers": [...], "state": "dismissed"|"read"}).
  Response post(const Request& r, std::string_view rest);
  // POST /api/v1/radars/{id}/seeds with {"file": its name, "text": a reference library} (BibTeX,
  // RIS, CSL-JSON or Zotero RDF, as `radar create --seeds-file` reads; bodies up to
  // ServerOptions::upload_max_bytes): the references found in the store are added to the
  // radar's seeds, and the radar retrained. -> {"radar", "file", "references", "matched",
  // "added", "unmatched": [titles], "warnings": ["FILE: line N: why"]}; 400 naming the file and
  // line when it is none of the formats.
  Response import_seeds(const Request& r, std::string_view rest);
  // GET /api/v1/authors?name=...&limit=N -> {"people": [person]} (radarsvc/people.h).
  Response authors(const Request& r);

 private:
  Response fail(const Error& error);

  StorePool& writers_;
  StorePool& readers_;
  radarsvc::RadarService& service_;
  RadarApiOptions options_;
};

}  // namespace ah::web
