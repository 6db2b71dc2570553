// A raw HTTP/1.1 client over a loopback TCP socket, for tests that must send what a well-behaved
// client never would (partial heads, bodies on GET, pipelined requests, floods) and see exactly
// what comes back. Every read has a deadline. Thread-compatible: one thread per connection.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ah::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased; the last value of a name
  std::string body;

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class RawConnection {
 public:
  // Connects to 127.0.0.1:port (blocking, at most `timeout`). `receive_buffer` > 0 sets the
  // socket's receive buffer (bytes) first, so that a client that reads slowly makes the server
  // wait. Throws std::runtime_error when it cannot connect.
  explicit RawConnection(int port, std::chrono::milliseconds timeout = std::chrono::seconds(5),
                         int receive_buffer = 0);
  ~RawConnection();
  RawConnection(RawConnection&& other) noexcept;
  RawConnection& operator=(RawConnection&&) = delete;
  RawConnection(const RawConnection&) = delete;

  // Sends all of `bytes`; false when the server closed or reset the connection, or when it did not
  // take them within `timeout`.
  bool send(std::string_view bytes, std::chrono::milliseconds timeout = std::chrono::seconds(5));

  // The next response, framed by its Content-Length (a HEAD's response by its head alone); nullopt
  // when the connection closed or `timeout` passed first.
  std::optional<HttpReply> read_reply(std::chrono::milliseconds timeout, bool head = false);

  // Every byte until the server closes the connection or `timeout` passes; `closed` tells which.
  std::string read_all(std::chrono::milliseconds timeout, bool* closed = nullptr);

  // Reads whatever is available now without waiting (into the pending bytes); false when the server
  // has closed or reset the connection.
  bool poll_read();
  // Bytes read and not yet taken by read_reply.
  const std::string& pending() const { return pending_; }

  int fd() const { return fd_; }

 private:
  // Waits until `deadline` for bytes and appends them to pending_; false on close, reset or
  // timeout.
  bool fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string pending_;
  bool closed_ = false;
};

// How many times `needle` occurs in `haystack`.
std::size_t count_of(std::string_view haystack, std::string_view needle);

}  // namespace ah::testing
