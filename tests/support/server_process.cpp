#include "tests/support/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/support/fixtures.h"

extern char** environ;

namespace ah::testing {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

ServerProcess::ServerProcess(const std::filesystem::path& binary, const std::filesystem::path& db,
                             const std::filesystem::path& dir, std::vector<std::string> extra) {
  std::vector<std::string> args = {binary.string(), "--db",     db.string(),
                                   "serve",         "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  err_path_ = dir / "serve.stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int spawned = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (spawned != 0) {
    close(out[0]);
    pid_ = -1;
    throw std::runtime_error("cannot start " + binary.string());
  }
  out_ = fdopen(out[0], "r");
  char line[512] = {};
  if (!fgets(line, sizeof line, out_)) throw std::runtime_error("serve printed nothing: " + err());
  first_line_ = line;
  const size_t at = first_line_.find("http://127.0.0.1:");
  if (at == std::string::npos) throw std::runtime_error("unexpected first line: " + first_line_);
  port_ = std::stoi(first_line_.substr(at + 17));
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    (void)wait_exit(std::chrono::seconds(15));
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  if (out_) fclose(out_);
}

std::string ServerProcess::err() const { return read_file(err_path_); }

int ServerProcess::wait_exit(milliseconds limit) {
  const auto until = steady_clock::now() + limit;
  while (steady_clock::now() < until) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(milliseconds(20));
  }
  return -1;
}

std::chrono::duration<double> cpu_time(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the command name (in parentheses, which may hold blanks): state is field 3, utime
  // and stime fields 14 and 15.
  const size_t close_paren = stat.rfind(')');
  if (close_paren == std::string::npos) throw std::runtime_error("no /proc/PID/stat");
  std::istringstream fields(stat.substr(close_paren + 2));
  std::string skip;
  for (int i = 3; i < 14; ++i) fields >> skip;
  unsigned long long utime = 0, stime = 0;
  fields >> utime >> stime;
  return std::chrono::duration<double>(static_cast<double>(utime + stime) /
                                       static_cast<double>(sysconf(_SC_CLK_TCK)));
}

std::size_t peak_rss_bytes(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("VmHWM:")) return std::stoull(line.substr(6)) * 1024;
  }
  throw std::runtime_error("no VmHWM in /proc/PID/status");
}

std::size_t raise_open_files_limit() {
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  return limit.rlim_cur == RLIM_INFINITY ? 1u << 20 : static_cast<std::size_t>(limit.rlim_cur);
}

}  // namespace ah::testing
