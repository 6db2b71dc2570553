#include "tests/support/fixtures.h"

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace ah::testing {

std::optional<std::filesystem::path> shared_fixtures_dir() {
  std::filesystem::path dir = AH_SHARED_FIXTURES_DEFAULT;
  if (const char* env = std::getenv("AH_SHARED_FIXTURES"); env && *env) dir = env;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return std::nullopt;
  return dir;
}

std::filesystem::path own_fixture(std::string_view relative) {
  return std::filesystem::path(AH_OWN_FIXTURES_DIR) / relative;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read fixture " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::size_t after_nth(std::string_view text, std::string_view needle, int n) {
  std::size_t at = 0;
  for (int k = 0; k < n; ++k) {
    at = text.find(needle, k == 0 ? 0 : at);
    if (at == std::string_view::npos) {
      throw std::runtime_error("fewer than " + std::to_string(n) + " '" + std::string(needle) +
                               "'");
    }
    at += needle.size();
  }
  return at;
}

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = std::filesystem::temp_directory_path() /
                     ("ah-test-" + std::to_string(rd()) + std::to_string(attempt));
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace ah::testing
