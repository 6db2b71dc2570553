// `academichub serve` as a child process for end-to-end tests: started on a free loopback port, its
// address read from the first line of its stdout, its stderr (the log) kept in a file, and what the
// kernel says about it (CPU time, memory) readable from /proc. Thread-compatible.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace ah::testing {

class ServerProcess {
 public:
  // Runs `binary --db DB serve --listen 127.0.0.1:0 EXTRA...` with its stderr in DIR/serve.stderr
  // and waits for its address. Throws std::runtime_error when it cannot start or says nothing.
  ServerProcess(const std::filesystem::path& binary, const std::filesystem::path& db,
                const std::filesystem::path& dir, std::vector<std::string> extra = {});
  // Stops it with SIGTERM (SIGKILL after 15 s).
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  const std::string& first_line() const { return first_line_; }
  // Its stderr so far.
  std::string err() const;
  pid_t pid() const { return pid_; }

  // Waits for the process to end; its exit code, or -1 when it is still running at `limit`.
  int wait_exit(std::chrono::milliseconds limit);

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  int port_ = 0;
  std::string first_line_;
  std::filesystem::path err_path_;
};

// CPU time (user + system) the process `pid` has used so far, from /proc/PID/stat.
std::chrono::duration<double> cpu_time(pid_t pid);

// The process's peak resident memory (VmHWM in /proc/PID/status), in bytes.
std::size_t peak_rss_bytes(pid_t pid);

// Raises this process's soft limit on open files to the hard limit (for tests that open thousands
// of sockets); returns the limit now in force.
std::size_t raise_open_files_limit();

}  // namespace ah::testing
