#include "tests/support/cli_runner.h"

#include <sys/wait.h>

#include <cstdlib>

#include "tests/support/fixtures.h"

namespace ah::testing {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

CliResult run_cli(const std::filesystem::path& binary, const std::vector<std::string>& args,
                  const std::filesystem::path& home,
                  const std::map<std::string, std::string>& env) {
  auto out_file = home / "cli.stdout";
  auto err_file = home / "cli.stderr";
  std::string cmd = "env -i PATH=/usr/bin:/bin HOME=" + shell_quote(home.string());
  for (const auto& [k, v] : env) cmd += " " + k + "=" + shell_quote(v);
  cmd += " " + shell_quote(binary.string());
  for (const std::string& a : args) cmd += " " + shell_quote(a);
  cmd += " >" + shell_quote(out_file.string()) + " 2>" + shell_quote(err_file.string()) +
         " </dev/null";
  int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_file);
  r.err = read_file(err_file);
  return r;
}

}  // namespace ah::testing
