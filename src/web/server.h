// The HTTP server: cpp-httplib on a thread pool large enough for many kept-alive connections
// (httplib gives each connection a worker for its whole life), turning each request into a
// web::Request for the Router and logging one line per request. httplib stays behind this file.
// Thread-safe: stop() may be called from any thread (a signal handler thread).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "web/routes.h"

namespace ah::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
  // Workers; each kept-alive connection holds one while it is open, so this bounds the
  // connections served at once (more wait in the accept queue).
  std::size_t threads = 160;
  std::size_t keep_alive_max_count = 10'000;   // requests per connection before it closes
  std::chrono::seconds keep_alive_timeout{5};  // an idle connection is closed after this
  std::chrono::seconds read_timeout{10};       // a slow client's request is dropped
  std::chrono::seconds write_timeout{10};
  std::size_t payload_max_bytes = 64 * 1024;  // larger request bodies get 413
  // Requests handled at once (the rest wait in arrival order; see fair_gate.h); 0: twice the
  // cores.
  std::size_t max_active = 0;
};

class Server {
 public:
  // `log` receives one line per request ("GET /api/v1/feed?author=* 200 3.1ms") and server
  // messages.
  Server(ServerOptions options, const Router& router, std::function<void(std::string_view)> log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port. Errors: unavailable naming the address (in use, no permission).
  Result<void> bind();
  // The bound port (after bind()).
  int port() const;
  // Serves until stop(); in-flight requests finish, idle connections close within
  // keep_alive_timeout.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The target as logged: the path, and each query parameter's name with its value redacted
// ("/api/v1/feed?author=*&limit=*"), so logs keep no one's searches.
std::string redacted_target(const Request& r);

}  // namespace ah::web
