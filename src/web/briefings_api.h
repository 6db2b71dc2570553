// Briefings over HTTP (brief/briefing.h): POST /api/v1/briefings streams one as server-sent
// events (the analysis at once, the LLM's text as it arrives, the checked briefing at the end),
// and GET /api/v1/briefings/{id} returns a cached one. A client that goes away cancels the LLM
// call. The API key stays in the ChatModel: no event, error or log line carries it.
// Thread-safe: handlers run concurrently on the server's workers (the ChatModel must be
// thread-safe, as the OpenAI-compatible client is; the cache's writer is guarded).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

#include "brief/briefing.h"
#include "brief/chat_model.h"
#include "brief/paper_set.h"
#include "brief/period.h"
#include "store/paper_store.h"
#include "web/http.h"
#include "web/store_pool.h"

namespace ah::web {

struct BriefingsApiOptions {
  std::chrono::milliseconds store_wait{2000};
  // The configured LLM, borrowed (outlives the api); null: briefings are the analysis alone.
  brief::ChatModel* model = nullptr;
  // Opens a writer connection to keep briefings in the cache (the serving pool is read-only);
  // opened on first use and kept. None: briefings are not cached.
  std::function<Result<std::unique_ptr<store::PaperStore>>()> open_writer;
  // Where 5xx causes and cache trouble are logged.
  std::function<void(std::string_view)> log_error;
  // The context a radar gives a briefing of papers from its view (the body's "radar"): whom it
  // follows and its ranking of the previous period (cli/radar_brief.h), read with the request's
  // store connection (read-only). Errors: not_found for an unknown radar; the feed's. Unset: a
  // body naming a radar is refused.
  std::function<Result<brief::SetContext>(store::PaperStore& store, std::string_view radar,
                                          std::span<const core::Paper> set)>
      radar_context;
};

class BriefingsApi {
 public:
  BriefingsApi(StorePool& stores, BriefingsApiOptions options);

  // POST /api/v1/briefings with a JSON body: {"ids": [...]} or {"query", "since", "until",
  // "limit"}, and "lang" ("zh" | "en", default "en"), "llm" (default true), "cache" (default
  // true: a cached briefing of the same set, options and model is returned at once), "radar"
  // (with ids: the name or id of the radar whose view they come from). What is new is measured
  // against the set's previous period: the radar's, else brief/period.h's. Errors
  // before streaming are JSON errors: 415 for a body that is not JSON, 400 naming the field at
  // fault, 404 for an unknown id. Then 200 text/event-stream with the events
  //   analysis  the deterministic briefing (brief --json's shape, llm.used false)
  //   step      {"step": "theme 2/7" | "combining" | "writing"}
  //   delta     {"text": piece} of the LLM's answer as it arrives
  //   reset     {} the deltas so far are void (the answer is asked again)
  //   done      the final checked briefing with "id" and "cached" (a cached one: done alone)
  //   error     {"code": "llm_failed", "message", "briefing"}: the LLM failed after its
  //             retries; "briefing" is the analysis-only briefing, with "id"
  Response create(const Request& r);
  // GET /api/v1/briefings/{id} -> the cached briefing (with "id", "cached": true); 404 when
  // there is none.
  Response get(const Request& r, std::string_view id);

 private:
  Response fail(const Error& error);
  // `b` as served under `key`, kept in the cache when `cache` (and it is complete).
  brief::ServedBriefing keep(const brief::Briefing& b, const std::string& key, bool cache);

  StorePool& stores_;
  BriefingsApiOptions options_;
  std::mutex writer_mutex_;
  std::unique_ptr<store::PaperStore> writer_;  // guarded by writer_mutex_
  bool writer_failed_ = false;                 // guarded by writer_mutex_
};

// One server-sent event: "event: NAME\ndata: JSON\n\n" (`data` holds no newline: JSON dumped
// compactly).
std::string sse_event(std::string_view name, std::string_view data);

}  // namespace ah::web
