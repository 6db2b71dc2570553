// A local HTTP server for tests: serves scripted responses on 127.0.0.1 at a free port from a
// background thread, and records every request it receives. Thread-safe: script and inspect it
// from the test thread while clients talk to it.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ah::testing {

// One scripted response. Build it with the factories and chain with_*() on the temporary:
//   ReplayResponse::make(503, "busy").with_header("Retry-After", "10")
// (fluent rather than designated initializers, which GCC 12 -Wextra flags when members are left
// out), or set the public fields directly.
struct ReplayResponse {
  int status = 200;
  std::string body;
  // When set, add() replaces `body` with this file's contents (a test failure, via exception,
  // when it cannot be read).
  std::filesystem::path body_file;
  std::string content_type = "text/plain";
  std::map<std::string, std::string> headers;  // e.g. {"Retry-After", "10"}
  // Sent as the ETag header; a request whose If-None-Match equals it gets 304 with no body.
  std::string etag;
  // Waits this long before answering (cut short when the server stops).
  std::chrono::milliseconds delay{0};
  // Announces the full Content-Length but closes the connection after this many body bytes.
  std::optional<std::size_t> drop_after_bytes;
  // When not empty, the body is sent with chunked transfer encoding in these pieces (`body` is
  // ignored), each written and flushed on its own; before piece i (i >= 1) the server calls
  // before_piece(i), when set, on its own thread: a test blocks there to prove that a client
  // hands piece i-1 on before the response has ended.
  std::vector<std::string> pieces;
  std::function<void(std::size_t)> before_piece;

  static ReplayResponse make(int status, std::string body = "",
                             std::string content_type = "text/plain");
  // The body is the file's contents, read now (a test failure, via exception, when unreadable).
  static ReplayResponse from_file(int status, const std::filesystem::path& file,
                                  std::string content_type);

  ReplayResponse with_header(const std::string& name, std::string value) &&;
  ReplayResponse with_etag(std::string value) &&;
  ReplayResponse with_delay(std::chrono::milliseconds value) &&;
  ReplayResponse dropped_after(std::size_t body_bytes) &&;
  ReplayResponse in_pieces(std::vector<std::string> parts,
                           std::function<void(std::size_t)> before = {}) &&;
};

// One request as the server saw it.
struct RecordedRequest {
  std::string method;                          // "GET" or "POST"
  std::string path;                            // "/oai2"
  std::string query;                           // raw, without '?': "verb=Identify"
  std::map<std::string, std::string> params;   // decoded query parameters (last value wins)
  std::map<std::string, std::string> headers;  // names lower-cased: "user-agent", "if-none-match"
  std::chrono::steady_clock::time_point arrival;
  int remote_port = 0;  // the client's port: equal ports mean a reused (kept-alive) connection
  std::string body;     // a POST's body

  // The header's value, or "" when absent; `name` is lower-case.
  std::string header(const std::string& name) const;
};

class ReplayServer {
 public:
  // Binds 127.0.0.1:0 and starts serving; throws std::runtime_error when it cannot bind.
  ReplayServer();
  // Stops the server and joins its threads (pending delays are cut short).
  ~ReplayServer();
  ReplayServer(const ReplayServer&) = delete;
  ReplayServer& operator=(const ReplayServer&) = delete;

  // "http://127.0.0.1:PORT" (no trailing slash).
  std::string base_url() const;
  int port() const;

  // Appends `response` to the queue for GET or POST `path` whose query contains every pair of
  // `query` (a subset match on decoded parameters; empty = any query). Responses are served in
  // order; the last one then repeats for every further request. When several scripts match a
  // request, the one with the most query pairs wins (ties: the first added). A request nothing
  // matches gets 404 with body "replay: no script for <path>?<query>".
  void add(const std::string& path, ReplayResponse response);
  void add(const std::string& path, const std::map<std::string, std::string>& query,
           ReplayResponse response);

  // Every request received so far, in arrival order.
  std::vector<RecordedRequest> requests() const;
  // Those whose path equals `path`.
  std::vector<RecordedRequest> requests_to(const std::string& path) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// A 127.0.0.1 port that is bound but not listening, so connecting to it is refused; held for
// the object's lifetime so no other process can take it meanwhile.
class RefusingPort {
 public:
  RefusingPort();  // throws std::runtime_error when no socket can be bound
  ~RefusingPort();
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;

  std::string base_url() const;  // "http://127.0.0.1:PORT"
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace ah::testing
