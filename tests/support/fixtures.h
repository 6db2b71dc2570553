// Access to test fixtures: the project's own (tests/fixtures) and the shared recordings beside the
// project (../shared/fixtures, overridable with AH_SHARED_FIXTURES). Thread-safe (read-only).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace ah::testing {

// The shared fixtures folder, or nullopt when it is absent on this machine.
std::optional<std::filesystem::path> shared_fixtures_dir();

// Path of a file under the project's own tests/fixtures.
std::filesystem::path own_fixture(std::string_view relative);

// Whole file contents; a test failure (exception) when it cannot be read.
std::string read_file(const std::filesystem::path& path);

// The offset just past the n-th (1-based) occurrence of `needle` in `text`; a test failure
// (exception) when there are fewer. For cutting a document at a chosen place.
std::size_t after_nth(std::string_view text, std::string_view needle, int n);

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace ah::testing

// Resolves `relative` under the shared fixtures into `var`, or skips the test with a message.
#define AH_SHARED_FIXTURE_OR_SKIP(var, relative)                                       \
  std::filesystem::path var;                                                           \
  do {                                                                                 \
    auto ah_dir_ = ::ah::testing::shared_fixtures_dir();                               \
    if (!ah_dir_) GTEST_SKIP() << "../shared/fixtures is absent: skipping " relative;  \
    var = *ah_dir_ / relative;                                                         \
    ASSERT_TRUE(std::filesystem::exists(var)) << "missing shared fixture " << var;     \
  } while (0)
