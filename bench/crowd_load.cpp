// crowd_load: holds a crowd of idle and slow connections open against a server on loopback while
// it measures a normal client's latency and the server's CPU use. See bench/README.md.
//
//   crowd_load --port P --pid PID [--idle 1000] [--slow 200] [--requests 500]
//              [--path /api/v1/feed?limit=10] [--cpu-seconds 10] [--timeout-ms 10000]
//              [--budget-seconds 60]
//
// 1. `idle` connections each send one request and, once answered, stay open and silent (kept
//    alive, as browsers leave them);
// 2. `slow` connections send half a request head, then one more byte every second, forever (a
//    slowloris); one the server closes is opened again at once;
// 3. `requests` GETs of `path`, one after the other, each on a new connection (fewer when they
//    take more than `budget-seconds` in all): p50, p99, max;
// 4. the server's CPU time (/proc/PID/stat) over `cpu-seconds` with the crowd still there, and its
//    resident memory.
// Loopback only; every wait has a deadline, so the run ends even when the server does not answer.
#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left);
}

// A non-blocking loopback connection to `port`, or -1.
int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  int yes = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    ::close(fd);
    return -1;
  }
  pollfd p{fd, POLLOUT, 0};
  if (::poll(&p, 1, 5000) != 1 || (p.revents & (POLLERR | POLLHUP))) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, std::string_view bytes, Clock::time_point deadline) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) return false;
    pollfd p{fd, POLLOUT, 0};
    if (::poll(&p, 1, remaining_ms(deadline)) != 1) return false;
  }
  return true;
}

// Reads one response framed by Content-Length; its status, or 0 on close or timeout.
int read_response(int fd, Clock::time_point deadline) {
  std::string in;
  size_t head_end = std::string::npos, need = 0;
  char buf[16 * 1024];
  for (;;) {
    if (head_end == std::string::npos && (head_end = in.find("\r\n\r\n")) != std::string::npos) {
      std::string head = in.substr(0, head_end);
      for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const size_t cl = head.find("\r\ncontent-length:");
      need = head_end + 4 + (cl == std::string::npos ? 0 : std::stoul(head.substr(cl + 17)));
    }
    if (head_end != std::string::npos && in.size() >= need) {
      return in.size() > 12 ? std::atoi(in.c_str() + 9) : 0;
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, remaining_ms(deadline)) != 1) return 0;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return 0;
    in.append(buf, static_cast<size_t>(n));
  }
}

double cpu_seconds(int pid) {
  std::ifstream in(fmt::format("/proc/{}/stat", pid));
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t paren = stat.rfind(')');
  if (paren == std::string::npos) return 0;
  std::istringstream fields(stat.substr(paren + 2));
  std::string skip;
  for (int i = 3; i < 14; ++i) fields >> skip;
  unsigned long long utime = 0, stime = 0;
  fields >> utime >> stime;
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string proc_status(int pid, std::string_view key) {
  std::ifstream in(fmt::format("/proc/{}/status", pid));
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(key)) {
      std::string v = line.substr(key.size());
      v.erase(0, v.find_first_not_of(" \t"));
      return v;
    }
  }
  return "?";
}

// Connections still open: not readable (a closed one reads as end of file).
int count_open(const std::vector<int>& fds) {
  int open = 0;
  for (int fd : fds) {
    pollfd p{fd, POLLIN | POLLRDHUP, 0};
    if (::poll(&p, 1, 0) == 0) ++open;
  }
  return open;
}

// The slowloris: `count` connections with half a head, one more byte each second; a closed one
// is replaced. Runs until `stop`.
void trickle(int port, int count, const std::atomic<bool>& stop, std::atomic<int>& reopened) {
  const std::string head = "GET /api/v1/feed HTTP/1.1\r\nHost: bench\r\nX-Slow: ";
  std::vector<int> fds;
  for (int i = 0; i < count; ++i) {
    const int fd = connect_to(port);
    if (fd >= 0 && send_all(fd, head, Clock::now() + milliseconds(1000))) fds.push_back(fd);
  }
  while (!stop) {
    for (int& fd : fds) {
      char sink[256];
      const bool closed = ::recv(fd, sink, sizeof sink, MSG_DONTWAIT) == 0 ||
                          ::send(fd, "a", 1, MSG_NOSIGNAL | MSG_DONTWAIT) < 0;
      if (!closed) continue;
      ::close(fd);
      fd = connect_to(port);
      if (fd >= 0) (void)send_all(fd, head, Clock::now() + milliseconds(1000));
      ++reopened;
    }
    for (int i = 0; i < 10 && !stop; ++i) std::this_thread::sleep_for(milliseconds(100));
  }
  for (int fd : fds) ::close(fd);
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, pid = 0, idle = 1000, slow = 200, requests = 500, timeout_ms = 10'000;
  int budget_s = 60;
  double cpu_window = 10;
  std::string path = "/api/v1/feed?limit=10";
  CLI::App app{"holds idle and slow connections open while measuring latency and CPU"};
  app.add_option("--port", port, "the server's loopback port")->required();
  app.add_option("--pid", pid, "the server's process id (for its CPU time)")->required();
  app.add_option("--idle", idle, "kept-alive idle connections (default 1000)");
  app.add_option("--slow", slow, "slow-header connections (default 200)");
  app.add_option("--requests", requests, "measured requests, one after the other (default 500)");
  app.add_option("--path", path, "what they ask for (default /api/v1/feed?limit=10)");
  app.add_option("--cpu-seconds", cpu_window, "window of the CPU measurement (default 10)");
  app.add_option("--timeout-ms", timeout_ms, "deadline of each wait (default 10000)");
  app.add_option("--budget-seconds", budget_s, "time for all measured requests (default 60)");
  CLI11_PARSE(app, argc, argv);

  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);

  // 1. The idle crowd: all requests sent, then the answers collected (one deadline for all).
  const std::string hello = "GET /api/v1/health HTTP/1.1\r\nHost: bench\r\n\r\n";
  std::vector<int> idle_fds;
  const auto setup_start = Clock::now();
  for (int i = 0; i < idle; ++i) {
    const int fd = connect_to(port);
    if (fd < 0) break;
    idle_fds.push_back(fd);
    (void)send_all(fd, hello, Clock::now() + milliseconds(timeout_ms));
  }
  int idle_served = 0;
  const auto answers_by = Clock::now() + milliseconds(3 * timeout_ms);
  for (int fd : idle_fds) idle_served += read_response(fd, answers_by) == 200;
  const double setup_s = std::chrono::duration<double>(Clock::now() - setup_start).count();

  // 2. The slowloris, on a thread of its own.
  std::atomic<bool> stop{false};
  std::atomic<int> reopened{0};
  std::thread slow_thread(trickle, port, slow, std::cref(stop), std::ref(reopened));
  std::this_thread::sleep_for(milliseconds(500));

  // 3. A normal client.
  const std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n";
  std::vector<double> ms;
  int failed = 0;
  const auto budget_end = Clock::now() + std::chrono::seconds(budget_s);
  for (int i = 0; i < requests && Clock::now() < budget_end; ++i) {
    const auto start = Clock::now();
    const auto deadline = start + milliseconds(timeout_ms);
    const int fd = connect_to(port);
    const bool ok =
        fd >= 0 && send_all(fd, request, deadline) && read_response(fd, deadline) == 200;
    if (fd >= 0) ::close(fd);
    if (!ok) ++failed;
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) {
    return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))];
  };

  // 4. The server at rest beside the crowd.
  const double cpu_before = cpu_seconds(pid);
  const auto wall_before = Clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(cpu_window));
  const double cpu_pct = 100 * (cpu_seconds(pid) - cpu_before) /
                         std::chrono::duration<double>(Clock::now() - wall_before).count();
  const int idle_open = count_open(idle_fds);
  const std::string rss = proc_status(pid, "VmRSS:");
  stop = true;
  slow_thread.join();
  for (int fd : idle_fds) ::close(fd);

  fmt::print(
      "idle connections: {} opened, {} answered ({:.1f} s), {} still open at the end\n"
      "slow connections: {} (reopened {} times after the server closed them)\n"
      "{} requests for {}: p50 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms, {} failed or timed out\n"
      "server CPU over {:.0f} s with the crowd: {:.2f}% of a core; resident memory {}\n",
      idle_fds.size(), idle_served, setup_s, idle_open, slow, reopened.load(), ms.size(), path,
      pct(0.50), pct(0.99), ms.empty() ? 0.0 : ms.back(), failed, cpu_window, cpu_pct, rss);
  fmt::print("summary|{:.1f}|{:.1f}|{:.1f}|{}|{:.2f}|{}|{}|{}\n", pct(0.50), pct(0.99),
             ms.empty() ? 0.0 : ms.back(), failed, cpu_pct, idle_served, idle_open, rss);
  return 0;
}
