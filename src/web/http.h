// The HTTP request and response as plain values, so that routes and handlers run without a
// socket (tests build a Request from a target string). server.cpp converts the HTTP library's
// messages to and from these. Values; thread-compatible.
#pragma once

#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ah::web {

struct Request {
  std::string method = "GET";
  std::string path;  // percent-decoded, without the query: "/api/v1/papers/hep-th/9901001"
  // Decoded query parameters in order; a name may repeat ("author=a&author=b").
  std::vector<std::pair<std::string, std::string>> query;
  // Header names lower-cased ("accept-language").
  std::vector<std::pair<std::string, std::string>> headers;
  // The body, de-chunked and decompressed (the server undoes Content-Encoding gzip/deflate
  // within its body limit); empty for GET and HEAD, which the server refuses with a body.
  std::string body;
  // The client's IP address as the socket says ("127.0.0.1", "::1", "::ffff:10.0.0.5"); empty for
  // requests made in tests without a socket. Decides who may call write routes (web/access.h).
  std::string peer;

  // Every value of the parameter `name`, in order.
  std::vector<std::string> all(std::string_view name) const;
  // The first value of `name`, or nullopt when absent.
  std::optional<std::string> first(std::string_view name) const;
  // The header's value ("" when absent); `lower_name` is lower-case.
  std::string header(std::string_view lower_name) const;

  // Parses "/path?a=1&b=x%20y" (percent and '+' decoding in the query, percent decoding in
  // the path) into a GET request; for tests and the server's log line.
  static Request from_target(std::string_view target, std::string method = "GET");
};

// Where a streamed response's body goes (Response::stream). The server's sink is thread-safe:
// the handler writes from its worker thread while the I/O threads watch the connection.
class StreamSink {
 public:
  virtual ~StreamSink() = default;
  // Sends `bytes` to the client now and waits until the socket took them (at most the server's
  // write timeout). False once the client has gone, a write timed out, or the server is
  // stopping: the producer should then stop (what it writes later is dropped).
  virtual bool write(std::string_view bytes) = 0;
  // True once the client has gone or the server is stopping.
  virtual bool closed() const = 0;
  // `f` is called once when the client goes away or the server stops, from an I/O thread (at
  // once, on the calling thread, when that has happened already), so a producer waiting on
  // something else (an upstream LLM) can cancel it. One callback: a later call replaces it.
  virtual void on_close(std::function<void()> f) = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
  // A file of the page (fixed bytes, the same for every request to its path) rather than an
  // answer made for this request: the server answers a single byte range of it and compresses it
  // once for all requests.
  bool is_file = false;
  // A body produced while it is sent (server-sent events): when set, `body` is ignored; the
  // server sends the head (no Content-Length; chunked in HTTP/1.1; never compressed; the
  // connection closes afterwards), then calls this on the handler's thread, then ends the body.
  std::function<void(StreamSink& sink)> stream;
  // An answer that takes long to make (an LLM's): when set, `status`, `body` and `headers` are
  // ignored; the server calls this on the pool streamed answers run on (so the handlers' workers
  // stay free for short requests) and sends what it returns (whose own `deferred` and `stream` are
  // ignored) as any other answer. `stop` is requested when the server stops: the work should then
  // end soon (its answer may be dropped). A client that leaves meanwhile does not stop it.
  std::function<Response(std::stop_token stop)> deferred;

  // Sets `name` (replacing an earlier value of the same name, compared case-insensitively).
  void set_header(std::string name, std::string value);
  // The header's value ("" when absent), compared case-insensitively.
  std::string header(std::string_view name) const;
};

// "%41+b" -> "A b" when `plus_is_space` (query strings), else "A+b". Malformed escapes are kept
// as they are.
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace ah::web
