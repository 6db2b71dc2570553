// Lets a test see file permissions refused even when the tests run as root (as in CI), where
// CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH would otherwise let every directory be read.
// Thread-safe: each call changes only the thread it starts.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace ah::testing {

// Runs `fn` on a new thread without those two capabilities in its effective set (capabilities
// are per thread on Linux; threads that `fn` starts inherit the reduced set) and waits for it.
// For a process that does not hold them, this is a plain call on another thread.
void run_without_file_override(const std::function<void()>& fn);

// The command prefix that runs a child process without those capabilities: `setpriv` dropping
// them from the bounding set when this process is root, else nothing.
std::vector<std::string> without_file_override_prefix();

}  // namespace ah::testing
