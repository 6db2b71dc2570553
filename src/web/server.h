// The HTTP server: event-driven I/O (Boost.Beast on Asio) on a few threads, so an open connection
// costs a little memory and no thread however slow or idle its client is; handlers run on a small
// worker pool in arrival order. Every phase of a connection has a deadline, the framing of requests
// is strict (one request per message, pipelined ones answered in order, bodies read within a limit
// or refused), and there is one log line per request. The library stays behind this file: the rest
// of web/ sees Request and Response values. Thread-safe: stop() may be called from any thread (a
// signal handler thread).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "web/log_line.h"  // redacted_target, for the log line
#include "web/routes.h"

namespace ah::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())

  // Threads running the sockets' event loop (>= 1). They only parse and copy bytes.
  std::size_t io_threads = 1;
  // Handlers run at once on the worker pool, the rest wait in arrival order; 0: twice the cores, at
  // least 2.
  std::size_t handler_threads = 0;
  // Streamed answers (Response::stream: briefings, which last as long as the LLM writes) and
  // deferred ones (Response::deferred: a paper's TL;DR or translation) made at once, each on a
  // thread of this pool; more wait in arrival order.
  std::size_t stream_threads = 16;
  // Open connections at most; a connection over the cap is answered 503 (server_busy, with
  // Retry-After) and closed without its request being read.
  std::size_t max_connections = 10'000;
  std::size_t keep_alive_max_count = 10'000;  // requests per connection before it closes

  // Deadlines of a connection's phases. Idle: waiting for the first byte of a request (on a new
  // connection, or between kept-alive requests); then the whole head must arrive within
  // header_timeout of its first byte (or of the previous response when the next request was sent
  // early, pipelined); the whole body within body_timeout of the head; the whole response must be
  // taken within write_timeout. A connection that misses a deadline is closed (a late head or body
  // is logged with status 408).
  std::chrono::milliseconds keep_alive_timeout{5'000};
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  // stop() lets requests in flight finish for at most this long.
  std::chrono::milliseconds stop_timeout{10'000};

  // The request line and headers together; more gets 431 (414 when the request line alone is
  // longer).
  std::size_t header_max_bytes = 16 * 1024;
  std::size_t target_max_bytes = 8 * 1024;  // a longer request target gets 414
  // A request body, as sent and after decompression (Content-Encoding gzip or deflate; other
  // codings get 415); a larger one gets 413 as soon as that is known (from Content-Length before
  // reading it, or when the chunks or the decompressed bytes pass the limit).
  std::size_t payload_max_bytes = 64 * 1024;
  // The same for the routes that take files (Router::takes_upload: a radar's seeds from a
  // reference library).
  std::size_t upload_max_bytes = 16 * 1024 * 1024;
};

class Server {
 public:
  // `log` receives one line per request ("GET /api/v1/feed?author=* 200 3.1ms", also for requests
  // refused before they reached the router) and server messages; it is called from several threads
  // at once.
  Server(ServerOptions options, const Router& router, std::function<void(std::string_view)> log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port and listens. Errors: unavailable naming the address (in use, no permission, not
  // an address of this machine).
  Result<void> bind();
  // The bound port (after bind()).
  int port() const;
  // Serves until stop() (after bind()): starts the I/O and handler threads and returns when they
  // have ended.
  void run();
  // Stops accepting, closes idle connections and connections whose request is still being read,
  // lets the requests being handled or written finish (for at most stop_timeout), then run()
  // returns. Idempotent; also before run() (which then returns at once).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ah::web
