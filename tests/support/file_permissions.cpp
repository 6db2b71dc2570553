#include "tests/support/file_permissions.h"

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>

namespace ah::testing {
namespace {

// capset(2) on the calling thread only (glibc has no wrapper; libcap would be one more package
// for two lines).
void drop_file_override_on_this_thread() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
  if (syscall(SYS_capget, &header, data) != 0) throw std::runtime_error("capget failed");
  const unsigned mask = (1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH);
  if ((data[0].effective & mask) == 0) return;
  data[0].effective &= ~mask;
  if (syscall(SYS_capset, &header, data) != 0) throw std::runtime_error("capset failed");
}

}  // namespace

void run_without_file_override(const std::function<void()>& fn) {
  std::exception_ptr failure;
  std::thread([&] {
    try {
      drop_file_override_on_this_thread();
      fn();
    } catch (...) {
      failure = std::current_exception();
    }
  }).join();
  if (failure) std::rethrow_exception(failure);
}

std::vector<std::string> without_file_override_prefix() {
  if (geteuid() != 0) return {};
  return {"/usr/bin/setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"};
}

}  // namespace ah::testing
