// The wiring of one academichub process: the resolved Config, the log, and factories for the
// store and the HTTP stack. cli/ builds one App in main and passes it to each command; nothing else
// in the program is global. Used from the main thread only.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "config/config.h"
#include "core/error.h"
#include "net/http_client.h"
#include "store/paper_store.h"

namespace ah::cli {

enum class LogLevel { error = 0, warn = 1, info = 2, debug = 3 };

class App {
 public:
  explicit App(config::Config config);

  const config::Config& config() const { return config_; }

  // Opens (creating and migrating) the database at config().db_path.
  Result<std::unique_ptr<store::PaperStore>> open_store(bool bulk_load = false) const;

  // A polite libcurl client for arXiv hosts: User-Agent with the contact e-mail, timeouts,
  // per-host spacing and retries from the config. Errors: invalid_argument without a contact.
  Result<std::unique_ptr<net::HttpClient>> make_http_client();

  // One log line on stderr: "2026-11-26T15:25:33Z info: ..." when level <= the configured level.
  void log(LogLevel level, std::string_view message) const;

  // True when stderr is a terminal (progress is drawn in place there).
  bool interactive() const { return interactive_; }

 private:
  config::Config config_;
  LogLevel level_;
  bool interactive_;
  // The HTTP stack: the curl client and the clock are owned here, the polite client borrows them.
  std::unique_ptr<net::Clock> clock_;
  std::unique_ptr<net::HttpClient> curl_;
};

// Exit codes of the command line.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // the command failed (message on stderr)
inline constexpr int kExitBadInput = 2;  // a file could not be read/parsed, or bad arguments

// Prints "error: <message>" on stderr and returns the exit code for `error`.
int report_error(const Error& error);

}  // namespace ah::cli
