#include "web/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <cctype>
#include <thread>

#include "web/errors.h"
#include "web/fair_gate.h"

namespace ah::web {
namespace {

Request to_request(const httplib::Request& in) {
  Request r;
  r.method = in.method;
  r.path = in.path;  // httplib has decoded it
  // httplib keeps parameters in a multimap sorted by name; repeated values keep their order.
  for (const auto& [k, v] : in.params) r.query.emplace_back(k, v);
  for (const auto& [k, v] : in.headers) {
    std::string name = k;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), v);
  }
  return r;
}

// httplib compresses text answers itself, preferring brotli at its highest quality, which takes
// 260 ms for KaTeX's 259 KB script (gzip: 6 ms). Offering it only gzip keeps that fast. The
// request is httplib's own non-const object, handed to handlers as const.
void only_gzip(const httplib::Request& in) {
  auto& headers = const_cast<httplib::Request&>(in).headers;
  auto it = headers.find("Accept-Encoding");
  if (it == headers.end()) return;
  const bool gzip = it->second.find("gzip") != std::string::npos;
  headers.erase(it);
  if (gzip) headers.emplace("Accept-Encoding", "gzip");
}

}  // namespace

std::string redacted_target(const Request& r) {
  std::string out = r.path;
  char sep = '?';
  for (const auto& [k, v] : r.query) {
    out += fmt::format("{}{}=*", sep, k);
    sep = '&';
  }
  return out;
}

struct Server::Impl {
  ServerOptions options;
  const Router& router;
  std::function<void(std::string_view)> log;
  FairGate gate;
  httplib::Server http;
  std::atomic<int> listen_fd{-1};
  int port = 0;

  Impl(ServerOptions o, const Router& r, std::function<void(std::string_view)> l)
      : options(std::move(o)),
        router(r),
        log(std::move(l)),
        gate(options.max_active > 0 ? options.max_active
                                    : 2 * std::max(1u, std::thread::hardware_concurrency())) {}

  void handle(const httplib::Request& in, httplib::Response& out) {
    const auto start = std::chrono::steady_clock::now();
    only_gzip(in);
    Request request = to_request(in);
    Response response;
    try {
      FairGate::Pass pass(gate);
      response = router.handle(request);
    } catch (const std::exception& e) {
      // A bug (handlers return errors as values): answer 500 without the details.
      log(fmt::format("error: {} {}: {}", request.method, redacted_target(request), e.what()));
      response = error_response(Error{ErrorCode::internal, e.what()});
      add_security_headers(response);
    }
    out.status = response.status;
    for (auto& [k, v] : response.headers) out.set_header(k, v);
    out.set_content(std::move(response.body), response.content_type);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    log(fmt::format("{} {} {} {:.1f}ms", request.method, redacted_target(request), out.status, ms));
  }
};

Server::Server(ServerOptions options, const Router& router,
               std::function<void(std::string_view)> log)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(log))) {
  Impl& s = *impl_;
  const std::size_t threads = std::max<std::size_t>(s.options.threads, 2);
  // httplib takes ownership of the queue it is given (its API asks for a raw pointer).
  s.http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.http.set_keep_alive_max_count(std::max<std::size_t>(s.options.keep_alive_max_count, 1));
  s.http.set_keep_alive_timeout(s.options.keep_alive_timeout.count());
  s.http.set_read_timeout(s.options.read_timeout.count(), 0);
  s.http.set_write_timeout(s.options.write_timeout.count(), 0);
  s.http.set_payload_max_length(s.options.payload_max_bytes);
  s.http.set_tcp_nodelay(true);  // else Nagle and delayed ACKs add ~40 ms to small answers
  // Remember the listening socket: bind() raises its backlog from httplib's 5 (see there).
  s.http.set_socket_options([&s](int fd) {
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    s.listen_fd = fd;
  });
  auto handler = [&s](const httplib::Request& in, httplib::Response& out) { s.handle(in, out); };
  s.http.Get(".*", handler);
  s.http.Post(".*", handler);
  s.http.Put(".*", handler);
  s.http.Patch(".*", handler);
  s.http.Delete(".*", handler);
  s.http.Options(".*", handler);
  // Requests httplib refuses itself (413 payload too large, 414 URI too long, 400 malformed)
  // get the same JSON error shape and headers.
  s.http.set_error_handler([&s](const httplib::Request& in, httplib::Response& out) {
    if (!out.body.empty()) return;  // an answer of the router's own
    const std::string_view code = out.status == 413   ? "payload_too_large"
                                  : out.status == 414 ? "uri_too_long"
                                                      : "bad_request";
    Response r =
        error_response(out.status, code, fmt::format("the request was refused ({})", out.status));
    add_security_headers(r);
    for (auto& [k, v] : r.headers) out.set_header(k, v);
    out.set_content(std::move(r.body), r.content_type);
    s.log(fmt::format("{} {} {}", in.method, in.path.substr(0, 200), out.status));
  });
}

Server::~Server() = default;

Result<void> Server::bind() {
  Impl& s = *impl_;
  const bool any = s.options.port == 0;
  const int port =
      any ? s.http.bind_to_any_port(s.options.host)
          : (s.http.bind_to_port(s.options.host, s.options.port) ? s.options.port : -1);
  if (port <= 0) {
    return fail(ErrorCode::unavailable,
                fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)",
                            s.options.host, s.options.port));
  }
  s.port = port;
  // httplib listens with a backlog of 5: 64 clients connecting at once would see some SYNs
  // dropped and retried a second later. Listening again on the socket only raises the backlog.
  if (const int fd = s.listen_fd.load(); fd >= 0) ::listen(fd, SOMAXCONN);
  return {};
}

int Server::port() const { return impl_->port; }

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace ah::web
