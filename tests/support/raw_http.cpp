#include "tests/support/raw_http.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace ah::testing {

using Clock = std::chrono::steady_clock;

namespace {

int remaining_ms(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left);
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace

RawConnection::RawConnection(int port, std::chrono::milliseconds timeout, int receive_buffer) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("socket: " + std::to_string(errno));
  int yes = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  if (receive_buffer > 0) {
    setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    if (errno != EINPROGRESS) {
      ::close(fd_);
      throw std::runtime_error("connect: " + std::to_string(errno));
    }
    pollfd p{fd_, POLLOUT, 0};
    int error = 0;
    socklen_t len = sizeof error;
    if (::poll(&p, 1, static_cast<int>(timeout.count())) != 1 ||
        getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &len) != 0 || error != 0) {
      ::close(fd_);
      throw std::runtime_error("connect did not complete");
    }
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

RawConnection::RawConnection(RawConnection&& other) noexcept
    : fd_(other.fd_), pending_(std::move(other.pending_)), closed_(other.closed_) {
  other.fd_ = -1;
}

bool RawConnection::send(std::string_view bytes, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return false;
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, remaining_ms(deadline)) != 1) return false;
    if (p.revents & (POLLERR | POLLHUP)) return false;
  }
  return true;
}

bool RawConnection::fill(Clock::time_point deadline) {
  if (closed_) return false;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, remaining_ms(deadline)) != 1) return false;
  char buf[64 * 1024];
  const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
  if (n > 0) {
    pending_.append(buf, static_cast<size_t>(n));
    return true;
  }
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return true;
  closed_ = true;  // EOF or reset
  return false;
}

bool RawConnection::poll_read() {
  while (!closed_) {
    char buf[64 * 1024];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
    if (n > 0) {
      pending_.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return true;
    closed_ = true;
  }
  return false;
}

std::optional<HttpReply> RawConnection::read_reply(std::chrono::milliseconds timeout, bool head) {
  const auto deadline = Clock::now() + timeout;
  size_t end = std::string::npos;
  while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill(deadline)) return std::nullopt;
  }
  HttpReply reply;
  std::string_view text(pending_.data(), end);
  const size_t line_end = text.find("\r\n");
  const std::string_view status_line = text.substr(0, line_end);
  if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.")) return std::nullopt;
  reply.status = std::stoi(std::string(status_line.substr(9, 3)));
  std::string_view rest = line_end == std::string_view::npos ? "" : text.substr(line_end + 2);
  while (!rest.empty()) {
    const size_t eol = rest.find("\r\n");
    const std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? "" : rest.substr(eol + 2);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    reply.headers[lower(std::string(line.substr(0, colon)))] = std::string(value);
  }
  size_t length = 0;
  if (!head && !reply.header("content-length").empty()) {
    length = std::stoull(reply.header("content-length"));
  }
  const size_t body_at = end + 4;
  while (pending_.size() < body_at + length) {
    if (!fill(deadline)) return std::nullopt;
  }
  reply.body = pending_.substr(body_at, length);
  pending_.erase(0, body_at + length);
  return reply;
}

std::string RawConnection::read_all(std::chrono::milliseconds timeout, bool* closed) {
  const auto deadline = Clock::now() + timeout;
  while (fill(deadline)) {
  }
  if (closed) *closed = closed_;
  std::string out = std::move(pending_);
  pending_.clear();
  return out;
}

std::size_t count_of(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

}  // namespace ah::testing
