// Runs the academichub binary as a child process for end-to-end tests of the command line.
// Thread-compatible: one call at a time per TempDir.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ah::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `binary args...` with `env` added to a minimal environment (HOME is set to `home`, so no
// user config is read), capturing stdout and stderr through files in `home`.
CliResult run_cli(const std::filesystem::path& binary, const std::vector<std::string>& args,
                  const std::filesystem::path& home,
                  const std::map<std::string, std::string>& env = {});

// Quotes `s` for /bin/sh.
std::string shell_quote(const std::string& s);

}  // namespace ah::testing
