#include "tests/support/replay_server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

#include "tests/support/fixtures.h"

namespace ah::testing {
namespace {

// Enough workers that a test with a few kept-alive connections and a delayed response never
// waits for a free thread (httplib's default is max(8, cores - 1)).
constexpr std::size_t kWorkerThreads = 16;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Script {
  std::string path;
  std::map<std::string, std::string> query;
  std::vector<ReplayResponse> responses;
  std::size_t served = 0;

  bool matches(const RecordedRequest& request) const {
    if (request.path != path) return false;
    return std::all_of(query.begin(), query.end(), [&](const auto& pair) {
      auto it = request.params.find(pair.first);
      return it != request.params.end() && it->second == pair.second;
    });
  }
};

// httplib keeps an idle kept-alive connection's worker waiting for the next request until the
// keep-alive timeout, even after stop(), and does not expose the accepted sockets. Shutting them
// down (found as this process's sockets bound to the server's port) wakes those workers at once,
// so a server destroyed before its clients still stops promptly. Linux-only, like the tests.
void shut_down_accepted_sockets(int port) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    int fd = -1;
    try {
      fd = std::stoi(entry.path().filename().string());
    } catch (const std::exception&) {
      continue;
    }
    sockaddr_in address{};
    socklen_t length = sizeof(address);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
    if (address.sin_family == AF_INET && ntohs(address.sin_port) == port) {
      ::shutdown(fd, SHUT_RDWR);
    }
  }
}

}  // namespace

ReplayResponse ReplayResponse::make(int status, std::string body, std::string content_type) {
  ReplayResponse r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

ReplayResponse ReplayResponse::from_file(int status, const std::filesystem::path& file,
                                         std::string content_type) {
  return make(status, read_file(file), std::move(content_type));
}

ReplayResponse ReplayResponse::with_header(const std::string& name, std::string value) && {
  headers[name] = std::move(value);
  return std::move(*this);
}

ReplayResponse ReplayResponse::with_etag(std::string value) && {
  etag = std::move(value);
  return std::move(*this);
}

ReplayResponse ReplayResponse::with_delay(std::chrono::milliseconds value) && {
  delay = value;
  return std::move(*this);
}

ReplayResponse ReplayResponse::dropped_after(std::size_t body_bytes) && {
  drop_after_bytes = body_bytes;
  return std::move(*this);
}

ReplayResponse ReplayResponse::in_pieces(std::vector<std::string> parts,
                                         std::function<void(std::size_t)> before) && {
  pieces = std::move(parts);
  before_piece = std::move(before);
  return std::move(*this);
}

std::string RecordedRequest::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

struct ReplayServer::State {
  httplib::Server server;
  std::thread thread;
  int port = 0;

  mutable std::mutex mutex;
  std::condition_variable stop_signal;    // wakes delayed handlers when the server stops
  bool stopping = false;                  // guarded by mutex
  std::vector<Script> scripts;            // guarded by mutex, in the order added
  std::vector<RecordedRequest> requests;  // guarded by mutex, in arrival order

  // Records the request and picks its scripted response (nullopt: nothing matches).
  std::optional<ReplayResponse> take(const RecordedRequest& request) {
    std::lock_guard lock(mutex);
    requests.push_back(request);
    Script* best = nullptr;
    for (Script& script : scripts) {
      if (script.matches(request) &&
          (best == nullptr || script.query.size() > best->query.size())) {
        best = &script;
      }
    }
    if (best == nullptr) return std::nullopt;
    const std::size_t index = std::min(best->served, best->responses.size() - 1);
    ++best->served;
    return best->responses[index];
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    RecordedRequest request;
    request.arrival = std::chrono::steady_clock::now();
    request.method = req.method;
    request.body = req.body;
    request.path = req.path;
    if (auto q = req.target.find('?'); q != std::string::npos)
      request.query = req.target.substr(q + 1);
    for (const auto& [name, value] : req.params) request.params[name] = value;
    for (const auto& [name, value] : req.headers) request.headers[lower(name)] = value;
    request.remote_port = req.remote_port;

    std::optional<ReplayResponse> scripted = take(request);
    if (!scripted) {
      res.status = 404;
      res.set_content("replay: no script for " + request.path +
                          (request.query.empty() ? "" : "?" + request.query),
                      "text/plain");
      return;
    }
    ReplayResponse& response = *scripted;
    if (response.delay.count() > 0) {
      std::unique_lock lock(mutex);
      stop_signal.wait_for(lock, response.delay, [&] { return stopping; });
    }
    for (const auto& [name, value] : response.headers) res.set_header(name, value);
    if (!response.etag.empty()) {
      res.set_header("ETag", response.etag);
      if (request.header("if-none-match") == response.etag) {
        res.status = 304;
        return;
      }
    }
    res.status = response.status;
    if (!response.pieces.empty()) {
      auto pieces = std::make_shared<std::vector<std::string>>(std::move(response.pieces));
      auto before = response.before_piece;
      auto next = std::make_shared<std::size_t>(0);
      res.set_chunked_content_provider(
          response.content_type, [pieces, before, next](std::size_t, httplib::DataSink& sink) {
            const std::size_t i = (*next)++;
            if (i >= pieces->size()) {
              sink.done();
              return true;
            }
            if (i > 0 && before) before(i);
            return sink.write((*pieces)[i].data(), (*pieces)[i].size());
          });
      return;
    }
    if (response.drop_after_bytes) {
      auto body = std::make_shared<std::string>(std::move(response.body));
      const std::size_t limit = std::min(*response.drop_after_bytes, body->size());
      res.set_content_provider(
          body->size(), response.content_type,
          [body, limit](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            if (offset >= limit) return false;  // httplib then closes the connection
            sink.write(body->data() + offset, std::min(length, limit - offset));
            return true;
          });
      return;
    }
    res.set_content(response.body, response.content_type);
  }
};

ReplayServer::ReplayServer() : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.server.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  // An idle kept-alive connection holds a worker until this timeout, and stop() waits for it.
  s.server.set_keep_alive_timeout(1);
  s.server.set_tcp_nodelay(true);  // else Nagle + delayed ACK add ~40 ms to small responses
  s.server.Get(".*",
               [&s](const httplib::Request& req, httplib::Response& res) { s.handle(req, res); });
  s.server.Post(".*",
                [&s](const httplib::Request& req, httplib::Response& res) { s.handle(req, res); });
  s.port = s.server.bind_to_any_port("127.0.0.1");
  if (s.port <= 0) throw std::runtime_error("replay server: cannot bind 127.0.0.1");
  s.thread = std::thread([&s] { s.server.listen_after_bind(); });
  // stop() is a no-op until the accept loop runs: wait for it so the destructor cannot hang.
  while (!s.server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

ReplayServer::~ReplayServer() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
  }
  state_->stop_signal.notify_all();
  state_->server.stop();
  shut_down_accepted_sockets(state_->port);
  state_->thread.join();
}

std::string ReplayServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(state_->port);
}

int ReplayServer::port() const { return state_->port; }

void ReplayServer::add(const std::string& path, ReplayResponse response) {
  add(path, {}, std::move(response));
}

void ReplayServer::add(const std::string& path, const std::map<std::string, std::string>& query,
                       ReplayResponse response) {
  if (!response.body_file.empty()) response.body = read_file(response.body_file);
  std::lock_guard lock(state_->mutex);
  for (Script& script : state_->scripts) {
    if (script.path == path && script.query == query) {
      script.responses.push_back(std::move(response));
      return;
    }
  }
  state_->scripts.push_back(Script{path, query, {std::move(response)}, 0});
}

std::vector<RecordedRequest> ReplayServer::requests() const {
  std::lock_guard lock(state_->mutex);
  return state_->requests;
}

std::vector<RecordedRequest> ReplayServer::requests_to(const std::string& path) const {
  std::vector<RecordedRequest> out;
  for (auto& request : requests()) {
    if (request.path == path) out.push_back(std::move(request));
  }
  return out;
}

RefusingPort::RefusingPort() {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) throw std::runtime_error("refusing port: socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd_);
    throw std::runtime_error("refusing port: cannot bind 127.0.0.1:0");
  }
  port_ = ntohs(address.sin_port);  // bound, never listen()ed: connections get a RST
}

RefusingPort::~RefusingPort() { ::close(fd_); }

std::string RefusingPort::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

}  // namespace ah::testing
