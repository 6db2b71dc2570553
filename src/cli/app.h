// The wiring of one academichub process: the resolved Config, the log, and factories for the
// store and the HTTP stack. cli/ builds one App in main and passes it to each command; nothing else
// in the program is global. Used from the main thread only, except log() (any thread).
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>

#include "config/config.h"
#include "core/error.h"
#include "net/http_client.h"
#include "store/paper_store.h"

namespace ah::cli {

enum class LogLevel { error = 0, warn = 1, info = 2, debug = 3 };

// How a command uses the database (App::open_store). Every use waits at most the configured
// db_busy_timeout_ms for another process's lock, then fails saying so (Error::busy).
enum class StoreUse {
  // stats, search, show: an existing database only (not_found otherwise: no file or directory is
  // created); the connection is read-only and writes nothing, except migrating an older schema.
  read,
  // serve: reads like `read`, but creates an empty database when there is none (the server is
  // the long-running process that harvests into it).
  serve,
  // harvest: creates and migrates the database, and finishes the full-text compaction of an
  // import that was killed (store/sqlite/bulk_load.h).
  write,
  // import: `write`, in bulk-load mode (deferred index merges, background checkpoints).
  bulk_load,
};

class App {
 public:
  explicit App(config::Config config);

  const config::Config& config() const { return config_; }

  // The options `use` opens the database with (serve's pool opens more connections with them).
  store::SqliteOptions store_options(StoreUse use) const;
  // Opens the database at config().db_path for `use`. Errors: those of store::open_sqlite; for a
  // missing database (not_found), the message says which commands create one.
  Result<std::unique_ptr<store::PaperStore>> open_store(StoreUse use) const;

  // A polite libcurl client for arXiv hosts: User-Agent with the contact e-mail, timeouts,
  // per-host spacing and retries from the config. Errors: invalid_argument without a contact.
  Result<std::unique_ptr<net::HttpClient>> make_http_client();
  // The same, for a server that stops: once `stop` is requested it sends nothing more and its
  // waits (spacing, Retry-After, back-off) end at once (sched/stop.h), so harvests in progress
  // end at their next page. Thread-safe, like the other; its log lines may come from any thread.
  Result<std::unique_ptr<net::HttpClient>> make_http_client(std::stop_token stop);

  // One log line on stderr: "2026-11-26T15:25:33Z info: ..." when level <= the configured level.
  // Thread-safe (the server's harvest runs log from their threads): lines never interleave.
  void log(LogLevel level, std::string_view message) const;

  // True when stderr is a terminal (progress is drawn in place there).
  bool interactive() const { return interactive_; }

 private:
  config::Config config_;
  LogLevel level_;
  bool interactive_;
  Result<std::unique_ptr<net::HttpClient>> polite_client(net::HttpClient& inner);
  // The libcurl settings of upstream requests: the User-Agent with the contact address and the
  // configured timeouts. Errors: user_agent's (no contact e-mail).
  Result<net::CurlOptions> curl_options() const;

  // The HTTP stack: the curl client, the stop gate and the clock are owned here, the polite
  // client borrows them.
  std::unique_ptr<net::Clock> clock_;
  std::unique_ptr<net::HttpClient> curl_;
  std::unique_ptr<net::HttpClient> gate_;
  mutable std::mutex log_mutex_;  // one log line at a time
};

// Exit codes of the command line.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // the command failed (message on stderr)
inline constexpr int kExitBadInput = 2;  // a file could not be read/parsed, or bad arguments
// No LLM is configured, or it failed after its retries (brief then prints the analysis alone).
inline constexpr int kExitLlmFailed = 3;
inline constexpr int kExitBusy = 75;     // the database stayed busy (EX_TEMPFAIL): try again later

// Prints "error: <message>" on stderr and returns the exit code for `error`.
int report_error(const Error& error);

}  // namespace ah::cli
