// A paper's notes over HTTP (brief/paper_notes.h): its one-line TL;DR and its title and abstract
// in Simplified Chinese, written by the configured LLM on request and cached in the store.
//   POST /api/v1/papers/{id}/tldr?lang=zh|en, POST /api/v1/papers/{id}/translation: the cached
//     note at once, else the LLM's, made as a deferred answer (Response::deferred: on the
//     server's pool for long work, so the handlers stay free for other requests);
//   GET of the same paths: the cached note, or 404.
// The answer is what `academichub tldr|translate --json` prints. The API key stays in the
// ChatModel: no answer, error or log line carries it. Thread-safe: handlers and deferred answers
// run concurrently (the ChatModel must be thread-safe, as the OpenAI-compatible client is; the
// cache's writer is guarded).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>

#include "brief/chat_model.h"
#include "brief/paper_notes.h"
#include "store/paper_store.h"
#include "web/http.h"
#include "web/store_pool.h"

namespace ah::web {

struct NotesApiOptions {
  std::chrono::milliseconds store_wait{2000};
  // The configured LLM, borrowed (outlives the api); null: every request is 503 llm_unavailable
  // (and GET 404: nothing is cached for no model).
  brief::ChatModel* model = nullptr;
  // Opens a writer connection to keep notes in the cache (the serving pool is read-only); opened
  // on first use and kept. None: notes are not cached.
  std::function<Result<std::unique_ptr<store::PaperStore>>()> open_writer;
  // Where 5xx causes and cache trouble are logged.
  std::function<void(std::string_view)> log_error;
};

class NotesApi {
 public:
  NotesApi(StorePool& stores, NotesApiOptions options);

  // POST /api/v1/papers/{id}/tldr (kind tldr; ?lang=zh|en, default en) and .../translation (kind
  // translation; no parameters): 200 {"id", "tldr" | "title" + "abstract", "lang", "cached",
  // "llm": {"model", "prompt_tokens", "completion_tokens"}}. Errors (JSON, web/errors.h): 400 for
  // an unreadable id or lang, 404 for an unknown paper, 503 llm_unavailable when no LLM is
  // configured, 502 llm_failed when the LLM failed after its retries or its answer cannot be read
  // (the message names the endpoint's host and the status, never the key), 429 rate_limited
  // when it kept asking us to wait; 503 when the store is busy or the server stops meanwhile.
  Response create(const Request& r, std::string_view id, brief::NoteKind kind);
  // GET of the same: the cached note (cached true), 404 not_found when there is none.
  Response get(const Request& r, std::string_view id, brief::NoteKind kind);

 private:
  Response fail(const Error& error);
  // The paper and its note's request, read from the path and the query; an error response when
  // they cannot be.
  struct Asked;
  Result<Asked> read(const Request& r, std::string_view id, brief::NoteKind kind);
  // `note` as answered for `paper_id` (an id of the paper's JSON).
  static Response answer(const brief::Note& note, std::string_view paper_id);
  // The LLM's note, kept in the cache; runs as a deferred answer.
  Response write(const brief::NoteRequest& request, const std::string& paper_id,
                 std::stop_token stop);

  StorePool& stores_;
  NotesApiOptions options_;
  std::mutex writer_mutex_;
  std::unique_ptr<store::PaperStore> writer_;  // guarded by writer_mutex_
  bool writer_failed_ = false;                 // guarded by writer_mutex_
};

}  // namespace ah::web
