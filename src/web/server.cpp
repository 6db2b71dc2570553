// The only file that knows the HTTP library (Boost.Beast on Asio).
//
// Each connection is a chain of asynchronous steps on its own strand, so an open connection holds a
// socket, a small buffer and a timer, never a thread:
//   wait (idle deadline) -> head (head deadline) -> [body (body deadline)] -> handle on the worker
//   pool, which also sends the answer when the socket takes it at once -> write the rest, if any
//   (write deadline) -> wait for the next request, or close.
// One request is in progress per connection, so pipelined requests are parsed from the buffered
// bytes one after the other and answered in order. A request the server refuses (malformed, too
// large, too slow, a body it will not read) is answered with a JSON error and "Connection: close",
// and the connection is closed gracefully: the server stops sending, then reads and discards what
// the client still sends for a bounded time and number of bytes, so the client sees the answer
// instead of a reset.
#include "web/server.h"

#include <fmt/format.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <unordered_map>
#include <vector>

#include "web/codings.h"
#include "web/encoder.h"
#include "web/errors.h"
#include "web/worker_pool.h"

namespace ah::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// The first read of a request, into an empty buffer; a browser's head is ~0.5-1.5 KB.
constexpr std::size_t kFirstRead = 2048;
// A buffer left larger than this by a big request is freed while its connection is idle.
constexpr std::size_t kIdleBufferBytes = 8 * 1024;
// After a refusal: how long and how much the server reads and discards before it closes.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 1024 * 1024;
// Over-cap connections answered 503 at once at most; beyond, new ones are closed unanswered.
constexpr std::size_t kMaxRejecting = 64;
// After an accept failure (out of file descriptors), the pause before accepting again.
constexpr auto kAcceptPause = std::chrono::milliseconds(50);

double elapsed_ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) { return lower(a) == lower(b); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A refusal: the status, the JSON error code and message, and what the log line adds.
struct Refusal {
  int status;
  std::string_view code;
  std::string message;
};

Response refusal_response(const Refusal& r) {
  Response res = error_response(r.status, r.code, r.message);
  add_security_headers(res);
  if (r.status == 503) res.set_header("Retry-After", "1");
  return res;
}

// The head of `out` as sent: status line, Content-Type, its headers, Content-Length and the
// Connection header `keep_alive` asks for in this HTTP version.
std::string wire_head(const Outgoing& out, unsigned version, bool keep_alive) {
  http::response<http::empty_body> msg{static_cast<http::status>(out.status), version};
  msg.set(http::field::content_type, out.content_type);
  for (const auto& [name, value] : out.headers) msg.insert(name, value);
  msg.content_length(out.content_length);
  msg.keep_alive(keep_alive);
  std::string head =
      fmt::format("HTTP/{}.{} {} {}\r\n", version / 10, version % 10, out.status, msg.reason());
  for (const auto& field : msg) {
    head += fmt::format("{}: {}\r\n", field.name_string(), field.value());
  }
  head += "\r\n";
  return head;
}

class Connection;

struct Core {
  Core(ServerOptions o, const Router& r, std::function<void(std::string_view)> l);
  ~Core();

  void accept();
  void on_accept(beast::error_code ec, tcp::socket socket);
  void reject(tcp::socket socket);
  void begin_stop();
  void connection_ended();

  const ServerOptions options;
  const Router& router;
  const std::function<void(std::string_view)> log;
  ResponseEncoder encoder;

  std::atomic<std::size_t> open{0};       // connections (not counting rejected ones)
  std::atomic<std::size_t> rejecting{0};  // over-cap connections being answered 503
  std::atomic<bool> stopping{false};
  std::atomic<bool> destroying{false};  // the io_context is being torn down
  std::mutex registry_mutex;
  // Guarded by registry_mutex: every open connection, for stop().
  std::unordered_map<Connection*, std::weak_ptr<Connection>> registry;

  // Declared after what connections use, so their destructors (run when the io_context drops its
  // handlers) still find it; the pool before the io_context, whose executors its jobs hold.
  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> strand;  // the acceptor's and the stop timer's
  tcp::acceptor acceptor;
  asio::steady_timer accept_pause;
  asio::steady_timer stop_deadline;
  int port = 0;
  WorkerPool pool;
  WorkerPool streams;  // streamed answers' producers (Response::stream) and deferred answers
  std::stop_source deferred_stop;  // requested by begin_stop(): deferred answers end soon
};

// One client connection; every member is used on its strand (the stream's executor) only, except
// where a comment says otherwise.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Core& server, tcp::socket socket)
      : s_(server), stream_(std::move(socket)), buffer_(server.options.header_max_bytes * 4) {
    beast::error_code ec;
    const auto remote = stream_.socket().remote_endpoint(ec);
    if (!ec) peer_ = remote.address().to_string();
  }

  ~Connection() {
    {
      std::lock_guard lock(s_.registry_mutex);
      s_.registry.erase(this);
    }
    s_.connection_ended();
  }

  void start() {
    {
      std::lock_guard lock(s_.registry_mutex);
      s_.registry[this] = weak_from_this();
    }
    wait_request();
  }

  // From Core::begin_stop: requests being handled or written finish; everything else closes now.
  void stop() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      // A streamed answer is told to end (its producer may be waiting on an LLM for minutes).
      if (self->sink_) self->sink_->mark_closed();
      if (self->phase_ == Phase::idle || self->phase_ == Phase::head ||
          self->phase_ == Phase::body) {
        self->close();
      }
    });
  }

 private:
  enum class Phase { idle, head, body, handling, streaming, writing, closing, closed };

  // Idle: wait for the first bytes of the next request, unless they are buffered already.
  void wait_request() {
    phase_ = Phase::idle;
    if (stopping_) return close();
    head_.reset();
    body_.reset();
    method_.clear();
    target_.clear();
    if (buffer_.size() > 0) {  // pipelined: the head's deadline runs from the previous answer
      started_ = Clock::now();
      return read_head();
    }
    if (buffer_.capacity() > kIdleBufferBytes) buffer_.shrink_to_fit();
    stream_.expires_after(s_.options.keep_alive_timeout);
    stream_.async_read_some(buffer_.prepare(kFirstRead),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->buffer_.commit(n);
                              if (ec)
                                return self->close();  // idle timeout, the client left, or stop()
                              self->started_ = Clock::now();
                              self->read_head();
                            });
  }

  void read_head() {
    phase_ = Phase::head;
    head_.emplace();
    head_->header_limit(static_cast<std::uint32_t>(s_.options.header_max_bytes));
    // The largest any route takes; on_head checks the route's own limit.
    body_max_ = std::max(s_.options.payload_max_bytes, s_.options.upload_max_bytes);
    head_->body_limit(body_max_);
    stream_.expires_at(started_ + s_.options.header_timeout);
    http::async_read_header(
        stream_, buffer_, *head_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_head(ec); });
  }

  void on_head(beast::error_code ec) {
    // What the parser saw of the request line, for the log (also when the head failed).
    method_ = std::string(head_->get().method_string());
    target_ = std::string(head_->get().target());
    // A deadline closes the socket (Beast's tcp_stream): nothing can be answered, only logged.
    if (ec == beast::error::timeout) return timed_out();
    if (ec == http::error::header_limit) {
      if (target_.empty()) {
        return refuse({414, "uri_too_long", "the request line is too long"});
      }
      return refuse({431, "header_fields_too_large", "the request's headers are too large"});
    }
    if (ec == http::error::body_limit) return refuse(too_large());
    if (ec == http::error::end_of_stream || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted) {
      return close();  // the client left (or stop()) before a request was complete
    }
    if (ec) return refuse({400, "bad_request", "malformed request (" + ec.message() + ")"});

    const auto& req = head_->get();
    if (req.version() != 10 && req.version() != 11) {
      return refuse({400, "bad_request", "only HTTP/1.0 and HTTP/1.1 are served"});
    }
    if (target_.size() > s_.options.target_max_bytes) {
      return refuse({414, "uri_too_long", "the request target is too long"});
    }
    // Beast frames a body by the last coding of Transfer-Encoding only; anything but exactly
    // "chunked" (RFC 9112 section 6.3) would leave the body to be read as the next request.
    // HTTP/1.0 has no Transfer-Encoding: its framing is faulty (RFC 9112 section 6.1).
    const auto te = req.equal_range(http::field::transfer_encoding);
    if (te.first != te.second && (req.version() == 10 || std::next(te.first) != te.second ||
                                  !iequals(trim(te.first->value()), "chunked"))) {
      return refuse({400, "bad_request", "unsupported Transfer-Encoding (only chunked, HTTP/1.1)"});
    }
    const bool has_body = head_->chunked() || head_->content_length().value_or(0) > 0;
    if (!has_body) return handle({});
    body_max_ = s_.router.takes_upload(method_, Request::from_target(target_).path)
                    ? s_.options.upload_max_bytes
                    : s_.options.payload_max_bytes;
    if (head_->content_length().value_or(0) > body_max_) return refuse(too_large());
    if (req.method() == http::verb::get || req.method() == http::verb::head) {
      // Never read as a request of its own: refused, and the graceful close discards it.
      return refuse({400, "body_not_allowed", "a " + method_ + " request must not have a body"});
    }
    const auto encodings = req.equal_range(http::field::content_encoding);
    coding_ = ContentCoding::identity;
    if (encodings.first != encodings.second) {
      coding_ = std::next(encodings.first) != encodings.second
                    ? ContentCoding::unsupported
                    : parse_content_coding(encodings.first->value());
    }
    if (coding_ == ContentCoding::unsupported) {
      return refuse({415, "unsupported_media_type",
                     "request bodies may be compressed with gzip or deflate only"});
    }
    if (iequals(trim(req[http::field::expect]), "100-continue") && req.version() == 11) {
      return send_continue();
    }
    read_body();
  }

  // "Expect: 100-continue": the client waits for this before it sends the body.
  void send_continue() {
    continue_.emplace(http::status::continue_, 11);
    stream_.expires_after(s_.options.write_timeout);
    http::async_write(stream_, *continue_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->close();
                        self->read_body();
                      });
  }

  void read_body() {
    phase_ = Phase::body;
    body_.emplace(std::move(*head_));
    head_.reset();
    body_->body_limit(body_max_);  // as chunks arrive
    stream_.expires_after(s_.options.body_timeout);
    http::async_read(
        stream_, buffer_, *body_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
  }

  void on_body(beast::error_code ec) {
    if (ec == beast::error::timeout) return timed_out();
    if (ec == http::error::body_limit) return refuse(too_large());
    if (ec == http::error::end_of_stream || ec == http::error::partial_message ||
        ec == asio::error::eof || ec == asio::error::connection_reset ||
        ec == asio::error::operation_aborted) {
      return close();
    }
    if (ec) return refuse({400, "bad_request", "malformed body (" + ec.message() + ")"});
    auto body = inflate_limited(body_->get().body(), coding_, body_max_);
    if (!body) {
      if (body.error() == InflateError::too_large) return refuse(too_large());
      return refuse({400, "bad_request", "the body is not valid for its Content-Encoding"});
    }
    handle(std::move(*body));
  }

  void timed_out() {
    log_request(408, started_);
    close();
  }

  // The request's log line; `since`: when its time began.
  void log_request(int status, Clock::time_point since) const {
    s_.log(fmt::format("{} {} {} {:.1f}ms", method_.empty() ? "-" : escape_for_log(method_, 32),
                       target_.empty() ? "-" : redacted_target(Request::from_target(target_)),
                       status, elapsed_ms(since)));
  }

  Refusal too_large() const {
    return {413, "payload_too_large",
            fmt::format("request bodies are limited to {} bytes", body_max_)};
  }

  // The request goes to the worker pool, which also sends the answer when the socket takes it at
  // once (see send_from_worker); this strand then reads the next request.
  void handle(std::string body) {
    phase_ = Phase::handling;
    const http::request_header<>& req =
        body_ ? static_cast<const http::request_header<>&>(body_->get()) : head_->get();
    Request request = Request::from_target(target_, method_);
    for (const auto& field : req) {
      request.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(body);
    request.peer = peer_;
    version_ = req.version();
    const bool keep_alive = (body_ ? body_->keep_alive() : head_->keep_alive()) &&
                            ++served_ < s_.options.keep_alive_max_count;
    handled_at_ = Clock::now();
    auto job = [self = shared_from_this(), request = std::move(request), keep_alive,
                work = asio::make_work_guard(s_.ioc)]() mutable {
      Response response;
      try {
        response = self->s_.router.handle(request);
      } catch (const std::exception& e) {
        // A bug (handlers return errors as values): answer 500 without the details.
        self->s_.log(fmt::format("error: {} {}: {}", escape_for_log(request.method, 32),
                                 redacted_target(request), escape_for_log(e.what(), 500)));
        response = error_response(Error{ErrorCode::internal, e.what()});
        add_security_headers(response);
      }
      if (response.deferred) {
        // Long work (an LLM's answer) on the streams' pool; then sent as any answer is.
        auto later = [self, request = std::move(request), make = std::move(response.deferred),
                      keep_alive, work = asio::make_work_guard(self->s_.ioc)]() mutable {
          Response answer;
          try {
            answer = make(self->s_.deferred_stop.get_token());
          } catch (const std::exception& e) {
            self->s_.log(fmt::format("error: {} {}: {}", escape_for_log(request.method, 32),
                                     redacted_target(request), escape_for_log(e.what(), 500)));
            answer = error_response(Error{ErrorCode::internal, e.what()});
            add_security_headers(answer);
          }
          answer.deferred = nullptr;
          answer.stream = nullptr;
          self->send_from_worker(self->s_.encoder.encode(request, std::move(answer)), keep_alive);
        };
        if (!self->s_.streams.post(std::move(later))) {
          asio::post(self->stream_.get_executor(), [self] { self->close(); });
        }
        return;
      }
      if (response.stream && request.method != "HEAD") {
        // A stream lasts as long as its producer (an LLM writing for minutes): it runs on a
        // pool of its own, so the handlers' workers stay free for short requests.
        auto streamed = [self, request = std::move(request), response = std::move(response),
                         work = asio::make_work_guard(self->s_.ioc)]() mutable {
          self->stream_from_worker(request, std::move(response));
        };
        if (!self->s_.streams.post(std::move(streamed))) {
          asio::post(self->stream_.get_executor(), [self] { self->close(); });
        }
        return;
      }
      response.stream = nullptr;
      self->send_from_worker(self->s_.encoder.encode(request, std::move(response)), keep_alive);
    };
    if (!s_.pool.post(std::move(job))) close();  // stopping
  }

  // On a worker, while this connection is in Phase::handling: its strand does not touch the
  // socket or the request's members then (the pool's queue and asio::post order the two), so the
  // worker may log and send. It tries to send the whole answer at once without blocking, which
  // answers that fit the socket's buffer (nearly all) do; that saves waiting for the I/O thread
  // to be scheduled. The strand writes whatever is left.
  void send_from_worker(Outgoing answer, bool keep_alive) {
    auto out = std::make_shared<Outgoing>(std::move(answer));
    std::string head = wire_head(*out, version_, keep_alive);
    log_request(out->status, handled_at_);
    iovec parts[2] = {{head.data(), head.size()},
                      {const_cast<char*>(out->bytes.data()), out->bytes.size()}};
    msghdr message{};
    message.msg_iov = parts;
    message.msg_iovlen = out->bytes.empty() ? 1 : 2;
    const ssize_t n =
        ::sendmsg(stream_.socket().native_handle(), &message, MSG_DONTWAIT | MSG_NOSIGNAL);
    const bool failed = n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
    const std::size_t sent = n > 0 ? static_cast<std::size_t>(n) : 0;
    asio::post(stream_.get_executor(),
               [self = shared_from_this(), out = std::move(out), head = std::move(head), sent,
                failed, keep_alive]() mutable {
                 if (failed) return self->close();
                 self->write(std::move(out), std::move(head), sent, keep_alive);
               });
  }

  // A streamed answer (Response::stream), on a worker: the head, then the producer's pieces as
  // it writes them, each sent before the next is accepted, then the end of the body and a
  // graceful close. The strand meanwhile reads from the socket to see the client leave, which
  // (like stop()) closes the sink, so the producer can cancel what it waits for.
  void stream_from_worker(const Request& request, Response response) {
    auto sink = std::make_shared<Sink>(*this, version_ == 11);
    response.set_header("Cache-Control", "no-cache");
    response.set_header("X-Accel-Buffering", "no");  // proxies (nginx) must not buffer it
    http::response<http::empty_body> msg{static_cast<http::status>(response.status), version_};
    msg.set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) msg.insert(name, value);
    if (version_ == 11) msg.chunked(true);
    msg.keep_alive(false);
    std::string head = fmt::format("HTTP/{}.{} {} {}\r\n", version_ / 10, version_ % 10,
                                   response.status, msg.reason());
    for (const auto& field : msg) {
      head += fmt::format("{}: {}\r\n", field.name_string(), field.value());
    }
    head += "\r\n";
    asio::post(stream_.get_executor(), [self = shared_from_this(), sink] {
      if (self->phase_ == Phase::closed) return sink->mark_closed();
      self->phase_ = Phase::streaming;
      self->sink_ = sink;
      if (self->stopping_) sink->mark_closed();
      self->watch();
    });
    if (sink->send(std::move(head))) {
      try {
        response.stream(*sink);
      } catch (const std::exception& e) {
        s_.log(fmt::format("error: {} {}: {}", escape_for_log(request.method, 32),
                           redacted_target(request), escape_for_log(e.what(), 500)));
      }
      if (!sink->closed() && version_ == 11) (void)sink->send("0\r\n\r\n");
    }
    log_request(response.status, handled_at_);
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->end_stream(); });
  }

  // Reads (and drops) what the client sends while an answer streams, to see it leave.
  void watch() {
    stream_.socket().async_read_some(
        asio::buffer(watch_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
          if (self->phase_ != Phase::streaming) {  // the answer has ended: end_stream() goes on
            self->watching_ended();
            return;
          }
          if (ec) {
            self->sink_->mark_closed();
            return self->close();
          }
          self->watch();
        });
    watching_ = true;
  }

  void watching_ended() {
    watching_ = false;
    if (phase_ == Phase::closing) linger();
  }

  // On the strand, after the producer returned: a graceful close once the watch has ended.
  void end_stream() {
    if (sink_) sink_->mark_closed();
    sink_.reset();
    if (phase_ == Phase::closed) return;
    phase_ = Phase::closing;
    if (!watching_) return linger();
    beast::error_code ignored;
    stream_.socket().cancel(ignored);  // the watch's handler then calls linger()
  }

  // A streamed answer's sink (see StreamSink): writes go through the strand, one at a time.
  class Sink final : public StreamSink {
   public:
    Sink(Connection& c, bool chunked) : c_(c.shared_from_this()), chunked_(chunked) {}

    bool write(std::string_view bytes) override {
      if (bytes.empty()) return !closed();
      if (!chunked_) return send(std::string(bytes));
      return send(fmt::format("{:x}\r\n{}\r\n", bytes.size(), bytes));
    }

    bool closed() const override {
      std::lock_guard lock(mutex_);
      return closed_;
    }

    void on_close(std::function<void()> f) override {
      {
        std::lock_guard lock(mutex_);
        if (!closed_) {
          on_close_ = std::move(f);
          return;
        }
      }
      if (f) f();
    }

    // Any thread: the client went away, a write failed, or the server stops.
    void mark_closed() {
      std::function<void()> f;
      {
        std::lock_guard lock(mutex_);
        if (closed_) return;
        closed_ = true;
        f = std::move(on_close_);
      }
      if (f) f();
    }

    // Writes `bytes` as they are, on the strand; waits for the socket to take them.
    bool send(std::string bytes) {
      if (closed()) return false;
      auto data = std::make_shared<std::string>(std::move(bytes));
      auto done = std::make_shared<std::promise<bool>>();
      std::future<bool> written = done->get_future();
      Connection& c = *c_;
      asio::post(c.stream_.get_executor(), [conn = c_, data, done] {
        if (conn->phase_ == Phase::closed) return done->set_value(false);
        asio::async_write(conn->stream_.socket(), asio::buffer(*data),
                          [data, done](beast::error_code ec, std::size_t) {
                            done->set_value(!ec);
                          });
      });
      if (written.wait_for(c.s_.options.write_timeout) != std::future_status::ready ||
          !written.get()) {
        mark_closed();
        asio::post(c.stream_.get_executor(), [conn = c_] { conn->close(); });
        return false;
      }
      return true;
    }

   private:
    std::shared_ptr<Connection> c_;
    const bool chunked_;
    mutable std::mutex mutex_;
    bool closed_ = false;             // guarded by mutex_
    std::function<void()> on_close_;  // guarded by mutex_
  };

  void refuse(const Refusal& refusal) {
    head_.reset();
    body_.reset();
    version_ = 11;
    handled_at_ = Clock::now();
    Request request = Request::from_target(target_, method_);
    auto out = std::make_shared<Outgoing>(s_.encoder.encode(request, refusal_response(refusal)));
    std::string head = wire_head(*out, version_, false);
    log_request(out->status, handled_at_);
    write(std::move(out), std::move(head), 0, false);
  }

  // Writes what is left of `head` and out->bytes after the first `sent` bytes, then goes on with
  // the next request or closes.
  void write(std::shared_ptr<Outgoing> out, std::string head, std::size_t sent, bool keep_alive) {
    if (phase_ == Phase::closed) return;
    phase_ = Phase::writing;
    out_ = std::move(out);
    wire_head_ = std::move(head);
    std::array<asio::const_buffer, 2> rest{asio::buffer(wire_head_), asio::buffer(out_->bytes)};
    for (auto& part : rest) {
      const std::size_t skip = std::min(sent, part.size());
      part += skip;
      sent -= skip;
    }
    if (rest[0].size() + rest[1].size() == 0) return written({}, keep_alive);
    stream_.expires_after(s_.options.write_timeout);
    asio::async_write(stream_, rest,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                        self->written(ec, keep_alive);
                      });
  }

  void written(beast::error_code ec, bool keep_alive) {
    out_.reset();
    wire_head_.clear();
    if (ec) return close();
    if (!keep_alive || stopping_) return linger();
    wait_request();
  }

  // Graceful close: no more sending, then read and discard what the client still sends (an unread
  // body, pipelined requests) until it closes, for at most kLingerTime and kLingerBytes, so that
  // the kernel does not reset the connection while our answer is on its way.
  void linger() {
    phase_ = Phase::closing;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    lingered_ = buffer_.size();
    buffer_.clear();
    stream_.expires_after(kLingerTime);
    drain();
  }

  void drain() {
    stream_.async_read_some(buffer_.prepare(kFirstRead),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->lingered_ += n;
                              self->buffer_.clear();
                              if (ec || self->lingered_ > kLingerBytes) return self->close();
                              self->drain();
                            });
  }

  void close() {
    if (phase_ == Phase::closed) return;
    phase_ = Phase::closed;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  Core& s_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;  // bytes read and not parsed yet
  Phase phase_ = Phase::idle;
  bool stopping_ = false;
  std::size_t served_ = 0;        // requests answered on this connection
  Clock::time_point started_;     // the current request's first byte
  Clock::time_point handled_at_;  // its head and body complete (or refused)

  // The request in progress.
  std::optional<http::request_parser<http::empty_body>> head_;
  std::optional<http::request_parser<http::string_body>> body_;
  std::string method_, target_;
  std::string peer_;  // the client's address, for routes only a local operator may call
  ContentCoding coding_ = ContentCoding::identity;
  std::size_t body_max_ = 0;  // the request's body limit: its route's (Router::takes_upload)
  unsigned version_ = 11;

  // The answer being written.
  std::optional<http::response<http::empty_body>> continue_;
  std::shared_ptr<Outgoing> out_;
  std::string wire_head_;
  std::size_t lingered_ = 0;

  // A streamed answer (Phase::streaming).
  std::shared_ptr<Sink> sink_;
  bool watching_ = false;  // a watch() read is pending
  std::array<char, 512> watch_buffer_{};
};

Core::Core(ServerOptions o, const Router& r, std::function<void(std::string_view)> l)
    : options(std::move(o)),
      router(r),
      log(std::move(l)),
      ioc(static_cast<int>(std::max<std::size_t>(options.io_threads, 1))),
      strand(asio::make_strand(ioc)),
      acceptor(strand),
      accept_pause(strand),
      stop_deadline(strand),
      pool(options.handler_threads > 0
               ? options.handler_threads
               : 2 * std::max<std::size_t>(1, std::thread::hardware_concurrency())),
      streams(std::max<std::size_t>(options.stream_threads, 1)) {}

Core::~Core() {
  // The handlers the io_context still holds end connections; none may post any more.
  destroying = true;
  streams.stop();
  pool.stop();
}

void Core::accept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    on_accept(ec, std::move(socket));
  });
}

void Core::on_accept(beast::error_code ec, tcp::socket socket) {
  if (stopping || ec == asio::error::operation_aborted || !acceptor.is_open()) return;
  if (ec) {
    // Out of file descriptors (or memory): pause instead of spinning on the same error.
    log(fmt::format("accept: {}", ec.message()));
    accept_pause.expires_after(kAcceptPause);
    accept_pause.async_wait([this](beast::error_code e) {
      if (!e) accept();
    });
    return;
  }
  if (open.load() >= options.max_connections) {
    reject(std::move(socket));
  } else {
    ++open;
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true),
                      ignored);  // else Nagle + delayed ACK add ~40 ms
    std::make_shared<Connection>(*this, std::move(socket))->start();
  }
  accept();
}

// Over the connection cap: a fixed 503 written without reading the request, then a short graceful
// close; the 503s in progress are bounded too.
void Core::reject(tcp::socket socket) {
  const std::size_t now_open = open.load();
  log(fmt::format("- - 503 0.0ms (connection limit: {} open)", now_open));
  if (rejecting.load() >= kMaxRejecting) return;  // closed unanswered
  static const std::string kAnswer = [] {
    Response r = refusal_response(
        {503, "server_busy", "the server has too many open connections; try again shortly"});
    std::string head = fmt::format(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: {}\r\nContent-Length: {}\r\n"
        "Connection: close\r\n",
        r.content_type, r.body.size());
    for (const auto& [k, v] : r.headers) head += fmt::format("{}: {}\r\n", k, v);
    return head + "\r\n" + r.body;
  }();
  ++rejecting;
  struct Rejected {
    Rejected(Core& server, tcp::socket socket) : s(server), stream(std::move(socket)) {}
    ~Rejected() { --s.rejecting; }
    Core& s;
    beast::tcp_stream stream;
    std::array<char, 1024> sink{};
  };
  auto r = std::make_shared<Rejected>(*this, std::move(socket));
  r->stream.expires_after(std::chrono::seconds(1));
  asio::async_write(r->stream, asio::buffer(kAnswer), [r](beast::error_code ec, std::size_t) {
    if (ec) return;
    beast::error_code ignored;
    r->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    // Whatever the client sent meanwhile is read once and dropped, then the connection closes.
    r->stream.async_read_some(asio::buffer(r->sink), [r](beast::error_code, std::size_t) {});
  });
}

void Core::begin_stop() {
  if (stopping.exchange(true)) return;
  deferred_stop.request_stop();
  beast::error_code ignored;
  acceptor.close(ignored);
  accept_pause.cancel();
  std::vector<std::shared_ptr<Connection>> all;
  {
    std::lock_guard lock(registry_mutex);
    for (auto& [raw, weak] : registry) {
      if (auto c = weak.lock()) all.push_back(std::move(c));
    }
  }
  for (auto& c : all) c->stop();
  all.clear();
  if (open.load() == 0) return;
  stop_deadline.expires_after(options.stop_timeout);
  stop_deadline.async_wait([this](beast::error_code ec) {
    if (ec) return;  // every connection ended in time
    log("stop: requests still in flight after the stop timeout; closing them");
    ioc.stop();
  });
}

// From ~Connection, on any thread.
void Core::connection_ended() {
  const bool last = --open == 0;
  if (last && stopping && !destroying) {
    asio::post(strand, [this] { stop_deadline.cancel(); });
  }
}

}  // namespace

struct Server::Impl : Core {
  using Core::Core;
};

Server::Server(ServerOptions options, const Router& router,
               std::function<void(std::string_view)> log)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(log))) {}

Server::~Server() = default;

Result<void> Server::bind() {
  Impl& s = *impl_;
  auto unavailable = [&](std::string_view why) {
    return fail(ErrorCode::unavailable,
                fmt::format("cannot listen on {}:{} ({})", s.options.host, s.options.port, why));
  };
  beast::error_code ec;
  tcp::resolver resolver(s.ioc);
  auto endpoints = resolver.resolve(s.options.host, std::to_string(s.options.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) return unavailable("not an address of this machine");
  for (const auto& entry : endpoints) {
    s.acceptor.open(entry.endpoint().protocol(), ec);
    if (ec) continue;
    s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    s.acceptor.bind(entry.endpoint(), ec);
    if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (!ec) break;
    beast::error_code ignored;
    s.acceptor.close(ignored);
  }
  if (ec || !s.acceptor.is_open()) return unavailable(ec ? ec.message() : "no address");
  s.port = s.acceptor.local_endpoint().port();
  return {};
}

int Server::port() const { return impl_->port; }

void Server::run() {
  Impl& s = *impl_;
  asio::post(s.strand, [&s] {
    if (!s.stopping) s.accept();
  });
  std::vector<std::jthread> others;
  for (std::size_t i = 1; i < std::max<std::size_t>(s.options.io_threads, 1); ++i) {
    others.emplace_back([&s] { s.ioc.run(); });
  }
  s.ioc.run();
  others.clear();  // joins
  // Nothing is left to answer (or the stop timeout passed): jobs still queued are dropped.
  s.streams.stop();
  s.pool.stop();
}

void Server::stop() {
  Impl& s = *impl_;
  asio::post(s.strand, [&s] { s.begin_stop(); });
}

}  // namespace ah::web
